import FixedPoint
import Testing
import _TestSupport

/// Random formats and values at widths straddling word boundaries, every operation against the
/// GMP `mpq` reference, through both the array and the scalar paths. Seeds are per width and
/// printed with every mismatch.
@Suite struct RandomDifferentialTests {
  static let widths = [1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257]
  static let cases = 24
  static let elements = 24

  /// A second width near `w` (sometimes much smaller) for the other operand or the target.
  static func partnerWidth(_ w: Int, _ rng: inout SeededRandom) -> Int {
    switch rng.next() % 4 {
    case 0: return 1 + Int(rng.next() % 16)
    case 1: return w
    default: return max(1, w + Int(rng.next() % 5) - 2)
    }
  }

  static func randomArray(_ format: FixedFormat, _ rng: inout SeededRandom) -> FixedArray {
    FixedArray(
      codes: (0..<elements).map { _ in TestValues.randomCode(format, &rng) }, format: format)
  }

  @Test(arguments: widths)
  func quantize(width: Int) {
    let seed = 0x5EED_0000 + UInt64(width)
    var rng = SeededRandom(seed: seed)
    for trial in 0..<Self.cases {
      let source = TestValues.randomFormat(width: width, &rng)
      let target = TestValues.randomFormat(width: Self.partnerWidth(width, &rng), &rng)
      let rounding = TestValues.pick(RoundingMode.allCases, &rng)
      let overflow = TestValues.pick(
        OverflowMode.allCases.filter { $0 != .wrapSM || target.isSigned }, &rng)
      let random = CounterRNG(seed: seed, stream: UInt64(trial))
      let array = Self.randomArray(source, &rng)
      var events = QuantizationEvents()
      let fast = array.quantized(
        to: target, rounding: rounding, overflow: overflow, random: random, firstIndex: 7,
        events: &events)
      var expected = ReferenceEvents()
      for (i, x) in array.enumerated() {
        let want = Reference.quantize(
          Reference.value(x) as GMPRational, to: target, rounding: rounding, overflow: overflow,
          word: random.word(at: 7 + UInt64(i)))
        expected.add(want, signed: target.isSigned)
        let scalar = x.quantized(
          to: target, rounding: rounding, overflow: overflow, random: random, index: 7 + UInt64(i))
        let code = want.code.bigInt
        if fast.code(at: i) != code || scalar.code != code {
          let got = "array \(fast.code(at: i).hex) scalar \(scalar.code.hex)"
          Issue.record(
            "seed \(seed) trial \(trial): \(source)→\(target) \(rounding) \(overflow) \(x.code.hex): \(got) want \(code.hex)"
          )
          return
        }
      }
      #expect(events == expected.events, "seed \(seed) trial \(trial) events")
    }
  }

  @Test(arguments: widths)
  func arithmetic(width: Int) throws {
    let seed = 0xA817_0000 + UInt64(width)
    var rng = SeededRandom(seed: seed)
    for trial in 0..<Self.cases {
      let a = TestValues.randomFormat(width: width, &rng)
      let b = TestValues.randomFormat(width: Self.partnerWidth(width, &rng), &rng)
      let x = Self.randomArray(a, &rng)
      let y = Self.randomArray(b, &rng)
      for (op, result) in [("add", x + y), ("sub", x - y), ("mul", x * y)] {
        let format = Reference.resultFormat(op, a, b)
        #expect(result.format == format, "seed \(seed) trial \(trial) \(op) format")
        for i in 0..<x.count {
          let rx = Reference.value(x[i]) as GMPRational
          let ry = Reference.value(y[i]) as GMPRational
          let exact = op == "add" ? rx + ry : op == "sub" ? rx - ry : rx * ry
          let scalar = op == "add" ? x[i] + y[i] : op == "sub" ? x[i] - y[i] : x[i] * y[i]
          let got = Reference.value(result[i]) as GMPRational
          if got != exact || (Reference.value(scalar) as GMPRational) != exact {
            Issue.record(
              "seed \(seed) trial \(trial): \(op) \(x[i].code.hex) (\(a)), \(y[i].code.hex) (\(b))")
            return
          }
        }
      }
      // Division into a random target.
      let target = TestValues.randomFormat(width: Self.partnerWidth(width, &rng), &rng)
      let rounding = TestValues.pick(RoundingMode.allCases, &rng)
      let overflow = TestValues.pick(
        OverflowMode.allCases.filter { $0 != .wrapSM || target.isSigned }, &rng)
      let random = CounterRNG(seed: seed, stream: UInt64(trial))
      let divisor = FixedArray(
        codes: y.codes.map { $0.isZero ? (b.maxCode.isZero ? b.minCode : b.maxCode) : $0 },
        format: b)
      let quotients = try x.divided(
        by: divisor, to: target, rounding: rounding, overflow: overflow, random: random)
      for i in 0..<x.count {
        let exact = (Reference.value(x[i]) as GMPRational).divided(by: Reference.value(divisor[i]))
        let want = Reference.quantize(
          exact, to: target, rounding: rounding, overflow: overflow,
          word: random.word(at: UInt64(i))
        ).code.bigInt
        if quotients.code(at: i) != want {
          Issue.record(
            "seed \(seed) trial \(trial): \(x[i].code.hex) / \(divisor[i].code.hex) → \(target) \(rounding) \(overflow): \(quotients.code(at: i).hex) want \(want.hex)"
          )
          return
        }
      }
    }
  }

  /// Comparisons and the exact decimal text agree with the reference.
  @Test(arguments: [8, 64, 65, 129, 257])
  func comparisonsAndDecimals(width: Int) {
    var rng = SeededRandom(seed: 0xC0DE + UInt64(width))
    for _ in 0..<100 {
      let a = TestValues.randomFormat(width: width, &rng)
      let b = TestValues.randomFormat(width: Self.partnerWidth(width, &rng), &rng)
      let x = Fixed(code: TestValues.randomCode(a, &rng), format: a)
      let y = Fixed(code: TestValues.randomCode(b, &rng), format: b)
      let rx = Reference.value(x) as GMPRational
      let ry = Reference.value(y) as GMPRational
      #expect((x < y) == (rx < ry) && (x == y) == (rx == ry), "\(x) vs \(y)")
      // The decimal text read back exactly gives the same value.
      #expect((try? Fixed(exactly: x.description, format: a))?.code == x.code, "\(x) in \(a)")
    }
  }
}
