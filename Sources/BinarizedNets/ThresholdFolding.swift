import FixedPoint

/// The float32 parameters of `sign(BN(dot + bias))` for one neuron, as a framework stores
/// them: `BN(z) = γ·(z − μ)/√(σ² + ε) + β`.
public struct BatchNormParameters: Hashable, Sendable {
  /// γ, the scale.
  public var gamma: Float
  /// β, the shift.
  public var beta: Float
  /// μ, the running mean.
  public var mean: Float
  /// σ², the running variance.
  public var variance: Float
  /// ε.
  public var epsilon: Float
  /// The layer's bias before the batch norm (0 if none).
  public var bias: Float

  /// The parameters of one neuron.
  public init(
    gamma: Float, beta: Float, mean: Float, variance: Float, epsilon: Float, bias: Float = 0
  ) {
    self.gamma = gamma
    self.beta = beta
    self.mean = mean
    self.variance = variance
    self.epsilon = epsilon
    self.bias = bias
  }
}

/// Folds `sign(BN(dot + bias))` (sign(0) = +1) into an integer threshold and a direction,
/// exactly: the real-number value of the float32 parameters decides, with no float
/// arithmetic (docs/binarized.md, "Folding batch norm").
public enum ThresholdFolding {
  /// The activation equal to `BN(dot + bias) ≥ 0` for every integer `dot` in
  /// `−dotBound…dotBound`: `dot ≥ T` when γ > 0, `dot ≤ T` when γ < 0, constant when γ = 0
  /// (then the sign of β). A threshold outside the range is clamped to `±(dotBound + 1)`.
  public static func fold(
    _ p: BatchNormParameters, dotBound: Int
  ) throws(BinarizedNetError) -> NeuronActivation {
    let fields: [(String, Float)] = [
      ("gamma", p.gamma), ("beta", p.beta), ("mean", p.mean), ("variance", p.variance),
      ("epsilon", p.epsilon), ("bias", p.bias),
    ]
    for (name, x) in fields where !x.isFinite {
      throw .batchNorm("'\(name)' is not finite")
    }
    guard p.variance >= 0 else { throw .batchNorm("'variance' is negative") }
    guard p.epsilon >= 0 else { throw .batchNorm("'epsilon' is negative") }
    guard p.variance > 0 || p.epsilon > 0 else {
      throw .batchNorm("'variance' + 'epsilon' is zero")
    }
    guard (0...(1 << 52)).contains(dotBound) else {
      throw .batchNorm("dot bound \(dotBound) is outside 0...2^52")
    }
    if p.gamma == 0 { return .constant(p.beta >= 0) }
    let predicate = Predicate(p)
    if p.gamma > 0 {
      // Smallest dot that fires (monotone increasing).
      if predicate.fires(-dotBound) { return .atLeast(-dotBound) }
      if !predicate.fires(dotBound) { return .atLeast(dotBound + 1) }
      var (low, high) = (-dotBound, dotBound)  // !fires(low), fires(high)
      while high - low > 1 {
        let mid = low + (high - low) / 2
        if predicate.fires(mid) { high = mid } else { low = mid }
      }
      return .atLeast(high)
    }
    // Largest dot that fires (monotone decreasing).
    if predicate.fires(dotBound) { return .atMost(dotBound) }
    if !predicate.fires(-dotBound) { return .atMost(-dotBound - 1) }
    var (low, high) = (-dotBound, dotBound)  // fires(low), !fires(high)
    while high - low > 1 {
      let mid = low + (high - low) / 2
      if predicate.fires(mid) { low = mid } else { high = mid }
    }
    return .atMost(low)
  }

  /// `γ·(d + b − μ) + β·√(σ² + ε) ≥ 0` for an integer d, in integers scaled by
  /// D = 2^150 (every finite float32 times D is an integer, and √D = 2^75):
  /// `A(d) + Q·√R ≥ 0` with `A = G·(d·D + B − M)`, `Q = β·D`, `R = (σ² + ε)·D·D`
  /// — the whole inequality scaled by D², which is positive.
  struct Predicate {
    static let scale = 150
    let g: BigInt
    let offset: BigInt
    let q: BigInt
    let qqr: BigInt

    init(_ p: BatchNormParameters) {
      g = Self.scaled(p.gamma)
      offset = Self.scaled(p.bias) - Self.scaled(p.mean)
      q = Self.scaled(p.beta)
      let r = (Self.scaled(p.variance) + Self.scaled(p.epsilon)) << Self.scale
      qqr = q * q * r
    }

    func fires(_ d: Int) -> Bool {
      let a = g * ((BigInt(d) << Self.scale) + offset)
      if q.signum >= 0 { return a.signum >= 0 || qqr >= a * a }
      return a.signum >= 0 && a * a >= qqr
    }

    /// `x · 2^150`, exactly.
    static func scaled(_ x: Float) -> BigInt {
      if x == 0 { return BigInt(0) }
      let significand = Int(x.significandBitPattern) | (x.isNormal ? 1 << 23 : 0)
      let exponent = x.isNormal ? Int(x.exponent) - 23 : -149
      let magnitude = BigInt(significand) << (exponent + scale)
      return x.sign == .minus ? -magnitude : magnitude
    }
  }
}
