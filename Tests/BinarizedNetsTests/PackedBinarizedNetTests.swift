import BinarizedNets
import BitCore
import Testing
import _TestSupport

/// The bit-packed runtime against the plain ±1 integer reference.
@Suite struct PackedBinarizedNetTests {
  static let shapes: [(InputFormat, Int, [(WeightMode, Int)])] = [
    (.bits, 70, [(.binary, 65), (.ternary, 130), (.binary, 7)]),
    (.bits, 3, [(.ternary, 1)]),
    (
      .integers(bits: 8, signed: false), 20,
      [(.integer(bits: 4), 64), (.binary, 33), (.ternary, 10)]
    ),
    (.integers(bits: 5, signed: true), 9, [(.ternary, 12), (.binary, 4)]),
    (.integers(bits: 3, signed: true), 6, [(.binary, 3)]),
    // Partial sums past 32 bits: the integer layer in `Int`, not the 32-bit C kernel.
    (.integers(bits: 16, signed: false), 4, [(.integer(bits: 16), 5), (.binary, 3)]),
  ]

  @Test(arguments: 0..<6)
  func matchesTheReference(shape: Int) {
    var random = SeededRandom(seed: UInt64(100 + shape))
    let (input, inputs, layers) = Self.shapes[shape]
    let net = RandomBinarizedNets.make(
      input: input, inputs: inputs, layers: layers, using: &random)
    let samples = 150
    let values = (0..<samples).flatMap { _ in RandomBinarizedNets.sample(net, using: &random) }
    let (scores, predicted) = PackedBinarizedNet(net).run(values, samples: samples)
    let k = net.classes
    for s in 0..<samples {
      let expected = net.referenceScores(Array(values[(s * inputs)..<((s + 1) * inputs)]))
      #expect(Array(scores[(s * k)..<((s + 1) * k)]) == expected, "sample \(s)")
      #expect(predicted[s] == BinarizedNet.argmax(expected[...]))
    }
  }

  /// Several cores over several blocks give the results of one call on one core.
  @Test func threadsDoNotChangeResults() {
    var random = SeededRandom(seed: 77)
    let net = RandomBinarizedNets.make(
      input: .bits, inputs: 40, layers: [(.ternary, 70), (.binary, 6)], using: &random)
    let samples = 700
    let values = (0..<samples).flatMap { _ in RandomBinarizedNets.sample(net, using: &random) }
    let packed = PackedBinarizedNet(net)
    let one = packed.run(values, samples: samples)
    for threads in [1, 2, 3] {
      let many = packed.run(values, samples: samples, threads: threads)
      #expect(many.scores == one.scores && many.predicted == one.predicted, "\(threads) threads")
    }
  }

  /// Every kernel this CPU runs (AVX-512, POPCNT, portable) gives the reference's scores.
  @Test(arguments: PackedKernel.allCases.filter(\.isAvailable), 0..<6)
  func everyKernelMatchesTheReference(kernel: PackedKernel, shape: Int) {
    var random = SeededRandom(seed: UInt64(300 + shape))
    let (input, inputs, layers) = Self.shapes[shape]
    let net = RandomBinarizedNets.make(
      input: input, inputs: inputs, layers: layers, using: &random)
    let samples = 37
    let values = (0..<samples).flatMap { _ in RandomBinarizedNets.sample(net, using: &random) }
    let (scores, _) = PackedBinarizedNet(net, kernel: kernel).run(values, samples: samples)
    let k = net.classes
    for s in 0..<samples {
      let expected = net.referenceScores(Array(values[(s * inputs)..<((s + 1) * inputs)]))
      #expect(Array(scores[(s * k)..<((s + 1) * k)]) == expected, "\(kernel), sample \(s)")
    }
  }

