import BitCore
import FixedPoint

/// An independent exact reference for the quantizers: every value is the rational
/// `numerator / 2^shift` of ``BigInt``s, rounded by comparing twice the remainder with the
/// denominator, and `R`'s exponent found by comparing squares (no FixedPoint rounding code).
enum RationalReference {
  /// `n / 2^s` rounded with RND_CONV or RND_INF (`s` may be negative: exact).
  static func round(_ n: BigInt, shift s: Int, _ mode: RoundingMode) -> BigInt {
    if s <= 0 { return n << -s }
    let negative = n.isNegative
    let m = negative ? -n : n
    let q = m >> s
    let twice = (m - (q << s)) << 1
    let d = BigInt.powerOfTwo(s)
    var up = twice > d
    if twice == d { up = mode == .rndInf || q.bit(0) }
    let r = up ? q + 1 : q
    return negative ? -r : r
  }

  /// The integer `r` with `2^(r−½) ≤ M < 2^(r+½)` for `M = m / 2^f`, `m > 0`, i.e.
  /// `2^(2r−1+2f) ≤ m² < 2^(2r+1+2f)`.
  static func exponent(maxCode m: BigInt, fractionBits f: Int) -> Int {
    let square = m * m
    var r = -f  // m² ≥ 1 = 2^(2r + 2f) > 2^(2r − 1 + 2f) for this start
    while !(square < BigInt.powerOfTwo(2 * r + 1 + 2 * f)) { r += 1 }
    precondition(2 * r - 1 + 2 * f < 0 || BigInt.powerOfTwo(2 * r - 1 + 2 * f) <= square)
    return r
  }

  static func clamp(_ x: BigInt, _ bound: BigInt) -> BigInt {
    x > bound ? bound : (x < -bound ? -bound : x)
  }

  static func maxCode(_ codes: [BigInt]) -> BigInt {
    codes.map { $0.isNegative ? -$0 : $0 }.max { $0 < $1 } ?? 0
  }

  static func direct(_ codes: [BigInt], _ f: Int, _ k: Int, _ mode: RoundingMode, saturate: Bool)
    -> [BigInt]
  {
    codes.map {
      let q = round($0, shift: f - (k - 1), mode)
      return saturate ? clamp(q, BigInt.powerOfTwo(k - 1) - 1) : q
    }
  }

  static func shift(_ codes: [BigInt], _ f: Int, _ k: Int, _ mode: RoundingMode, bound: BigInt) -> (
    Int, [BigInt]
  ) {
    let r = exponent(maxCode: maxCode(codes), fractionBits: f)
    return (r, codes.map { clamp(round($0, shift: f + r - (k - 1), mode), bound) })
  }

  static func e2(_ codes: [BigInt], _ f: Int, _ k: Int, _ mode: RoundingMode) -> (Int, [BigInt]) {
    let r = exponent(maxCode: maxCode(codes), fractionBits: f)
    let half = BigInt.powerOfTwo(k - 1)
    return (
      r,
      codes.map { c in
        // m = |c| · 2^(k−1) / 2^(f + r); m < 1 ⇔ |c| · 2^(k−1) < 2^(f + r).
        let m = c.isNegative ? -c : c
        let small = (f + r >= 0) ? (m << (k - 1)) < BigInt.powerOfTwo(f + r) : m.isZero
        let magnitude =
          small
          ? clamp(round(m, shift: f + r - 2 * (k - 1), mode), half)
          : clamp(round(m, shift: f + r - (k - 1), mode), half - 1) << (k - 1)
        return c.isNegative ? -magnitude : magnitude
      }
    )
  }

  /// Constant quantization with the words of `rng`: `v = c · 2^(g − f − r)`; the sign-magnitude
  /// form rounds `|v|` up when `word · 2^s < (|c| mod 2^s) · 2^64` (`s` dropped bits), the
  /// floor form rounds `v` likewise with the floor remainder.
  static func constant(
    _ codes: [BigInt], _ f: Int, gScaleBits g: Int, rng: CounterRNG, signMagnitude: Bool
  ) -> [BigInt] {
    let r = exponent(maxCode: maxCode(codes), fractionBits: f)
    let s = f + r - g
    let bound = BigInt.powerOfTwo(g) - 1
    return codes.enumerated().map { i, c in
      let word = BigInt(rng.word(at: UInt64(i)))
      func sr(_ x: BigInt) -> BigInt {
        if s <= 0 { return x << -s }
        let q = x >> s  // floor
        let remainder = x - (q << s)
        return (word << s) < (remainder << 64) ? q + 1 : q
      }
      if signMagnitude {
        let n = clamp(sr(c.isNegative ? -c : c), bound)
        return c.isNegative ? -n : n
      }
      return clamp(sr(c), bound)
    }
  }
}
