import FixedPoint
import Testing
import _TestSupport

/// The native array paths added for speed, each against the GMP `mpq` reference: the `into:`
/// forms (reused, fresh and shared destinations), every array length around the vector width,
/// the `Int128` word tier and the fall-back between tiers, stochastic rounding at any word
/// offset, and the element-wise `into:` arithmetic. Seeds are printed with every mismatch.
@Suite struct KernelPathTests {
  /// The reference codes and events of quantizing `array` into `target`; element `i` of a
  /// stochastic rounding uses word `first + i` (wrapping).
  static func reference(
    _ array: FixedArray, to target: FixedFormat, _ rounding: RoundingMode,
    _ overflow: OverflowMode, _ random: CounterRNG, first: UInt64
  ) -> ([BigInt], QuantizationEvents) {
    var events = ReferenceEvents()
    let codes = array.enumerated().map { i, x in
      let outcome = Reference.quantize(
        Reference.value(x) as GMPRational, to: target, rounding: rounding, overflow: overflow,
        word: random.word(at: first &+ UInt64(i)))
      events.add(outcome, signed: target.isSigned)
      return outcome.code.bigInt
    }
    return (codes, events.events)
  }

  static func randomArray(_ format: FixedFormat, count: Int, _ rng: inout SeededRandom)
    -> FixedArray
  {
    FixedArray(codes: (0..<count).map { _ in TestValues.randomCode(format, &rng) }, format: format)
  }

  /// Quantizes through all four entry points and checks each against the reference.
  static func checkAllForms(
    _ array: FixedArray, to target: FixedFormat, _ rounding: RoundingMode,
    _ overflow: OverflowMode, _ random: CounterRNG, first: UInt64, _ context: String
  ) {
    let (want, wantEvents) = reference(array, to: target, rounding, overflow, random, first: first)
    var events = QuantizationEvents()
    let counted = array.quantized(
      to: target, rounding: rounding, overflow: overflow, random: random, firstIndex: first,
      events: &events)
    let quiet = array.quantized(
      to: target, rounding: rounding, overflow: overflow, random: random, firstIndex: first)
    // A destination holding other codes, written twice (the second write reuses the buffer).
    var reused = FixedArray(
      codes: [BigInt](repeating: target.maxCode, count: array.count), format: target)
    array.quantize(
      into: &reused, rounding: rounding, overflow: overflow, random: random, firstIndex: first)
    var intoEvents = QuantizationEvents()
    array.quantize(
      into: &reused, rounding: rounding, overflow: overflow, random: random, firstIndex: first,
      events: &intoEvents)
    // A destination that shares its storage with another array, which must not change.
    var shared = FixedArray(zeros: array.count, format: target)
    let keep = shared
    array.quantize(
      into: &shared, rounding: rounding, overflow: overflow, random: random, firstIndex: first)
    let forms = [("counted", counted), ("quiet", quiet), ("reused", reused), ("shared", shared)]
    for (name, result) in forms where result.codes != want {
      let i = (0..<want.count).first { result.code(at: $0) != want[$0] } ?? 0
      let got = i < result.count ? result.code(at: i).hex : "nothing"
      let what = "\(array.format)→\(target) \(rounding) \(overflow) first \(first), \(name)"
      Issue.record(
        "\(context): \(what) element \(i) code \(array.code(at: i).hex): got \(got) want \(want[i].hex)"
      )
      return
    }
    #expect(keep == FixedArray(zeros: array.count, format: target), "\(context): shared copy")
    #expect(events == wantEvents, "\(context): events \(array.format)→\(target)")
    #expect(intoEvents == wantEvents, "\(context): into events \(array.format)→\(target)")
  }

  /// Every length around the vector width and unroll factors, every mode pair, on the
  /// benchmark's formats and on a left shift.
  @Test(arguments: [0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33])
  func everyLengthAndModePair(count: Int) {
    let seed = 0x1E47_0000 + UInt64(count)
    var rng = SeededRandom(seed: seed)
    let pairs = [
      ("sfix32_En16", "sfix8_En4"), ("ufix12_En3", "sfix6_En5"), ("sfix9_En1", "ufix5_E1"),
    ]
    for (sourceText, targetText) in pairs {
      let source = TestValues.format(sourceText)
      let target = TestValues.format(targetText)
      let array = Self.randomArray(source, count: count, &rng)
      for rounding in RoundingMode.allCases {
        for overflow in OverflowMode.allCases where overflow != .wrapSM || target.isSigned {
          Self.checkAllForms(
            array, to: target, rounding, overflow, CounterRNG(seed: seed), first: 5,
            "seed \(seed)")
        }
      }
    }
  }