  /// Batches over several blocks (and a partial last block, not a multiple of 8), wide
  /// layers (several 64-neuron groups, rows of several words), on one and two cores and
  /// from packed rows, on every kernel: all give the reference's scores (computed once: it
  /// is the slow part in a debug build).
  @Test func largeBatchesOnOneAndTwoCores() {
    var random = SeededRandom(seed: 91)
    let net = RandomBinarizedNets.make(
      input: .bits, inputs: 130, layers: [(.binary, 70), (.ternary, 65), (.binary, 10)],
      using: &random)
    let samples = PackedBinarizedNet.block + 77
    let values = (0..<samples).flatMap { _ in RandomBinarizedNets.sample(net, using: &random) }
    var bits = BitMatrix(rows: samples, columns: net.inputs)
    for s in 0..<samples {
      for i in 0..<net.inputs where values[s * net.inputs + i] != 0 { bits[s, i] = true }
    }
    let k = net.classes
    let expected = (0..<samples).flatMap {
      net.referenceScores(Array(values[($0 * net.inputs)..<(($0 + 1) * net.inputs)]))
    }
    let classes = (0..<samples).map { BinarizedNet.argmax(expected[($0 * k)..<(($0 + 1) * k)]) }
    for kernel in PackedKernel.allCases where kernel.isAvailable {
      let packed = PackedBinarizedNet(net, kernel: kernel)
      for threads in [1, 2] {
        let run = packed.run(values, samples: samples, threads: threads)
        #expect(run.scores == expected, "\(kernel), \(threads) threads")
        #expect(run.predicted == classes, "\(kernel), \(threads) threads")
        let fromBits = packed.run(bits: bits, threads: threads)
        #expect(fromBits.scores == expected && fromBits.predicted == classes)
      }
    }
  }

  /// Every threshold around and beyond the dot range, both directions and the constants,
  /// on neurons with an odd and an even number of non-zero weights, over every input: the
  /// activations restated on mismatch counts fire exactly when the definition does.
  @Test func activationsAtEveryThreshold() throws {
    let inputs = 5
    var rows: [[Int16]] = []
    var activations: [NeuronActivation] = [.constant(false), .constant(true)]
    rows += [[1, -1, 0, 1, 1], [0, 0, 0, 0, 0]]
    for row: [Int16] in [[1, -1, 1, 1, -1], [1, 0, -1, 1, 0], [0, 0, -1, 0, 0]] {
      for t in -7...7 {
        rows += [row, row]
        activations += [.atLeast(t), .atMost(t)]
      }
    }
    let hidden = DenseLayer(
      mode: .ternary, inputs: inputs, outputs: rows.count, weights: rows.flatMap { $0 },
      activations: activations)
    // The last layer copies each hidden bit into its own score.
    let n = rows.count
    let last = DenseLayer(
      mode: .ternary, inputs: n, outputs: n,
      weights: (0..<(n * n)).map { $0 / n == $0 % n ? 1 : 0 }, activations: nil)
    let net = try BinarizedNet(input: .bits, inputs: inputs, layers: [hidden, last])
    let values = (0..<32).flatMap { v in (0..<inputs).map { (v >> $0) & 1 } }
    for kernel in PackedKernel.allCases where kernel.isAvailable {
      let (scores, _) = PackedBinarizedNet(net, kernel: kernel).run(values, samples: 32)
      for v in 0..<32 {
        let expected = net.referenceScores(Array(values[(v * inputs)..<((v + 1) * inputs)]))
        #expect(Array(scores[(v * n)..<((v + 1) * n)]) == expected, "\(kernel), input \(v)")
      }
    }
  }

  @Test func workPerSampleCountsWordsAndMACs() {
    var random = SeededRandom(seed: 5)
    let net = RandomBinarizedNets.make(
      input: .integers(bits: 8, signed: false), inputs: 20,
      layers: [(.integer(bits: 4), 70), (.binary, 65), (.ternary, 10)], using: &random)
    let work = PackedBinarizedNet(net).workPerSample
    #expect(work.integerMACs == 20 * 70)
    #expect(work.binaryMACs == 70 * 65 + 65 * 10)
    #expect(work.popcounts == 65 * 2 + 10 * 2)
  }

  @Test func argmaxTiesGoToTheLowestClass() {
    #expect(BinarizedNet.argmax([3, 5, 5, -1][...]) == 1)
    #expect(BinarizedNet.argmax([-2, -2][...]) == 0)
  }
}
