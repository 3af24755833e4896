import BinarizedNets
import FixedPoint

/// What a graph computes from one neuron's integer dot product `d` before its activation,
/// exactly: `y = (a·d + b)/√v + c` with dyadic `a`, `b`, `c` and a positive dyadic `v`
/// (`v = 1` until a batch norm divides by `√(σ² + ε)`). The scales of the quantized inputs and
/// weights, a bias, a batch norm and its folded `Mul`/`Add` form all keep this shape.
struct NeuronAffine: Sendable {
  var a: Dyadic
  var b: Dyadic
  var c: Dyadic
  var v: Dyadic

  /// `y = scale·d`.
  init(scale: Dyadic) {
    a = scale
    b = .zero
    c = .zero
    v = .one
  }

  /// `y + x`.
  mutating func add(_ x: Dyadic) { c = c + x }

  /// `y · x`.
  mutating func multiply(by x: Dyadic) {
    a = a * x
    b = b * x
    c = c * x
  }

  /// `γ·(y − μ)/√(σ² + ε) + β`; `false` when `y` already went through a batch norm.
  mutating func batchNorm(
    gamma: Dyadic, beta: Dyadic, mean: Dyadic, variance: Dyadic
  ) -> Bool {
    guard Dyadic.compare(v, .one) == 0 else { return false }
    // γ·(a·d + b + c − μ)/√var + β
    a = gamma * a
    b = gamma * (b + c - mean)
    c = beta
    v = variance
    return true
  }

  /// `y ≥ 0` for the integer `d`: with `√v > 0`, `(a·d + b) + c·√v ≥ 0`; for `p = a·d + b`:
  /// when `c ≥ 0`, `p ≥ 0` or `c²·v ≥ p²`; when `c < 0`, `p ≥ 0` and `p² ≥ c²·v`.
  func isNonNegative(at d: Int) -> Bool {
    let p = a * Dyadic(d) + b
    let ccv = c * c * v
    let pp = p * p
    if c.signum >= 0 { return p.signum >= 0 || Dyadic.compare(ccv, pp) >= 0 }
    return p.signum >= 0 && Dyadic.compare(pp, ccv) >= 0
  }

  /// The activation equal to `y ≥ 0` for every dot in `−bound…bound`: `y` is monotone in `d`
  /// (increasing when `a > 0`, decreasing when `a < 0`, constant when `a = 0`), so a
  /// bisection finds the threshold; one outside the range is clamped to `±(bound + 1)`, as
  /// ``BinarizedNets/ThresholdFolding`` does.
  func activation(bound: Int) -> NeuronActivation {
    if a.signum == 0 { return .constant(isNonNegative(at: 0)) }
    if a.signum > 0 {
      if isNonNegative(at: -bound) { return .atLeast(-bound) }
      if !isNonNegative(at: bound) { return .atLeast(bound + 1) }
      var (low, high) = (-bound, bound)  // !fires(low), fires(high)
      while high - low > 1 {
        let mid = low + (high - low) / 2
        if isNonNegative(at: mid) { high = mid } else { low = mid }
      }
      return .atLeast(high)
    }
    if isNonNegative(at: bound) { return .atMost(bound) }
    if !isNonNegative(at: -bound) { return .atMost(-bound - 1) }
    var (low, high) = (-bound, bound)  // fires(low), !fires(high)
    while high - low > 1 {
      let mid = low + (high - low) / 2
      if isNonNegative(at: mid) { low = mid } else { high = mid }
    }
    return .atMost(low)
  }

  /// The negated value, `−y` (for a `Sign`'s zero test).
  var negated: NeuronAffine {
    var n = self
    n.a = -a
    n.b = -b
    n.c = -c
    return n
  }

  /// `y = scale·d + offset` with float32 `scale` and `offset`, or `nil` when a batch norm
  /// divides by an irrational `√v` or a coefficient is not a float32.
  var floatAffine: (scale: Float, offset: Float)? {
    guard Dyadic.compare(v, .one) == 0, let scale = a.exactFloat,
      let offset = (b + c).exactFloat
    else { return nil }
    return (scale, offset)
  }
}
