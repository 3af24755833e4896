import BitCore
import FixedPoint

/// Exact rounding of `Int128` and ``BigInt`` quotients: the batch-norm quantizers' divisions.
extension IntegerRounding {
  /// `numerator / denominator` (`denominator > 0`) rounded with a deterministic `mode`, and
  /// whether it was inexact.
  package static func divide(_ numerator: Int128, by denominator: Int128, mode: RoundingMode)
    -> (Int128, Bool)
  {
    precondition(denominator > 0, "positive denominator")
    var q = numerator / denominator
    var r = numerator % denominator
    if r < 0 {
      q -= 1
      r += denominator
    }
    if r == 0 { return (q, false) }
    let rest = denominator - r
    let versus = r < rest ? -1 : (r == rest ? 0 : 1)
    let up = mode.roundsUp(
      remainderIsZero: false, remainderVersusHalf: versus, valueIsNegative: numerator < 0,
      quotientIsOdd: q & 1 != 0)
    return (up ? q + 1 : q, true)
  }

  /// `numerator / denominator` (`denominator > 0`, both `|·| < 2^62`) rounded with a
  /// deterministic `mode`, and whether it was inexact.
  package static func divideReportingInexact(
    _ numerator: Int64, by denominator: Int64, mode: RoundingMode
  ) -> (Int64, Bool) {
    let q = divide(numerator, by: denominator, mode: mode)
    return (q, q * denominator != numerator)
  }

  /// `numerator / denominator` (`denominator > 0`) rounded with a deterministic `mode`, and
  /// whether it was inexact.
  package static func divide(_ numerator: BigInt, by denominator: BigInt, mode: RoundingMode)
    -> (BigInt, Bool)
  {
    let (q, r) = numerator.floorDivided(by: denominator)
    if r.isZero { return (q, false) }
    let versus = BigInt.compare(r << 1, denominator)
    let up = mode.roundsUp(
      remainderIsZero: false, remainderVersusHalf: versus, valueIsNegative: numerator.isNegative,
      quotientIsOdd: q.bit(0))
    return (up ? q + 1 : q, true)
  }

  /// `⌊√v⌋` of a non-negative `v` (Newton's iteration from a power of two above the root).
  package static func squareRoot(_ v: BigInt) -> BigInt {
    precondition(!v.isNegative, "a non-negative radicand")
    if v.isZero { return 0 }
    var x = BigInt(1) << ((v.bitLength + 1) / 2)
    while true {
      let y = (x + v.floorDivided(by: x).quotient) >> 1
      if !(y < x) { return x }
      x = y
    }
  }

  /// `x` as `Int64`, clamped to `±(2^62 − 1)` (the quantizers' input range), and whether it
  /// was clamped.
  package static func clamped62(_ x: BigInt) -> (Int64, Bool) {
    let bound = (Int64(1) << 62) - 1
    if let v = x.int64Value, v.magnitude <= UInt64(bound) { return (v, false) }
    return (x.isNegative ? -bound : bound, true)
  }
}
