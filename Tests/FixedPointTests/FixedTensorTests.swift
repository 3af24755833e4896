import FixedPoint
import Testing
import _TestSupport

/// Shapes and views of ``FixedTensor`` on every storage tier (Int64, Int128, BigInt codes).
@Suite struct FixedTensorTests {
  static let formats = ["sfix8_En7", "ufix12_En4", "sfix100_En50", "sfix200_En3"].map(
    TestValues.format)

  static func tensor(_ shape: [Int], _ format: FixedFormat, seed: UInt64) -> FixedTensor {
    var rng = SeededRandom(seed: seed)
    let codes = (0..<FixedTensor.elementCount(shape)).map { _ in
      TestValues.randomCode(format, &rng)
    }
    return FixedTensor(shape: shape, array: FixedArray(codes: codes, format: format))
  }

  @Test(arguments: formats)
  func viewsKeepRowMajorOrder(format: FixedFormat) {
    let t = Self.tensor([3, 4, 5], format, seed: 1)
    #expect(t.count == 60 && t.rank == 3)
    #expect(t.code(at: [2, 1, 3]) == t.array.code(at: (2 * 4 + 1) * 5 + 3))
    let r = t.reshaped([12, 5])
    #expect(r.code(at: [9, 3]) == t.code(at: [2, 1, 3]))
    let rows = t.rows(1..<3)
    #expect(rows.shape == [2, 4, 5])
    #expect(rows.code(at: [1, 1, 3]) == t.code(at: [2, 1, 3]))
    #expect(t.row(2).shape == [4, 5] && t.row(2).code(at: [1, 3]) == t.code(at: [2, 1, 3]))
    let m = t.reshaped([6, 10])
    let mt = m.transposed()
    #expect(mt.shape == [10, 6])
    for i in 0..<6 {
      for j in 0..<10 { #expect(mt.code(at: [j, i]) == m.code(at: [i, j])) }
    }
    #expect(mt.transposed() == m)
  }

  @Test(arguments: formats)
  func quantizeIsTheArrayQuantize(format: FixedFormat) {
    let t = Self.tensor([4, 6], format, seed: 2)
    let target = TestValues.format("sfix6_En2")
    let random = CounterRNG(seed: 9)
    for rounding in RoundingMode.allCases {
      for overflow in [OverflowMode.wrap, .sat, .satSym] {
        var tensorEvents = QuantizationEvents()
        var arrayEvents = QuantizationEvents()
        let q = t.quantized(
          to: target, rounding: rounding, overflow: overflow, random: random, firstIndex: 3,
          events: &tensorEvents)
        let expected = t.array.quantized(
          to: target, rounding: rounding, overflow: overflow, random: random, firstIndex: 3,
          events: &arrayEvents)
        #expect(q.shape == t.shape && q.array == expected && tensorEvents == arrayEvents)
        #expect(tensorEvents.count == 24)
      }
    }
  }

  @Test(arguments: ["sfix8_En4", "ufix6_En2", "sfix100_En60", "sfix20_E3"].map(TestValues.format))
  func doubleConversionsMatchTheScalarOnes(format: FixedFormat) throws {
    let values = [0.3, -1.7, 2.5, -0.5, 1e-9, 100.25, -3.0, 0.0, 7.875, -1e6]
    var events = QuantizationEvents()
    var scalarEvents = QuantizationEvents()
    let t = try FixedTensor(
      shape: [2, 5], values: values, format: format, rounding: .rndConv, overflow: .sat,
      events: &events)
    for (i, v) in values.enumerated() {
      let x = try Fixed(
        v, format: format, rounding: .rndConv, overflow: .sat, events: &scalarEvents)
      #expect(t.array.code(at: i) == x.code, "\(v) in \(format)")
    }
    #expect(events == scalarEvents && events.count == 10)
    #expect(t.doubleValues == t.array.map(\.doubleValue))
    #expect(throws: FixedPointError.notFinite(.infinity)) {
      try FixedTensor(shape: [1], values: [.infinity], format: format, events: &events)
    }
  }
}
