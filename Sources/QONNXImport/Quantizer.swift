import FixedPoint

/// QONNX's `Quant` with a zero point of 0 — `q = clamp(round(x / scale), min, max)`, the value
/// `q·scale` — computed exactly: `x / scale` is the quotient of two dyadic rationals, rounded
/// by integer division, so no float rounding can move a code (docs/binarized.md, "QONNX
/// import").
public struct Quantizer: Hashable, Sendable {
  /// How `x / scale` becomes an integer (QONNX's `rounding_mode`).
  public enum Rounding: String, Hashable, Sendable, CaseIterable {
    /// To nearest, ties to even (numpy's and torch's `round`).
    case round = "ROUND"
    /// Towards +∞.
    case ceil = "CEIL"
    /// Towards −∞.
    case floor = "FLOOR"
    /// Towards 0.
    case roundToZero = "ROUND_TO_ZERO"
    /// To nearest, ties towards +∞.
    case halfUp = "HALF_UP"
    /// To nearest, ties towards −∞.
    case halfDown = "HALF_DOWN"
  }

  /// Bits of a code (1…16).
  public let bits: Int
  /// Two's complement codes.
  public let signed: Bool
  /// Narrow range: the most negative signed code (or the largest unsigned one) is left out.
  public let narrow: Bool
  /// The rounding.
  public let rounding: Rounding
  /// The scale, a positive finite float.
  public let scale: Float

  /// A quantizer; ``QONNXImport`` checks the fields.
  public init(bits: Int, signed: Bool, narrow: Bool, rounding: Rounding, scale: Float) {
    self.bits = bits
    self.signed = signed
    self.narrow = narrow
    self.rounding = rounding
    self.scale = scale
  }

  /// The smallest code.
  public var minCode: Int { signed ? -(1 << (bits - 1)) + (narrow ? 1 : 0) : 0 }

  /// The largest code.
  public var maxCode: Int { signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1 - (narrow ? 1 : 0) }

  /// The code of `x` (±∞ clamp to the range), or `nil` for NaN.
  public func code(_ x: Float) -> Int? {
    if x.isNaN { return nil }
    if x.isInfinite { return x > 0 ? maxCode : minCode }
    return code(Dyadic(x))
  }

  /// The code of `x`, exactly.
  func code(_ x: Dyadic) -> Int {
    let s = Dyadic(scale)
    // x / s = (xm / sm) · 2^(xe − se): one integer division of aligned mantissas.
    let shift = x.exponent - s.exponent
    let numerator = shift >= 0 ? x.mantissa << shift : x.mantissa
    let denominator = shift >= 0 ? s.mantissa : s.mantissa << -shift
    let q = Self.divide(numerator, denominator, rounding)
    if q < BigInt(minCode) { return minCode }
    if BigInt(maxCode) < q { return maxCode }
    return Int(q.int64Value!)
  }

  /// `n / d` for `d > 0`, rounded.
  static func divide(_ n: BigInt, _ d: BigInt, _ rounding: Rounding) -> BigInt {
    let (q, r) = n.floorDivided(by: d)
    if r.isZero { return q }
    // The quotient lies strictly between q and q + 1; compare 2r with d for the half.
    let half = BigInt.compare(r + r, d)
    switch rounding {
    case .floor: return q
    case .ceil: return q + BigInt(1)
    case .roundToZero: return q.signum < 0 ? q + BigInt(1) : q
    case .halfUp: return half >= 0 ? q + BigInt(1) : q
    case .halfDown: return half > 0 ? q + BigInt(1) : q
    case .round:
      if half != 0 { return half > 0 ? q + BigInt(1) : q }
      return q.bit(0) ? q + BigInt(1) : q
    }
  }
}
