extension Fixed {
  /// The exact sum, in ``FixedFormat/sum(_:_:)``.
  public static func + (a: Fixed, b: Fixed) -> Fixed {
    let format = FixedFormat.sum(a.format, b.format)
    return Fixed(code: a.aligned(to: format) + b.aligned(to: format), format: format)
  }

  /// The exact difference, in ``FixedFormat/difference(_:_:)``.
  public static func - (a: Fixed, b: Fixed) -> Fixed {
    let format = FixedFormat.difference(a.format, b.format)
    return Fixed(code: a.aligned(to: format) - b.aligned(to: format), format: format)
  }

  /// The exact product, in ``FixedFormat/product(_:_:)``.
  public static func * (a: Fixed, b: Fixed) -> Fixed {
    Fixed(code: a.code * b.code, format: FixedFormat.product(a.format, b.format))
  }

  /// The exact negation, in ``FixedFormat/negation(_:)``.
  public static prefix func - (a: Fixed) -> Fixed {
    Fixed(code: -a.code, format: FixedFormat.negation(a.format))
  }

  /// The code of this value at the binary point of `format` (which must be at least as fine).
  func aligned(to format: FixedFormat) -> BigInt {
    code << (format.fractionBits - self.format.fractionBits)
  }

  /// `self / divisor` rounded once into `format` with `rounding`, then fitted with `overflow`.
  /// - Throws: ``FixedPointError/divisionByZero``.
  public func divided(
    by divisor: Fixed, to format: FixedFormat, rounding: RoundingMode = .trn,
    overflow: OverflowMode = .wrap, random: CounterRNG? = nil, index: UInt64 = 0
  ) throws(FixedPointError) -> Fixed {
    var events = QuantizationEvents()
    return try divided(
      by: divisor, to: format, rounding: rounding, overflow: overflow, random: random,
      index: index, events: &events)
  }

  /// ``divided(by:to:rounding:overflow:random:index:)`` that also adds to `events`.
  public func divided(
    by divisor: Fixed, to format: FixedFormat, rounding: RoundingMode = .trn,
    overflow: OverflowMode = .wrap, random: CounterRNG? = nil, index: UInt64 = 0,
    events: inout QuantizationEvents
  ) throws(FixedPointError) -> Fixed {
    guard !divisor.code.isZero else { throw .divisionByZero }
    var words = RandomWordCache(random)
    let code = Fixed.quotientCode(
      code, self.format, divisor.code, divisor.format, to: format, rounding: rounding,
      overflow: overflow, random: &words, index: index, events: &events)
    return Fixed(code: code, format: format)
  }

  /// The code of `(a · 2^−Fa) / (b · 2^−Fb)` in `format` (`b ≠ 0`).
  @usableFromInline
  static func quotientCode(
    _ a: BigInt, _ aFormat: FixedFormat, _ b: BigInt, _ bFormat: FixedFormat,
    to format: FixedFormat, rounding: RoundingMode, overflow: OverflowMode,
    random: inout RandomWordCache, index: UInt64, events: inout QuantizationEvents
  ) -> BigInt {
    // code = a · 2^(F − Fa + Fb) / b
    let scale = format.fractionBits - aFormat.fractionBits + bFormat.fractionBits
    var numerator = scale >= 0 ? a << scale : a
    var denominator = scale >= 0 ? b : b << -scale
    if denominator.isNegative {
      numerator = -numerator
      denominator = -denominator
    }
    let (q, inexact) = CodeRounding.divide(
      numerator, by: denominator, mode: rounding, random: &random, index: index)
    let code = CodeRounding.overflow(q, to: format, mode: overflow)
    events.record(rounded: q, result: code, inexact: inexact, signed: format.isSigned)
    return code
  }

  /// ap_fixed `<<`: the raw bits shifted toward the MSB within the same format (bits shifted
  /// out are lost, as with `WRAP`). Use ``scaled(byPowerOfTwo:)`` for an exact shift.
  public static func << (a: Fixed, count: Int) -> Fixed {
    precondition(count >= 0, "negative shift count")
    return Fixed(code: CodeRounding.wrap(a.code << count, a.format), format: a.format)
  }

  /// ap_fixed `>>`: the raw bits shifted toward the LSB within the same format (arithmetic
  /// when signed, so the value is divided by `2^count` and truncated toward −∞).
  public static func >> (a: Fixed, count: Int) -> Fixed {
    precondition(count >= 0, "negative shift count")
    return Fixed(code: a.code >> count, format: a.format)
  }

  /// The exact value `self · 2^exponent`: the same code with the binary point moved, so
  /// nothing is lost and nothing is computed.
  public func scaled(byPowerOfTwo exponent: Int) -> Fixed {
    Fixed(
      code: code,
      format: FixedFormat(
        signed: format.isSigned, width: format.width, fractionBits: format.fractionBits - exponent))
  }
}

extension Fixed: Comparable, Hashable {
  /// The order of the exact values: −1, 0 or +1.
  public static func compare(_ a: Fixed, _ b: Fixed) -> Int {
    let f = max(a.format.fractionBits, b.format.fractionBits)
    return BigInt.compare(
      a.code << (f - a.format.fractionBits), b.code << (f - b.format.fractionBits))
  }

  /// Whether the exact values are equal (formats may differ).
  public static func == (a: Fixed, b: Fixed) -> Bool { compare(a, b) == 0 }

  /// Whether `a`'s exact value is below `b`'s.
  public static func < (a: Fixed, b: Fixed) -> Bool { compare(a, b) < 0 }

  /// Hashes the exact value, so equal values in different formats hash equally.
  public func hash(into hasher: inout Hasher) {
    if code.isZero {
      hasher.combine(0)
      return
    }
    let zeros = code.trailingZeroBitCount
    hasher.combine(code >> zeros)
    hasher.combine(format.fractionBits - zeros)
  }
}
