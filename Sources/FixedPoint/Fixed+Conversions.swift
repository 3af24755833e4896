extension Fixed {
  /// The decimal `text`, which `format` must hold exactly.
  /// - Throws: ``FixedPointError/malformedDecimal(_:)``,
  ///   ``FixedPointError/notExactlyRepresentable(_:_:)``, ``FixedPointError/outOfRange(_:_:)``.
  public init(exactly text: String, format: FixedFormat) throws(FixedPointError) {
    let decimal = try DecimalNumber(parsing: text)
    self.init(code: try decimal.exactCode(in: format, text: text), format: format)
  }

  /// The decimal `text` read as an exact rational, rounded once into `format`.
  /// - Throws: ``FixedPointError/malformedDecimal(_:)`` and friends; never for range.
  public init(
    _ text: String, format: FixedFormat, rounding: RoundingMode = .trn,
    overflow: OverflowMode = .wrap, random: CounterRNG? = nil, index: UInt64 = 0
  ) throws(FixedPointError) {
    var events = QuantizationEvents()
    let decimal = try DecimalNumber(parsing: text)
    let code = decimal.code(
      in: format, rounding: rounding, overflow: overflow, random: random, index: index,
      events: &events)
    self.init(code: code, format: format)
  }

  /// The exact value of `value` rounded once into `format`.
  /// - Throws: ``FixedPointError/notFinite(_:)`` for NaN and infinities.
  public init(
    _ value: Double, format: FixedFormat, rounding: RoundingMode = .trn,
    overflow: OverflowMode = .wrap, random: CounterRNG? = nil, index: UInt64 = 0
  ) throws(FixedPointError) {
    var events = QuantizationEvents()
    self = try Fixed(
      value, format: format, rounding: rounding, overflow: overflow, random: random,
      index: index, events: &events)
  }

  /// ``init(_:format:rounding:overflow:random:index:)-(Double,_,_,_,_,_)`` that also adds to
  /// `events`.
  public init(
    _ value: Double, format: FixedFormat, rounding: RoundingMode = .trn,
    overflow: OverflowMode = .wrap, random: CounterRNG? = nil, index: UInt64 = 0,
    events: inout QuantizationEvents
  ) throws(FixedPointError) {
    guard value.isFinite else { throw .notFinite(value) }
    let (significand, exponent) = Fixed.exactParts(value)
    var words = RandomWordCache(random)
    let code = CodeRounding.quantize(
      significand, fractionBits: -exponent, to: format, rounding: rounding, overflow: overflow,
      random: &words, index: index, events: &events)
    self.init(code: code, format: format)
  }

  /// A finite double as `significand · 2^exponent` with an integer significand.
  static func exactParts(_ value: Double) -> (BigInt, Int) {
    if value == 0 { return (0, 0) }
    let bits = value.significandBitPattern
    let biased = Int(value.exponentBitPattern)
    let integer = biased == 0 ? bits : bits | (1 << 52)
    let exponent = (biased == 0 ? 1 : biased) - 1075
    let magnitude = BigInt(Int64(integer))
    return (value < 0 ? -magnitude : magnitude, exponent)
  }

  /// The nearest `Double` (ties to even), `±infinity` beyond its range.
  public var doubleValue: Double {
    if code.isZero { return 0 }
    let magnitude = code.magnitude
    let length = magnitude.bitLength
    // Value in [2^e, 2^(e+1)); keep 53 bits, fewer in the subnormal range.
    let e = length - 1 - format.fractionBits
    let kept = e >= -1022 ? 53 : 53 - (-1022 - e)
    let drop = length - kept
    var significand = magnitude
    if drop > 0 {
      var noWords = RandomWordCache(nil)
      significand =
        CodeRounding.shiftRight(magnitude, by: drop, mode: .rndConv, random: &noWords, index: 0).0
    }
    let exponent = max(drop, 0) - format.fractionBits
    let m = Double(significand.int64Value!)
    let result = Double(sign: .plus, exponent: exponent, significand: m)
    return code.isNegative ? -result : result
  }

  /// The exact value in decimal: `-12.375`, `0.00390625`, `3` (no trailing zeros, no exponent).
  public var decimalDescription: String {
    Fixed.decimalString(code: code, fractionBits: format.fractionBits)
  }

  /// The exact decimal of `code · 2^−fractionBits`.
  static func decimalString(code: BigInt, fractionBits: Int) -> String {
    if fractionBits <= 0 { return (code << -fractionBits).description }
    if let small = code.int64Value, fractionBits <= 18 {
      let magnitude = small.magnitude
      let fraction = magnitude & ((1 << UInt64(fractionBits)) - 1)
      let integer = magnitude >> UInt64(fractionBits)
      let sign = small < 0 ? "-" : ""
      if fraction == 0 { return sign + String(integer) }
      var power5: UInt64 = 1
      for _ in 0..<fractionBits { power5 *= 5 }
      return sign + String(integer) + "." + fractionDigits(String(fraction * power5), fractionBits)
    }
    let magnitude = code.magnitude
    let integer = magnitude >> fractionBits
    let fraction = magnitude.lowBits(fractionBits)
    let sign = code.isNegative ? "-" : ""
    if fraction.isZero { return sign + integer.description }
    let digits = (fraction * BigInt.power(5, fractionBits)).description
    return sign + integer.description + "." + fractionDigits(digits, fractionBits)
  }

  /// `digits` left-padded with zeros to `count` places, trailing zeros removed.
  private static func fractionDigits(_ digits: String, _ count: Int) -> String {
    let padded = String(repeating: "0", count: count - digits.count) + digits
    return String(padded[..<padded.index(after: padded.lastIndex { $0 != "0" }!)])
  }

  /// The raw bits in hex, `⌈W/4⌉` lowercase digits with a `0x` prefix.
  public var hexBits: String { "0x" + code.hexDigits(width: format.width) }

  /// The raw bits in binary, `W` digits with a `0b` prefix.
  public var binaryBits: String { "0b" + code.binaryDigits(width: format.width) }
}

extension Fixed: CustomStringConvertible {
  /// The exact decimal value (see ``decimalDescription``).
  public var description: String { decimalDescription }
}