  /// Formats on both sides of the Int64/Int128 and Int128/GMP boundaries, with shifts inside
  /// and outside each kernel's range (62 and 126 bits), every mode.
  @Test(arguments: [
    ("sfix64_En0", "sfix8_E60"), ("sfix64_En63", "sfix2_E1"), ("sfix100_En90", "sfix16_En4"),
    ("ufix127_En0", "sfix128_En1"), ("sfix128_En127", "sfix70_En1"), ("sfix32_En0", "sfix96_En60"),
    ("ufix64_En10", "ufix66_En2"), ("sfix128_En0", "sfix128_En0"), ("sfix65_En3", "sfix129_En20"),
    ("sfix200_En150", "sfix100_En20"), ("sfix40_En2", "ufix80_En70"),
  ])
  func wordTiers(pair: (String, String)) {
    let source = TestValues.format(pair.0)
    let target = TestValues.format(pair.1)
    let seed = UInt64(source.width * 1000 + target.width)
    var rng = SeededRandom(seed: seed)
    let array = Self.randomArray(source, count: 19, &rng)
    for rounding in RoundingMode.allCases {
      for overflow in OverflowMode.allCases where overflow != .wrapSM || target.isSigned {
        Self.checkAllForms(
          array, to: target, rounding, overflow, CounterRNG(seed: seed, stream: 3), first: 2,
          "seed \(seed)")
      }
    }
  }

  /// Stochastic rounding at word offsets on and off block boundaries, including one that
  /// wraps past the last word index, in both word tiers.
  @Test(arguments: [0, 1, 2, 3, 4, 6, UInt64.max - 6, UInt64.max - 1, UInt64.max])
  func stochasticAtAnyOffset(first: UInt64) {
    var rng = SeededRandom(seed: 0x5_70C4 ^ first)
    for (sourceText, targetText) in [("sfix20_En12", "sfix8_En2"), ("sfix90_En80", "sfix12_En3")] {
      let source = TestValues.format(sourceText)
      let target = TestValues.format(targetText)
      let array = Self.randomArray(source, count: 13, &rng)
      for overflow in OverflowMode.allCases {
        Self.checkAllForms(
          array, to: target, .stochastic, overflow, CounterRNG(seed: 9, stream: 1), first: first,
          "stochastic")
      }
    }
  }

  /// `sum`/`difference`/`product(_:_:into:)` against the operators and the exact reference, for
  /// operand formats in both word tiers and beyond.
  @Test(arguments: [
    ("sfix32_En16", "sfix32_En16"), ("sfix64_En3", "ufix64_En60"), ("sfix64_En0", "sfix64_En0"),
    ("sfix100_En50", "sfix20_En2"), ("ufix90_En1", "sfix40_En80"), ("sfix120_En3", "sfix30_En0"),
  ])
  func arithmeticInto(pair: (String, String)) {
    let a = TestValues.format(pair.0)
    let b = TestValues.format(pair.1)
    var rng = SeededRandom(seed: UInt64(a.width * 7 + b.width))
    let x = Self.randomArray(a, count: 11, &rng)
    let y = Self.randomArray(b, count: 11, &rng)
    let cases: [(String, FixedArray, (inout FixedArray) -> Void)] = [
      ("add", x + y, { FixedArray.sum(x, y, into: &$0) }),
      ("sub", x - y, { FixedArray.difference(x, y, into: &$0) }),
      ("mul", x * y, { FixedArray.product(x, y, into: &$0) }),
    ]
    for (op, result, into) in cases {
      let format = Reference.resultFormat(op, a, b)
      var written = FixedArray(zeros: x.count, format: format)
      into(&written)
      into(&written)
      #expect(result.format == format && written == result, "\(op) \(a), \(b)")
      for i in 0..<x.count {
        let rx = Reference.value(x[i]) as GMPRational
        let ry = Reference.value(y[i]) as GMPRational
        let exact = op == "add" ? rx + ry : op == "sub" ? rx - ry : rx * ry
        if (Reference.value(result[i]) as GMPRational) != exact {
          Issue.record("\(op) \(x[i].code.hex) (\(a)), \(y[i].code.hex) (\(b))")
          return
        }
      }
    }
  }
}
