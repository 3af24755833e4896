import Testing

@testable import QONNXImport

/// `Quant`'s codes, exactly: against Double arithmetic where it is exact (power-of-two scales),
/// for every rounding mode, across the clamp limits.
@Suite struct QuantizerTests {
  static func reference(_ x: Double, _ rounding: Quantizer.Rounding) -> Double {
    switch rounding {
    case .round: return x.rounded(.toNearestOrEven)
    case .ceil: return x.rounded(.up)
    case .floor: return x.rounded(.down)
    case .roundToZero: return x.rounded(.towardZero)
    case .halfUp: return (x + 0.5).rounded(.down)
    case .halfDown: return (x - 0.5).rounded(.up)
    }
  }

  @Test(arguments: Quantizer.Rounding.allCases)
  func codesMatchExactDoubleArithmetic(rounding: Quantizer.Rounding) {
    for (bits, signed, narrow) in [
      (8, true, false), (8, false, false), (2, true, true), (3, false, true),
    ] {
      for scale in [Float(0.25), 1, 0.0078125] {
        let q = Quantizer(
          bits: bits, signed: signed, narrow: narrow, rounding: rounding, scale: scale)
        for k in -2100...2100 {
          let x = Float(k) / 8 * scale  // multiples of scale/8: every tie and quarter occurs
          let want = min(
            max(Self.reference(Double(x) / Double(scale), rounding), Double(q.minCode)),
            Double(q.maxCode))
          #expect(q.code(x) == Int(want), "x \(x), scale \(scale), \(rounding)")
        }
      }
    }
  }

  @Test func rangesFollowSignAndNarrow() {
    let cases: [(Int, Bool, Bool, ClosedRange<Int>)] = [
      (8, true, false, -128...127), (8, true, true, -127...127), (8, false, false, 0...255),
      (8, false, true, 0...254), (2, true, true, -1...1), (1, false, false, 0...1),
    ]
    for (bits, signed, narrow, range) in cases {
      let q = Quantizer(bits: bits, signed: signed, narrow: narrow, rounding: .round, scale: 1)
      #expect(q.minCode...q.maxCode == range)
    }
  }

  @Test func aScaleThatIsNoPowerOfTwoDividesExactly() {
    // 0.3f / 0.1f is just above 3 in reals (0.3f > 3 · 0.1f), so CEIL gives 4 and FLOOR 3.
    let x = Float(0.3)
    let s = Float(0.1)
    #expect(Double(x) > 3 * Double(s))
    #expect(Quantizer(bits: 8, signed: true, narrow: false, rounding: .ceil, scale: s).code(x) == 4)
    #expect(
      Quantizer(bits: 8, signed: true, narrow: false, rounding: .floor, scale: s).code(x) == 3)
    #expect(
      Quantizer(bits: 8, signed: true, narrow: false, rounding: .round, scale: s).code(x) == 3)
  }

  @Test func infinitiesClampAndNaNHasNoCode() {
    let q = Quantizer(bits: 4, signed: true, narrow: true, rounding: .round, scale: 0.5)
    #expect(q.code(.infinity) == 7)
    #expect(q.code(-.infinity) == -7)
    #expect(q.code(.nan) == nil)
  }
}
