import TrainingCore

/// The gradient a hidden neuron's `sign` passes back during training (the forward pass is
/// always `sign(y)`, with sign(0) = +1).
public enum SignEstimator: Hashable, Sendable {
  /// The straight-through estimator with the hardtanh window: `∂a/∂y = [|y| ≤ 1]`.
  case ste
  /// ReSTE (Wu et al., ICCV 2023): the derivative of the rectified `sign(y)·|y|^(1/o)`,
  /// `∂a/∂y = (1/o)·max(|y|, 0.1)^(1/o − 1)` for `|y| ≤ t`, 0 beyond; `o = 1` is the STE
  /// with window `t`, a larger `o` is closer to the sign function.
  case reste(power: Float, threshold: Float)

  /// The gradient factor at `y`; powers come from ``BitCore/DeterministicMath`` (no C
  /// library), so it is the same on every machine.
  public func derivative(at y: Float) -> Float {
    switch self {
    case .ste:
      return abs(y) <= 1 ? 1 : 0
    case .reste(let o, let t):
      let m = abs(y)
      guard m <= t else { return 0 }
      let exponent = 1 / o - 1
      if exponent == 0 { return 1 / o }
      let logm = Float(DeterministicMath.log(Double(max(m, 0.1))))
      return DeterministicMath.exp(exponent * logm) / o
    }
  }
}

/// How a hidden neuron's output bit is drawn in training; evaluation and the exported net
/// are always deterministic (`y ≥ 0`).
public enum Binarization: String, Hashable, Sendable, CaseIterable {
  /// `+1` when `y ≥ 0`.
  case det
  /// `+1` with probability `hardsigmoid(y) = clip((y + 1)/2, 0, 1)`, from the
  /// `stochastic activation` stream (``BnnRandomStreams``).
  case stoch
}
