import BitCore
import FixedPoint

/// Where the random words of one constant quantization come from (spec ambiguity A11).
///
/// Element `i` of the tensor uses word `i` of the ``CounterRNG`` (Philox4x64-10) keyed by
/// `(seed, step << 32 | tensor)`. With the sign-magnitude form the scaled magnitude `|v|`
/// (an exact dyadic rational, fraction `f = |v| − ⌊|v|⌋`) rounds up exactly when
/// `word / 2^64 < f`. A Python reference replays it:
///
/// ```python
/// import numpy as np
/// words = np.random.Philox(key=[seed, (step << 32) | tensor]).random_raw(n)
/// # element i: n_i = floor(|v_i|) + (words[i] < f_i * 2**64), then clamp, then the sign
/// ```
public struct StochasticKey: Sendable, Hashable, Codable {
  /// The run's seed.
  public var seed: UInt64
  /// The training step.
  public var step: UInt32
  /// The tensor's number within a step.
  public var tensor: UInt32

  /// The key of one tensor at one step.
  public init(seed: UInt64, step: UInt32 = 0, tensor: UInt32 = 0) {
    self.seed = seed
    self.step = step
    self.tensor = tensor
  }

  /// The generator: key `(seed, step << 32 | tensor)`.
  public var rng: CounterRNG {
    CounterRNG(seed: seed, stream: UInt64(step) << 32 | UInt64(tensor))
  }
}

extension WAGEUBNQuantizer {
  /// Constant quantization of a weight gradient (spec §1.2): with `R = R(g)` and
  /// `gScale = 2^gScaleBits`, `n = clamp(SR(gScale·g/R), ±(gScale − 1))`; the magnitude `R` is
  /// discarded and the result is `n · 2^exponent` on the constant grid
  /// `exponent = −(7 + k − 1)` (`2^−14` for `k = 8`, the official `n / (128·2^(k−1))`).
  /// Stochastic rounding uses `key` (see ``StochasticKey``) in the profile's
  /// ``StochasticForm``. An all-zero tensor gives zeros.
  public func constant(
    _ g: FixedArray, bits k: Int, gScaleBits: Int, key: StochasticKey
  ) -> QuantizedTensor {
    precondition(k >= 2 && gScaleBits >= 1, "k >= 2, gScale >= 2")
    let exponent = -(7 + k - 1)
    let width = gScaleBits + 1
    guard let r = shiftExponent(g) else {
      return .zeros(g.count, width: width, exponent: exponent, shift: nil)
    }
    let fraction = g.format.fractionBits + r - gScaleBits
    var events = QuantizationEvents()
    let codes: [BigInt]
    switch profile.stochasticForm {
    case .signMagnitude:
      let signed = g.codes
      let magnitudes = FixedArray(
        codes: signed.map { $0.isNegative ? -$0 : $0 },
        format: FixedFormat(signed: false, width: g.format.width, fractionBits: fraction))
      let n = magnitudes.quantized(
        to: FixedFormat(signed: false, width: gScaleBits, fractionBits: 0), rounding: .stochastic,
        overflow: .sat, random: key.rng, events: &events
      ).codes
      codes = zip(signed, n).map { $0.isNegative ? -$1 : $1 }
    case .floor:
      let scaled = g.reinterpreted(fractionBits: fraction)
      codes =
        scaled.quantized(
          to: FixedFormat(signed: true, width: width, fractionBits: 0), rounding: .stochastic,
          overflow: .satSym, random: key.rng, events: &events
        ).codes
    }
    return QuantizedTensor(
      codes: FixedArray(
        codes: codes, format: FixedFormat(signed: true, width: width, fractionBits: 0)),
      exponent: exponent, shiftExponent: r, coarse: nil, zeroScale: false, events: events)
  }
}
