/// An exact decimal number read from a CSV cell: `mantissa · 10^−places`.
///
/// Accepted: an optional sign, digits with an optional fractional part (at least one digit
/// in all), and an optional exponent `e`/`E` with an optional sign and up to four digits.
/// Trailing fractional zeros are dropped (`5.640000` is 564 with 2 places), a positive
/// exponent is multiplied in, and the result is kept only when the mantissa fits in 63 bits
/// and `places` ≤ 18.
struct DecimalCell: Equatable {
  /// The integer mantissa.
  var mantissa: Int64
  /// The number of decimal places (0 … 18).
  var places: Int

  /// The most decimal places a value may have.
  static let maxPlaces = 18

  /// What a cell holds when it is not a usable number.
  enum Failure: Error {
    /// The text is not a decimal number.
    case notANumber
    /// A number, but too many digits or too large an exponent to hold exactly.
    case outOfRange
  }

  /// Parses the bytes `text[range]`.
  static func parse(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(Failure)
    -> DecimalCell
  {
    var i = range.lowerBound
    let end = range.upperBound
    var negative = false
    if i < end && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
      negative = text[i] == UInt8(ascii: "-")
      i += 1
    }
    var mantissa: Int64 = 0
    var digits = 0
    var places = 0
    var tooLong = false
    var inFraction = false
    while i < end {
      let c = text[i]
      if c == UInt8(ascii: ".") && !inFraction {
        inFraction = true
      } else if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
        let (times10, o1) = mantissa.multipliedReportingOverflow(by: 10)
        let (next, o2) = times10.addingReportingOverflow(Int64(c - UInt8(ascii: "0")))
        tooLong = tooLong || o1 || o2
        mantissa = next
        digits += 1
        if inFraction { places += 1 }
      } else {
        break
      }
      i += 1
    }
    guard digits > 0 else { throw .notANumber }
    var exponent = 0
    if i < end && (text[i] == UInt8(ascii: "e") || text[i] == UInt8(ascii: "E")) {
      i += 1
      var exponentNegative = false
      if i < end && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
        exponentNegative = text[i] == UInt8(ascii: "-")
        i += 1
      }
      var exponentDigits = 0
      while i < end && text[i] >= UInt8(ascii: "0") && text[i] <= UInt8(ascii: "9") {
        if exponentDigits < 5 { exponent = exponent * 10 + Int(text[i] - UInt8(ascii: "0")) }
        exponentDigits += 1
        i += 1
      }
      guard exponentDigits > 0 else { throw .notANumber }
      tooLong = tooLong || exponentDigits > 4
      if exponentNegative { exponent = -exponent }
    }
    guard i == end else { throw .notANumber }
    guard !tooLong else { throw .outOfRange }
    while places > 0 && mantissa % 10 == 0 {
      mantissa /= 10
      places -= 1
    }
    places -= exponent
    while places < 0 {
      let (times10, overflow) = mantissa.multipliedReportingOverflow(by: 10)
      guard !overflow else { throw .outOfRange }
      mantissa = times10
      places += 1
    }
    guard places <= maxPlaces else { throw .outOfRange }
    return DecimalCell(mantissa: negative ? -mantissa : mantissa, places: places)
  }

  /// The value scaled to `targetPlaces` (≥ `places`) as an `Int32`, or nil when it does not fit.
  func scaled(to targetPlaces: Int) -> Int32? {
    var m = mantissa
    for _ in places..<targetPlaces {
      let (times10, overflow) = m.multipliedReportingOverflow(by: 10)
      if overflow { return nil }
      m = times10
    }
    return Int32(exactly: m)
  }

  /// The value in plain decimal notation (`-12.05`).
  var text: String {
    let digits = String(mantissa.magnitude)
    let sign = mantissa < 0 ? "-" : ""
    guard places > 0 else { return sign + digits }
    let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
    return sign + padded.dropLast(places) + "." + padded.suffix(places)
  }
}
