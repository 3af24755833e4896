import FixedPoint
import Testing

/// Every code of each small source format, quantized to every target below with every
/// rounding × overflow mode, through the array fast path (with and without event counters)
/// and the scalar path, against the exact rational reference.
@Suite struct ExhaustiveQuantizeTests {
  static let sources = [
    "sfix8_En3", "ufix8_En2", "sfix5_En0", "ufix4_En7", "sfix6_E2", "sfix1_En0", "ufix1_En3",
    "sfix8_En8",
  ]

  /// Narrowing, widening, F > W, negative F, 1-bit formats, and shifts past the fast path.
  static let targets = [
    "sfix4_En0", "ufix4_En1", "sfix3_En2", "sfix1_En0", "ufix1_En0", "sfix8_En6", "ufix6_En9",
    "sfix5_E1", "sfix3_E70", "sfix7_En80", "ufix12_En10",
  ]

  static let random = CounterRNG(seed: 42, stream: 7)
  static let firstIndex: UInt64 = 1000

  @Test(arguments: sources)
  func quantizeEveryCode(sourceText: String) {
    let source = TestValues.format(sourceText)
    let codes = TestValues.allCodes(source)
    let array = FixedArray(codes: codes, format: source)
    for target in Self.targets.map(TestValues.format) {
      for rounding in RoundingMode.allCases {
        for overflow in OverflowMode.allCases where overflow != .wrapSM || target.isSigned {
          // Int128 rationals suffice unless the binary point moves far; then use mpq.
          if abs(target.fractionBits - source.fractionBits) < 40 {
            check(array, to: target, rounding, overflow, SmallRational.self)
          } else {
            check(array, to: target, rounding, overflow, GMPRational.self)
          }
        }
      }
    }
  }

  private func check<R: ExactRational>(
    _ array: FixedArray, to target: FixedFormat, _ rounding: RoundingMode,
    _ overflow: OverflowMode, _: R.Type
  ) {
    var events = QuantizationEvents()
    let fast = array.quantized(
      to: target, rounding: rounding, overflow: overflow, random: Self.random,
      firstIndex: Self.firstIndex, events: &events)
    let quiet = array.quantized(
      to: target, rounding: rounding, overflow: overflow, random: Self.random,
      firstIndex: Self.firstIndex)
    #expect(
      fast == quiet, "events variant differs: \(array.format)→\(target) \(rounding) \(overflow)")
    var expectedEvents = ReferenceEvents()
    for (i, x) in array.enumerated() {
      let index = Self.firstIndex + UInt64(i)
      let want = Reference.quantize(
        Reference.value(x) as R, to: target, rounding: rounding, overflow: overflow,
        word: Self.random.word(at: index))
      expectedEvents.add(want, signed: target.isSigned)
      let scalar = x.quantized(
        to: target, rounding: rounding, overflow: overflow, random: Self.random, index: index)
      let expected = want.code.bigInt
      if fast.code(at: i) != expected || scalar.code != expected {
        let got = "array \(fast.code(at: i).hex) scalar \(scalar.code.hex)"
        Issue.record(
          "\(array.format)→\(target) \(rounding) \(overflow) code \(x.code.hex): \(got) want \(expected.hex)"
        )
        return
      }
    }
    #expect(
      events == expectedEvents.events,
      "\(array.format)→\(target) \(rounding) \(overflow) events")
  }
}
