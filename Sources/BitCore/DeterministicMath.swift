/// The logarithm and cosine ``CounterRNG/normal(at:)`` needs, computed with IEEE-754
/// addition, subtraction, multiplication and division only (each correctly rounded, no
/// fused multiply-add, a fixed order), so every machine gets the same bits — the C
/// library's `log` and `cos` differ between libm versions.
///
/// Both are accurate to about one unit in the last place (tested against `Float80`).
public enum DeterministicMath {
  // ln 2 split so that `e · ln2High` is exact for every binary exponent `e`.
  private static let ln2High = 0x1.62e4_2fee_00000p-1
  private static let ln2Low = 0x1.a39e_f357_93c76p-33
  // 2π = twoPiHigh + twoPiLow (the double nearest 2π and the rest).
  private static let twoPiHigh = 0x1.921f_b544_42d18p+2
  private static let twoPiLow = 0x1.1a62_6331_45c07p-52
  // 2π² = twoPiSquaredHigh + twoPiSquaredLow.
  private static let twoPiSquaredHigh = 0x1.3bd3_cc9b_e45dep+4
  private static let twoPiSquaredLow = 0x1.692b_7136_6cc04p-50

  /// The natural logarithm of a positive normal `x`.
  ///
  /// With `x = 2^e · m`, `m` in [√½, √2), `f = m − 1` and `s = f / (2 + f)`:
  /// `ln m = 2 artanh s = f − f²/2 + s·(f²/2 + R)` where `R = Σₖ₌₁ 2·s²ᵏ / (2k + 1)`
  /// (`|s| ≤ 0.172`; eleven terms leave a truncation below 2⁻⁶⁰ of the result).
  package static func log(_ x: Double) -> Double {
    precondition(x.isNormal && x > 0, "log needs a positive normal number")
    var e = Double(x.exponent)
    var m = x.significand  // [1, 2)
    if m > 0x1.6a09_e667_f3bcdp0 {  // √2
      m *= 0.5
      e += 1
    }
    let f = m - 1  // exact (Sterbenz)
    let s = f / (2 + f)
    let z = s * s
    var r = 2.0 / 23.0
    for k in stride(from: 10, through: 1, by: -1) { r = r * z + 2.0 / Double(2 * k + 1) }
    r *= z
    let halfSquare = 0.5 * f * f
    return e * ln2High - ((halfSquare - (s * (halfSquare + r) + e * ln2Low)) - f)
  }

  /// `cos(2π·u)` for a `u` in [0, 1) with at most 53 significant bits below 1 (a
  /// ``CounterRNG/unitDouble(at:)`` value).
  ///
  /// The reduction is exact: `q = round(4u)` and `r = u − q/4` in [−⅛, ⅛] (both exactly
  /// representable), then `cos(2πu)` is `cos(2πr)`, `−sin(2πr)`, `−cos(2πr)` or `sin(2πr)`
  /// for `q mod 4` = 0, 1, 2, 3, each a Taylor polynomial in `r` with coefficients
  /// `(2π)ⁿ / n!` rounded to double (terms up to r¹⁹; truncation below 2⁻⁶⁰).
  package static func cosTwoPi(_ u: Double) -> Double {
    precondition(u >= 0 && u < 1, "cosTwoPi needs u in [0, 1)")
    let q = (4 * u).rounded(.toNearestOrEven)
    let r = u - q * 0.25
    switch Int(q) & 3 {
    case 0: return cosTwoPiReduced(r)
    case 1: return -sinTwoPiReduced(r)
    case 2: return -cosTwoPiReduced(r)
    default: return sinTwoPiReduced(r)
    }
  }

  /// `cos(2πr)` for `|r| ≤ ⅛`: `1 − 2π²r² + r⁴·P(r²)`, with `2π²r²` carried in double-double
  /// precision so only the last addition rounds noticeably.
  static func cosTwoPiReduced(_ r: Double) -> Double {
    let (z, zLow) = exactProduct(r, r)
    var p = 0x1.2a0c_591a_f8314p-5  // (2π)¹⁸/18!
    p = p * z - 0x1.20c6_2c2f_2d7f5p-2  // (2π)¹⁶/16!
    p = p * z + 0x1.b6e2_4f44_b128fp+0
    p = p * z - 0x1.f9d3_8a37_63cc3p+2
    p = p * z + 0x1.a6d1_f2a2_04a8cp+4
    p = p * z - 0x1.e1f5_0689_1babbp+5
    p = p * z + 0x1.55d3_c7e3_cbffap+6
    p = p * z - 0x1.03c1_f081_b5ac4p+6  // (2π)⁴/4!
    let (t, tLow) = exactProduct(twoPiSquaredHigh, z)  // 2π²r² ≤ 0.31
    let tail = tLow + (twoPiSquaredHigh * zLow + twoPiSquaredLow * z)
    let w = 1 - t
    let wError = (1 - w) - t  // exact: w + wError == 1 − t
    return w + ((wError - tail) - z * z * p)
  }

  /// `sin(2πr)` for `|r| ≤ ⅛`: `2πr − r³·P(r²)`, with `2πr` carried in double-double
  /// precision.
  static func sinTwoPiReduced(_ r: Double) -> Double {
    let z = r * r
    var p = 0x1.8a40_4211_f9547p-7  // (2π)¹⁹/19!
    p = p * z - 0x1.aaec_32af_93359p-4  // (2π)¹⁷/17!
    p = p * z + 0x1.6fad_b9f1_55744p-1
    p = p * z - 0x1.e8f4_34d0_18d63p+1
    p = p * z + 0x1.e307_4fde_8871fp+3
    p = p * z - 0x1.5078_3487_ee782p+5
    p = p * z + 0x1.32d2_cce6_2bd86p+6
    p = p * z - 0x1.466b_c677_5aae2p+6
    p = p * z + 0x1.4abb_ce62_5be53p+5  // (2π)³/3!
    let (x, xLow) = exactProduct(twoPiHigh, r)
    return x + ((xLow + twoPiLow * r) - r * z * p)
  }

  /// `a·b` as an unevaluated sum `high + low` with `high` the rounded product (Dekker's
  /// algorithm: exact without a fused multiply-add while nothing overflows or underflows).
  static func exactProduct(_ a: Double, _ b: Double) -> (high: Double, low: Double) {
    func split(_ x: Double) -> (Double, Double) {
      let c = 134_217_729 * x  // 2²⁷ + 1
      let high = c - (c - x)
      return (high, x - high)
    }
    let product = a * b
    let (aHigh, aLow) = split(a)
    let (bHigh, bLow) = split(b)
    let error = ((aHigh * bHigh - product) + aHigh * bLow + aLow * bHigh) + aLow * bLow
    return (product, error)
  }
}
