/// A decimal number read exactly: `significand · 10^exponent`.
///
/// Accepted text: an optional sign, digits with an optional `.` (at least one digit on either
/// side), and an optional exponent `e±n` / `E±n`: `3`, `-0.125`, `.5`, `2.`, `1e-3`, `+7E2`.
public struct DecimalNumber: Hashable, Sendable {
  /// The digits as a signed integer.
  public let significand: BigInt
  /// The power of ten that scales the digits.
  public let exponent: Int

  /// The largest `|exponent|` accepted (keeps exact evaluation within memory).
  package static let exponentLimit = 1_000_000

  /// The most digits accepted (the same bound as the exponent's).
  package static let digitLimit = 1_000_000

  /// Reads `text` exactly.
  /// - Throws: ``FixedPointError/malformedDecimal(_:)``,
  ///   ``FixedPointError/decimalExponentTooLarge(_:)``, ``FixedPointError/decimalTooLong(_:)``.
  public init<S: StringProtocol>(parsing text: S) throws(FixedPointError) {
    var utf8 = Substring(text).utf8[...]
    var negative = false
    if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      utf8 = utf8.dropFirst()
    }
    var digits: [UInt8] = []
    digits.reserveCapacity(min(utf8.count, Self.digitLimit))
    var fractionDigits = 0
    var seenPoint = false
    var exponentText: Substring.UTF8View.SubSequence? = nil
    var index = utf8.startIndex
    while index < utf8.endIndex {
      let c = utf8[index]
      if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
        guard digits.count < Self.digitLimit else { throw .decimalTooLong(String(text)) }
        digits.append(c)
        if seenPoint { fractionDigits += 1 }
      } else if c == UInt8(ascii: ".") && !seenPoint {
        seenPoint = true
      } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
        exponentText = utf8[utf8.index(after: index)...]
        break
      } else {
        throw .malformedDecimal(String(text))
      }
      index = utf8.index(after: index)
    }
    guard !digits.isEmpty else { throw .malformedDecimal(String(text)) }
    var exponent = 0
    if let exponentText {
      guard let e = Self.parseExponent(exponentText) else { throw .malformedDecimal(String(text)) }
      exponent = e
    }
    exponent -= fractionDigits
    guard abs(exponent) <= Self.exponentLimit else { throw .decimalExponentTooLarge(String(text)) }
    let magnitude = BigInt(String(decoding: digits, as: UTF8.self))!
    significand = negative ? -magnitude : magnitude
    self.exponent = exponent
  }

  /// A signed run of at most 9 digits (anything longer is past every limit).
  private static func parseExponent(_ text: Substring.UTF8View.SubSequence) -> Int? {
    var rest = text
    var negative = false
    if let first = rest.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      rest = rest.dropFirst()
    }
    guard !rest.isEmpty, rest.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
    else { return nil }
    let significant = rest.drop { $0 == UInt8(ascii: "0") }
    guard significant.count <= 9 else { return negative ? -Int(Int32.max) : Int(Int32.max) }
    let value = significant.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    return negative ? -value : value
  }

  /// The code of this value in `format`: rounded once with `rounding`, then fitted with
  /// `overflow`. Stochastic rounding uses word `index` of `random`.
  public func code(
    in format: FixedFormat, rounding: RoundingMode, overflow: OverflowMode,
    random: CounterRNG? = nil, index: UInt64 = 0, events: inout QuantizationEvents
  ) -> BigInt {
    var words = RandomWordCache(random)
    if exponent >= 0 {
      let integer = exponent == 0 ? significand : significand * BigInt.power(10, exponent)
      return CodeRounding.quantize(
        integer, fractionBits: 0, to: format, rounding: rounding, overflow: overflow,
        random: &words, index: index, events: &events)
    }
    var numerator = significand
    var denominator = BigInt.power(10, -exponent)
    if format.fractionBits >= 0 {
      numerator = numerator << format.fractionBits
    } else {
      denominator = denominator << -format.fractionBits
    }
    let (q, inexact) = CodeRounding.divide(
      numerator, by: denominator, mode: rounding, random: &words, index: index)
    let code = CodeRounding.overflow(q, to: format, mode: overflow)
    events.record(rounded: q, result: code, inexact: inexact, signed: format.isSigned)
    return code
  }

  /// The code of this value in `format`, which must hold it exactly.
  /// - Parameter text: how the value is named in an error message.
  /// - Throws: ``FixedPointError/notExactlyRepresentable(_:_:)`` or
  ///   ``FixedPointError/outOfRange(_:_:)``.
  public func exactCode(in format: FixedFormat, text: String) throws(FixedPointError) -> BigInt {
    var events = QuantizationEvents()
    let code = self.code(in: format, rounding: .trn, overflow: .wrap, events: &events)
    if events.rounded > 0 { throw .notExactlyRepresentable(text, format) }
    if events.overflowed > 0 { throw .outOfRange(text, format) }
    return code
  }
}
