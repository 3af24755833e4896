import BitCore
import CFixedKernels
import FixedPoint
import Testing

@testable import IntegerTraining

/// The C kernels of the training path against the Swift definitions they replace: codes and
/// every counter equal, for any thread count.
@Suite struct TrainingKernelsTests {
  /// A signed value of at most `bits` bits from word `i` of `rng` (zero one time in eight).
  func value(_ rng: CounterRNG, _ i: Int, bits: Int) -> Int64 {
    let w = rng.word(at: UInt64(i))
    if w & 7 == 0 { return 0 }
    let magnitude = Int64(truncatingIfNeeded: (w >> 4) & ((1 << UInt64(bits - 1)) - 1))
    return w & 8 == 0 ? magnitude : -magnitude
  }

  @Test(arguments: RoundingMode.deterministic)
  func momentumMatchesTheSwiftUpdate(rounding: RoundingMode) {
    let count = TrainingKernels.parallelThreshold + 13
    for (trial, saturate) in [false, true].enumerated() {
      let rng = CounterRNG(seed: 91, stream: UInt64(trial))
      // Masters and momenta (whose quarter is rounded) past the 24-bit and 13-bit bounds, so both
      // clamps fire.
      let master = (0..<count).map { value(rng, $0, bits: 25) }
      let momentum = (0..<count).map { value(rng, count + $0, bits: 17) }
      let forward = (0..<count).map { value(rng, 2 * count + $0, bits: 8) }
      let gradient = (0..<count).map { value(rng, 3 * count + $0, bits: 8) }
      let bounds: (Int64, Int64) =
        saturate ? (4095, (1 << 23) - 1) : (Int64.max, Int64.max)
      var expected = (master, momentum, forward, UpdateStatistics())
      QuantizedMomentum.reference(
        master: &expected.0, momentum: &expected.1, forward: &expected.2, gradient: gradient,
        learningRate: 26, rounding: rounding, bounds: bounds, forwardBound: 127,
        stats: &expected.3)
      if saturate {
        #expect(expected.3.weightSaturations > 0 && expected.3.momentumSaturations > 0)
      }
      #expect(expected.3.zeroUpdates > 0 && expected.3.flips > 0)
      for threads in [1, 2, 3] {
        var got = (master, momentum, forward, UpdateStatistics())
        let ran = TrainingKernels.momentum(
          master: &got.0, momentum: &got.1, forward: &got.2, gradient: gradient,
          learningRate: 26, rounding: rounding, bounds: bounds, forwardBound: 127,
          threads: threads, stats: &got.3)
        #expect(ran)
        #expect(got.0 == expected.0 && got.1 == expected.1 && got.2 == expected.2)
        #expect(got.3 == expected.3, "\(rounding) saturate \(saturate) threads \(threads)")
      }
    }
  }

  /// Operands too wide for the unchecked loop (a master near 2^62, a momentum near 2^50)
  /// take the overflow-checked one, with the same results.
  @Test func momentumOfWideOperandsMatches() {
    let count = 3000
    let rng = CounterRNG(seed: 4, stream: 4)
    var master = (0..<count).map { value(rng, $0, bits: 30) }
    var momentum = (0..<count).map { value(rng, count + $0, bits: 14) }
    let gradient = (0..<count).map { value(rng, 2 * count + $0, bits: 8) }
    master[5] = (1 << 62) - 12_345
    momentum[1500] = -(1 << 50) + 7
    let forward = [Int64](repeating: 0, count: count)
    var expected = (master, momentum, forward, UpdateStatistics())
    QuantizedMomentum.reference(
      master: &expected.0, momentum: &expected.1, forward: &expected.2, gradient: gradient,
      learningRate: 26, rounding: .rndConv, bounds: (.max, .max), forwardBound: 127,
      stats: &expected.3)
    var got = (master, momentum, forward, UpdateStatistics())
    let ran = TrainingKernels.momentum(
      master: &got.0, momentum: &got.1, forward: &got.2, gradient: gradient,
      learningRate: 26, rounding: .rndConv, bounds: (.max, .max), forwardBound: 127,
      threads: 2, stats: &got.3)
    #expect(ran && got.0 == expected.0 && got.1 == expected.1 && got.2 == expected.2)
    #expect(got.3 == expected.3 && expected.3.weightMaxBits == 64)
  }

  @Test func philoxBlocksAreCounterRNGs() {
    for (seed, stream, counter) in [
      (UInt64(0), UInt64(0), UInt64(1)), (7, 1 << 32 | 3, 12_345), (.max, .max, .max),
    ] {
      var words: [UInt64] = [0, 0, 0, 0]
      cfk_philox_block(seed, stream, counter, &words)
      let b = CounterRNG(seed: seed, stream: stream).block(counter)
      #expect(words == [b.0, b.1, b.2, b.3])
    }
  }

