import FixedPoint
import Testing

/// Every pair of values of small formats: exact `+ − ×` (format by the growth rules, value by
/// the rational reference) through arrays and scalars; division into a target format with every
/// rounding × overflow mode. Quantizing op results is covered by quantizing every code of the
/// result formats (`quantizeResultFormats` below).
@Suite struct ExhaustiveArithmeticTests {
  static let pairs: [(String, String)] = [
    ("sfix8_En3", "sfix8_En5"), ("ufix8_En2", "sfix7_En0"), ("ufix6_E2", "ufix8_En4"),
    ("sfix1_En0", "ufix8_En8"), ("sfix8_En0", "ufix1_En0"), ("sfix4_En9", "sfix8_E3"),
  ]

  static let divisionCases: [(String, String, String)] = [
    ("sfix8_En3", "sfix4_En2", "sfix6_En2"), ("ufix6_En1", "sfix4_En4", "ufix5_En3"),
    ("sfix5_E1", "ufix3_En2", "sfix8_E1"),
  ]

  @Test(arguments: 0..<pairs.count)
  func exactOperationsOnEveryPair(pair: Int) {
    let a = TestValues.format(Self.pairs[pair].0)
    let b = TestValues.format(Self.pairs[pair].1)
    let aCodes = TestValues.allCodes(a)
    let bCodes = TestValues.allCodes(b)
    // Every pair as two aligned arrays.
    let left = FixedArray(codes: aCodes.flatMap { x in bCodes.map { _ in x } }, format: a)
    let right = FixedArray(codes: aCodes.flatMap { _ in bCodes }, format: b)
    let results = ["add": left + right, "sub": left - right, "mul": left * right]
    for (op, array) in results.sorted(by: { $0.key < $1.key }) {
      let format = Reference.resultFormat(op, a, b)
      #expect(array.format == format, "\(op) \(a) \(b): \(array.format), want \(format)")
      for i in 0..<left.count {
        let x = left[i]
        let y = right[i]
        let rx = Reference.value(x) as SmallRational
        let ry = Reference.value(y) as SmallRational
        let exact = op == "add" ? rx + ry : op == "sub" ? rx - ry : rx * ry
        let scalar = op == "add" ? x + y : op == "sub" ? x - y : x * y
        let got = Reference.value(array[i]) as SmallRational
        let gotScalar = Reference.value(scalar) as SmallRational
        if got != exact || gotScalar != exact || scalar.format != format {
          Issue.record(
            "\(op) \(x) (\(a)) and \(y) (\(b)): array \(array[i]) scalar \(scalar) want \(exact)")
          return
        }
      }
    }
  }

  /// Every code of the op result formats above, quantized back to each operand format with
  /// every mode (the op-then-quantize path of hardware).
  @Test(arguments: 0..<pairs.count)
  func quantizeResultFormats(pair: Int) {
    let a = TestValues.format(Self.pairs[pair].0)
    let b = TestValues.format(Self.pairs[pair].1)
    // Result formats up to 10 bits (a 16-bit product would be 65536 codes × 35 modes).
    for op in ["add", "sub", "mul"] where Reference.resultFormat(op, a, b).width <= 10 {
      let source = Reference.resultFormat(op, a, b)
      let array = FixedArray(codes: TestValues.allCodes(source), format: source)
      for target in [a, b] {
        for rounding in RoundingMode.deterministic {
          for overflow in OverflowMode.allCases where overflow != .wrapSM || target.isSigned {
            var events = QuantizationEvents()
            let fast = array.quantized(
              to: target, rounding: rounding, overflow: overflow, events: &events)
            var expected = ReferenceEvents()
            for (i, x) in array.enumerated() {
              let want = Reference.quantize(
                Reference.value(x) as SmallRational, to: target, rounding: rounding,
                overflow: overflow)
              expected.add(want, signed: target.isSigned)
              if fast.code(at: i) != want.code.bigInt {
                let got = "\(fast.code(at: i).hex) want \(want.code.bigInt.hex)"
                Issue.record("\(source)→\(target) \(rounding) \(overflow) \(x.code.hex): \(got)")
                return
              }
            }
            #expect(events == expected.events, "\(source)→\(target) \(rounding) \(overflow)")
          }
        }
      }
    }
  }

  static let random = CounterRNG(seed: 9, stream: 1)

  @Test(arguments: 0..<divisionCases.count)
  func divisionOfEveryPair(index: Int) throws {
    let (aText, bText, targetText) = Self.divisionCases[index]
    let a = TestValues.format(aText)
    let b = TestValues.format(bText)
    let target = TestValues.format(targetText)
    let bCodes = TestValues.allCodes(b).filter { !$0.isZero }
    let aCodes = TestValues.allCodes(a)
    let left = FixedArray(codes: aCodes.flatMap { x in bCodes.map { _ in x } }, format: a)
    let right = FixedArray(codes: aCodes.flatMap { _ in bCodes }, format: b)
    for rounding in RoundingMode.allCases {
      for overflow in OverflowMode.allCases where overflow != .wrapSM || target.isSigned {
        var events = QuantizationEvents()
        let quotients = try left.divided(
          by: right, to: target, rounding: rounding, overflow: overflow, random: Self.random,
          events: &events)
        var expected = ReferenceEvents()
        for i in 0..<left.count {
          let exact =
            (Reference.value(left[i]) as SmallRational).divided(by: Reference.value(right[i]))
          let want = Reference.quantize(
            exact, to: target, rounding: rounding, overflow: overflow,
            word: Self.random.word(at: UInt64(i)))
          expected.add(want, signed: target.isSigned)
          let scalar = try left[i].divided(
            by: right[i], to: target, rounding: rounding, overflow: overflow,
            random: Self.random, index: UInt64(i))
          let wantCode = want.code.bigInt
          if quotients.code(at: i) != wantCode || scalar.code != wantCode {
            let got = "array \(quotients.code(at: i).hex) scalar \(scalar.code.hex)"
            Issue.record(
              "\(left[i]) / \(right[i]) → \(target) \(rounding) \(overflow): \(got) want \(wantCode.hex)"
            )
            return
          }
        }
        #expect(events == expected.events, "division \(rounding) \(overflow)")
      }
    }
  }

  @Test func divisionByZeroThrows() {
    let f = TestValues.format("sfix8_En4")
    let one = try! Fixed(exactly: "1", format: f)
    #expect(throws: FixedPointError.divisionByZero) {
      try one.divided(by: .zero(f), to: f)
    }
    #expect(FixedPointError.divisionByZero.description == "division by zero")
  }
}
