import FixedPoint
import Testing
import _TestSupport

/// The unchecked tiles of the C kernels: a block of 4 output rows whose partial sums provably
/// stay in range skips the per-addition checks, and must still give the reference's codes,
/// overflow counts and widest value, next to blocks that overflow, on every kernel path.
@Suite struct AccumulatorFastPathTests {
  static let s16 = FixedFormat(signed: true, width: 16, fractionBits: 0)

  /// Rows `i` whose block `i / 4` is "large" hold codes near ±2^15, the others small codes,
  /// so some blocks are provably in range and some overflow (the largest |b| is 2^15 − 1).
  static func mixed(rows: Int, columns: Int, _ rng: inout SeededRandom) -> FixedTensor {
    var codes: [Int64] = []
    for i in 0..<rows {
      let large = (i / 4) % 3 == 1
      for _ in 0..<columns {
        let magnitude = large ? 32_767 - Int64(rng.next() % 64) : Int64(rng.next() % 9)
        codes.append(rng.next() % 2 == 0 ? magnitude : -magnitude)
      }
    }
    return FixedTensor(shape: [rows, columns], codes: codes, format: s16)
  }

  @Test(arguments: [AccumulatorOverflow.wrap, .saturate])
  func mixedBlocksMatchReference(overflow: AccumulatorOverflow) {
    var rng = SeededRandom(seed: 0xFA57)
    for trial in 0..<24 {
      let (m, k, n) = (5 + Int(rng.next() % 14), 1 + Int(rng.next() % 40), 1 + Int(rng.next() % 70))
      // 2^15·9·k stays below 2^23 for small blocks; large blocks need up to 2^30·k.
      let width = [24, 31, 32, 40, 48][trial % 5]
      let accumulator = Accumulator(width: width, overflow: overflow)
      let a = Self.mixed(rows: m, columns: k, &rng)
      let b = Self.mixed(rows: k, columns: n, &rng)
      var model = AccumulatorReference(accumulator)
      let expected = AccumulatorKernelTests.referenceProduct(
        m: m, k: k, n: n, { a.code(at: [$0, $1]) }, { b.code(at: [$0, $1]) }, &model)
      for path in AccumulatorKernelTests.paths {
        var events = AccumulatorEvents()
        let c = FixedTensor.matrixProduct(
          a, b, accumulator: accumulator, path: path, threads: 1 + trial % 2, events: &events)
        let context = "trial \(trial) \(path) \(accumulator) \(m)×\(k)×\(n)"
        #expect(c.array.codes == expected, "\(context)")
        #expect(events == model.events, "\(context): \(events) vs \(model.events)")
      }
    }
  }

  /// At the bound: `k` products of (2^15 − 1)² all of one sign reach exactly `k·(2^15−1)²`;
  /// an accumulator whose maximum is that sum never overflows (the unchecked tile), one bit
  /// narrower overflows (the checked tile), and both agree with the reference.
  @Test func boundaryOfTheProof() {
    let top: Int64 = 32_767
    for k in [1, 2, 3, 7] {
      let sum = Int64(k) * top * top
      let fits = 65 - sum.leadingZeroBitCount
      let a = FixedTensor(
        shape: [6, k], codes: [Int64](repeating: top, count: 6 * k), format: Self.s16)
      let b = FixedTensor(
        shape: [k, 33], codes: [Int64](repeating: -top, count: k * 33), format: Self.s16)
      for width in [fits - 1, fits] {
        for overflow in AccumulatorOverflow.allCases {
          let accumulator = Accumulator(width: width, overflow: overflow)
          var model = AccumulatorReference(accumulator)
          let expected = AccumulatorKernelTests.referenceProduct(
            m: 6, k: k, n: 33, { a.code(at: [$0, $1]) }, { b.code(at: [$0, $1]) }, &model)
          #expect((model.events.overflows > 0) == (width < fits))
          for path in AccumulatorKernelTests.paths {
            var events = AccumulatorEvents()
            let c = FixedTensor.matrixProduct(
              a, b, accumulator: accumulator, path: path, events: &events)
            #expect(c.array.codes == expected, "k \(k) \(path) \(accumulator)")
            #expect(events == model.events, "k \(k) \(path) \(accumulator)")
          }
        }
      }
    }
  }
}