  @Test(arguments: StochasticForm.allCases)
  func constantMatchesTheSwiftRounding(form: StochasticForm) {
    let quantizer = WAGEUBNQuantizer(profile: WAGEUBNProfile(stochasticForm: form))
    // Not a multiple of 4, and large enough to be split.
    let count = TrainingKernels.parallelThreshold + 7
    let rng = CounterRNG(seed: 5, stream: 77)
    for (trial, s) in [1, 2, 9, 13, 40, 53, 61].enumerated() {
      let bits = min(62, s + 9)
      // Every third element a multiple of 2^s: no dropped bits, no word read.
      let g = (0..<count).map { i -> Int64 in
        let v = value(rng, trial * count + i, bits: bits)
        return i % 3 == 0 ? (v >> Int64(s)) << Int64(s) : v
      }
      let key = StochasticKey(seed: 11, step: UInt32(trial), tensor: 2)
      let bound: Int64 = 127
      let expected = quantizer.constantReference(g, shift: s, bound: bound, key: key)
      #expect(expected.1.rounded > 0 && expected.1.rounded < count)
      #expect(s > 53 || expected.1.overflowed > 0)
      for threads in [1, 2] {
        let got = TrainingKernels.constant(
          g, shift: s, bound: bound, form: form, key: key, threads: threads)
        #expect(got?.0 == expected.0 && got?.1 == expected.1, "s \(s) threads \(threads)")
      }
    }
    #expect(
      TrainingKernels.constant(
        [1, 2], shift: 0, bound: 127, form: form, key: StochasticKey(seed: 1), threads: 1) == nil)
  }

  @Test(arguments: [
    Accumulator(width: 48, overflow: .wrap), Accumulator(width: 14, overflow: .wrap),
    Accumulator(width: 13, overflow: .saturate), Accumulator(width: 32, overflow: .saturate),
  ])
  func productsMatchFixedTensor(accumulator: Accumulator) {
    let (rows, n, m) = (9, 37, 6)
    let rng = CounterRNG(seed: 3, stream: UInt64(accumulator.width))
    let x = (0..<rows * n).map { value(rng, $0, bits: 8) }
    let w = (0..<m * n).map { value(rng, 1000 + $0, bits: 8) }
    let e = (0..<rows * m).map { value(rng, 2000 + $0, bits: 9) }
    let cases: [(LayerProduct, [Int64], [Int64], FixedTensor, FixedTensor, MatrixProductForm)] = [
      (
        .forward, x, w, WAGEUBNNetwork.tensor(x, [rows, n]), WAGEUBNNetwork.tensor(w, [m, n]),
        .aBTransposed
      ),
      (.error, e, w, WAGEUBNNetwork.tensor(e, [rows, m]), WAGEUBNNetwork.tensor(w, [m, n]), .aB),
      (
        .gradient, e, x, WAGEUBNNetwork.tensor(e, [rows, m]), WAGEUBNNetwork.tensor(x, [rows, n]),
        .aTransposedB
      ),
    ]
    for (kind, left, right, a, b, form) in cases {
      var expectedEvents = AccumulatorEvents()
      let expected = FixedTensor.matrixProduct(
        a, b, form: form, accumulator: accumulator, path: .swift, events: &expectedEvents)
      for threads in [1, 2, 4] {
        var events = AccumulatorEvents()
        let got = TrainingKernels.product(
          left, right, rows, n, m, kind, accumulator, threads, &events)
        #expect(got == expected.int64Codes && events == expectedEvents, "\(kind) \(threads)")
      }
      if accumulator.width < 20 { #expect(expectedEvents.overflows > 0, "\(kind)") }
    }
  }

  @Test func productsLeaveWideOperandsToFixedTensor() {
    var events = AccumulatorEvents()
    let wide: [Int64] = [1 << 40, 3]
    #expect(
      TrainingKernels.product(
        wide, [1, 2], 1, 2, 1, .forward, Accumulator(width: 48, overflow: .wrap), 1, &events)
        == nil)
    #expect(events == AccumulatorEvents())
  }

  /// The C shift and E2 kernels in every deterministic rounding mode against the `FixedArray`
  /// quantizers (codes, exponents and counts) and the widest code.
  @Test(arguments: RoundingMode.deterministic)
  func shiftQuantizersMatchFixedArrays(rounding: RoundingMode) {
    for directRange in [DirectRange.unbounded, .saturate] {
      let quantizer = WAGEUBNQuantizer(
        profile: WAGEUBNProfile(rounding: rounding, directRange: directRange))
      let mode = RoundingMode.deterministic.firstIndex(of: rounding)!
      let rng = CounterRNG(seed: 17, stream: UInt64(mode) * 2 + (directRange == .saturate ? 1 : 0))
      for trial in 0..<40 {
        let bits = 12 + trial % 40
        let x = IntegerTensor(
          codes: (0..<257).map { value(rng, trial * 257 + $0, bits: bits) }, exponent: -20)
        let k = 2 + trial % 9
        let pairs: [(QuantizedCodes, QuantizedTensor)] = [
          (quantizer.direct(x, bits: k), quantizer.direct(x.fixedArray, bits: k)),
          (quantizer.shift(x, bits: k), quantizer.shift(x.fixedArray, bits: k)),
          (quantizer.e1(x, bits: k), quantizer.e1(x.fixedArray, bits: k)),
          (quantizer.e2(x, bits: k), quantizer.e2(x.fixedArray, bits: k)),
        ]
        for (n, (fast, reference)) in pairs.enumerated() {
          let widest = fast.tensor.codes.map { IntegerRounding.signedBitLength($0) }.max()
          #expect(fast.tensor.codes.map { BigInt($0) } == reference.codes.codes, "\(n) \(trial)")
          #expect(fast.tensor.exponent == reference.exponent)
          #expect(fast.events.rounded == reference.events.rounded, "\(n) \(trial)")
          #expect(fast.events.overflowed == reference.events.overflowed, "\(n) \(trial)")
          #expect(fast.events.maxBitLength == widest && fast.events.count == 257)
        }
      }
    }
  }
}
