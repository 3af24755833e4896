import FixedPoint
import Testing

/// The ap_fixed overflow table of issue 2: 4-bit signed integers, inputs 19, −19, 31, −8, 9.
@Suite struct OverflowTableTests {
  static let table: [(OverflowMode, [Int64])] = [
    (.sat, [7, -8, 7, -8, 7]),
    (.satZero, [0, 0, 0, -8, 0]),
    (.satSym, [7, -7, 7, -7, 7]),
    (.wrap, [3, -3, -1, -8, -7]),
    (.wrapSM, [-4, 2, -1, -8, 6]),
  ]
  static let inputs: [Int64] = [19, -19, 31, -8, 9]

  @Test(arguments: table.map(\.0))
  func issueTable(mode: OverflowMode) {
    let expected = Self.table.first { $0.0 == mode }!.1
    let source = FixedArray(
      codes: Self.inputs, format: FixedFormat(signed: true, width: 8, fractionBits: 0))
    let target = FixedFormat(signed: true, width: 4, fractionBits: 0)
    var events = QuantizationEvents()
    let array = source.quantized(to: target, overflow: mode, events: &events)
    #expect(array.int64Codes == expected)
    #expect(
      source.map { $0.quantized(to: target, overflow: mode).code } == expected.map { BigInt($0) })
    // Through a wide (GMP-tier) source as well.
    let wide = FixedArray(
      codes: Self.inputs.map { BigInt($0) },
      format: FixedFormat(signed: true, width: 200, fractionBits: 0))
    #expect(wide.quantized(to: target, overflow: mode).int64Codes == expected)
    // 19, −19, 31 and 9 overflow; −8 fits (but SAT_SYM still moves it to −7).
    #expect(events.overflowed == (mode == .satSym ? 5 : 4))
    #expect(events.rounded == 0)
    #expect(events.maxBitLength == 6)  // 31 and −19 need 6 signed bits
  }

  /// The same table with a binary point: 4-bit signed with F = 2 holds −2 … 1.75.
  @Test func tableWithFractionBits() throws {
    let target = FixedFormat(signed: true, width: 4, fractionBits: 2)
    let values = ["4.75", "-4.75", "7.75", "-2", "2.25"]
    let wrapSM = try values.map {
      try Fixed($0, format: target, overflow: .wrapSM).decimalDescription
    }
    #expect(wrapSM == ["-1", "0.5", "-0.25", "-2", "1.5"])
  }

  @Test func wrapSMNeedsSignedTarget() {
    let u = FixedFormat(signed: false, width: 4, fractionBits: 0)
    #expect(throws: FixedPointError.signMagnitudeWrapNeedsSignedFormat(u)) {
      try u.validate(overflow: .wrapSM)
    }
    #expect(
      FixedPointError.signMagnitudeWrapNeedsSignedFormat(u).description
        == "overflow mode WRAP_SM needs a signed format, not ufix4_En0")
  }
}
