/// The exact rounding and overflow steps on arbitrary integers: the general path every fast
/// path must agree with.
///
/// Stochastic rounding: the exact value is `q + f` with `q` an integer and `0 ≤ f < 1`. Word
/// `w = rng.word(at: index)` is read as the fraction `u = w / 2^64`, and the result is `q + 1`
/// exactly when `u < f`. When `f` has a power-of-two denominator `2^d` with `d ≤ 64` this is
/// "the top `d` bits of `w` are below the dropped bits", the same comparison the hardware
/// `round` op makes with a `d`-bit random operand.
@usableFromInline
enum CodeRounding {
  /// `x / 2^shift` rounded with `mode` (`shift ≥ 1`), and whether any nonzero bit was dropped.
  @usableFromInline
  static func shiftRight(
    _ x: BigInt, by shift: Int, mode: RoundingMode, random: inout RandomWordCache, index: UInt64
  ) -> (BigInt, inexact: Bool) {
    let floor = x >> shift
    let remainder = x.lowBits(shift)
    if remainder.isZero { return (floor, false) }
    let up: Bool
    if mode == .stochastic {
      let word = random.word(at: index)
      if shift <= 64 {
        up = BigInt(shift == 64 ? word : word >> UInt64(64 - shift)) < remainder
      } else {
        up = BigInt(word) << (shift - 64) < remainder
      }
    } else {
      // remainder versus half = 2^(shift−1): its top bit decides, the bits below break ties.
      let versusHalf: Int
      if remainder.bitLength < shift {
        versusHalf = -1
      } else {
        versusHalf = remainder.trailingZeroBitCount == shift - 1 ? 0 : 1
      }
      up = mode.roundsUp(
        remainderIsZero: false, remainderVersusHalf: versusHalf, valueIsNegative: x.isNegative,
        quotientIsOdd: floor.bit(0))
    }
    return (up ? floor + 1 : floor, true)
  }

  /// `numerator / denominator` rounded with `mode` (`denominator > 0`), and whether the
  /// quotient was inexact.
  @usableFromInline
  static func divide(
    _ numerator: BigInt, by denominator: BigInt, mode: RoundingMode,
    random: inout RandomWordCache, index: UInt64
  ) -> (BigInt, inexact: Bool) {
    let (floor, remainder) = numerator.floorDivided(by: denominator)
    if remainder.isZero { return (floor, false) }
    let up: Bool
    if mode == .stochastic {
      let word = random.word(at: index)
      up = BigInt(word) * denominator < remainder << 64
    } else {
      let versusHalf = BigInt.compare(remainder << 1, denominator)
      up = mode.roundsUp(
        remainderIsZero: false, remainderVersusHalf: versusHalf,
        valueIsNegative: numerator.isNegative, quotientIsOdd: floor.bit(0))
    }
    return (up ? floor + 1 : floor, true)
  }

  /// The code `format` holds for the (already rounded) integer `q` under `mode`.
  @usableFromInline
  static func overflow(_ q: BigInt, to format: FixedFormat, mode: OverflowMode) -> BigInt {
    precondition(
      mode != .wrapSM || format.isSigned, "WRAP_SM needs a signed format (\(format))")
    let inRange = format.contains(code: q)
    switch mode {
    case .wrap:
      return inRange ? q : wrap(q, format)
    case .sat:
      if inRange { return q }
      return q.isNegative ? format.minCode : format.maxCode
    case .satZero:
      return inRange ? q : 0
    case .satSym:
      if !format.isSigned { return inRange ? q : (q.isNegative ? 0 : format.maxCode) }
      if inRange && q != format.minCode { return q }
      return q.isNegative ? -format.maxCode : format.maxCode
    case .wrapSM:
      if inRange { return q }
      let wrapped = wrap(q, format)
      return q.bit(format.width) == wrapped.isNegative ? wrapped : ~wrapped
    }
  }

  /// The low `W` bits of `q`, read with the format's signedness.
  @usableFromInline
  static func wrap(_ q: BigInt, _ format: FixedFormat) -> BigInt {
    let low = q.lowBits(format.width)
    return format.isSigned && low.bit(format.width - 1)
      ? low - BigInt.powerOfTwo(format.width) : low
  }

  /// Quantizes the code `x` (value `x · 2^−fractionBits`) to `format`: rounding first, then
  /// overflow, exactly as ap_fixed converts between formats.
  @usableFromInline
  static func quantize(
    _ x: BigInt, fractionBits: Int, to format: FixedFormat, rounding: RoundingMode,
    overflow mode: OverflowMode, random: inout RandomWordCache, index: UInt64,
    events: inout QuantizationEvents
  ) -> BigInt {
    let shift = fractionBits - format.fractionBits
    var q = x
    var inexact = false
    if shift > 0 {
      (q, inexact) = shiftRight(x, by: shift, mode: rounding, random: &random, index: index)
    } else if shift < 0 {
      q = x << -shift
    }
    let code = overflow(q, to: format, mode: mode)
    events.record(rounded: q, result: code, inexact: inexact, signed: format.isSigned)
    return code
  }
}
