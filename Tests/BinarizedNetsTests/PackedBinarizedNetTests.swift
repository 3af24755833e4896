import BinarizedNets
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
  ]

  @Test(arguments: 0..<5)
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

  @Test func argmaxTiesGoToTheLowestClass() {
    #expect(BinarizedNet.argmax([3, 5, 5, -1][...]) == 1)
    #expect(BinarizedNet.argmax([-2, -2][...]) == 0)
  }
}
