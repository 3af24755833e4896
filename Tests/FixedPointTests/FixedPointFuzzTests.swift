import FixedPoint
import Foundation
import Testing
import _TestSupport

/// Fixed-point format strings and decimal literals under the mutation fuzzer: a typed error
/// with a short one-line message, or a value within the documented limits.
@Suite struct FixedPointFuzzTests {
  /// Inputs that trapped before the limits were tightened (format fuzz seed 12, #1196).
  static let formatCrashes = ["fix<9223372036854775807,-1>", "ap_ufixed<9223372036854775807,-9>"]

  static func format(_ data: Data) throws(FixedPointError) -> FixedFormat {
    try FixedFormat(parsing: String(decoding: data, as: UTF8.self))
  }

  static func checkFormat(_ f: FixedFormat) -> String? {
    (1...FixedFormat.parseLimit).contains(f.width) && abs(f.fractionBits) <= FixedFormat.parseLimit
      ? nil : "format \(f) out of limits"
  }

  static func decimal(_ data: Data) throws(FixedPointError) -> DecimalNumber {
    try DecimalNumber(parsing: String(decoding: data, as: UTF8.self))
  }

  static func checkDecimal(_ d: DecimalNumber) -> String? {
    abs(d.exponent) <= DecimalNumber.exponentLimit ? nil : "exponent \(d.exponent)"
  }

  @Test func formatMutations() {
    // The malformed-format message lists the accepted forms (~170 characters) after the input.
    let report = FuzzHarness.run(
      "fixed-point formats", seeds: FixedPointFuzzSeeds.formats, seed: 12, count: 2000,
      messageLimit: 260, parse: Self.format, check: Self.checkFormat)
    print(report)
    #expect(report.failures.isEmpty, "\(report)")
    #expect(report.rejected > 0 && report.accepted > 0, "\(report)")
  }

  @Test func decimalMutations() {
    let report = FuzzHarness.run(
      "decimal literals", seeds: FixedPointFuzzSeeds.decimals, seed: 13, count: 2000,
      parse: Self.decimal, check: Self.checkDecimal)
    print(report)
    #expect(report.failures.isEmpty, "\(report)")
    #expect(report.rejected > 0 && report.accepted > 0, "\(report)")
  }

  @Test func pastFormatCrashesAreTypedErrors() {
    for text in Self.formatCrashes {
      #expect(throws: FixedPointError.formatOutOfLimits(text)) {
        try FixedFormat(parsing: text)
      }
    }
  }

  @Test func messagesEchoAtMost40Characters() {
    let long = "1." + String(repeating: "5", count: 1_000_000)
    let echo = "1." + String(repeating: "5", count: 38) + "…"
    #expect(
      FixedPointError.notExactlyRepresentable(
        long, FixedFormat(signed: true, width: 8, fractionBits: 2)
      ).description
        == "\(echo) is not exactly representable in sfix8_En2 (resolution 0.25)")
    #expect(
      FixedPointError.malformedDecimal("x\n" + long).description
        == "'x?1.\(String(repeating: "5", count: 36))…' is not a decimal number")
    #expect(
      FixedPointError.unknownRoundingMode(long).description.count < 200)
  }

  @Test func decimalDigitsAreBounded() throws {
    let limit = DecimalNumber.digitLimit
    _ = try DecimalNumber(parsing: String(repeating: "7", count: limit))
    let tooLong = String(repeating: "7", count: limit + 1)
    #expect(throws: FixedPointError.decimalTooLong(tooLong)) {
      try DecimalNumber(parsing: tooLong)
    }
    #expect(
      FixedPointError.decimalTooLong(tooLong).description
        == "'\(String(repeating: "7", count: 40))…' has more than 1000000 digits")
  }
}
