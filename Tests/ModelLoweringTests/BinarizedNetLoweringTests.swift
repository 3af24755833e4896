import BinarizedNets
import ModelLowering
import NetlistIR
import NetlistPasses
import NetlistSim
import Testing
import _TestSupport

/// The lowered netlist of random binarized nets against the plain integer reference.
@Suite struct BinarizedNetLoweringTests {
  static let shapes: [(InputFormat, Int, [(WeightMode, Int)])] = [
    (.bits, 13, [(.binary, 9), (.ternary, 7), (.binary, 5)]),
    (.bits, 4, [(.ternary, 3)]),
    (.integers(bits: 4, signed: false), 6, [(.integer(bits: 3), 8), (.binary, 6), (.ternary, 3)]),
    (.integers(bits: 5, signed: true), 5, [(.ternary, 7), (.binary, 4)]),
    (.integers(bits: 3, signed: true), 4, [(.integer(bits: 4), 3)]),
  ]

  /// The vector of a sample: input `i` in bits `i·K ..< (i+1)·K`.
  static func vector(_ net: BinarizedNet, _ sample: [Int]) -> BitVector {
    let k = net.input.bits
    var words = [UInt64](repeating: 0, count: (net.sampleBits + 63) / 64)
    for (i, value) in sample.enumerated() {
      for j in 0..<k where (value >> j) & 1 == 1 {
        words[(i * k + j) / 64] |= 1 << UInt64((i * k + j) % 64)
      }
    }
    return BitVector(width: net.sampleBits, words: words)
  }

  @Test(arguments: 0..<5)
  func netlistMatchesTheReference(shape: Int) throws {
    var random = SeededRandom(seed: UInt64(200 + shape))
    let (input, inputs, layers) = Self.shapes[shape]
    let net = RandomBinarizedNets.make(
      input: input, inputs: inputs, layers: layers, using: &random)
    let netlist = BinarizedNetLowering.lower(net)
    let optimized = try HardwareFlow.optimize(netlist).netlist
    let samples = (0..<300).map { _ in RandomBinarizedNets.sample(net, using: &random) }
    let vectors = samples.map { [Self.vector(net, $0)] }
    for candidate in [netlist, optimized] {
      let results = try ReferenceInterpreter(candidate).run(vectors)
      for (sample, result) in zip(samples, results) {
        let scores = net.referenceScores(sample)
        #expect(result.dropLast().map { $0.intValue(.signed)! } == scores, "\(sample)")
        #expect(result.last!.intValue(.unsigned)! == BinarizedNet.argmax(scores[...]))
      }
    }
  }

  @Test func thresholdsBecomeComparatorsOrConstants() {
    let net = try! BinarizedNet(
      input: .bits, inputs: 4,
      layers: [
        DenseLayer(
          mode: .ternary, inputs: 4, outputs: 4,
          weights: [1, -1, 0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1],
          activations: [.atLeast(1), .atMost(-5), .constant(true), .atLeast(-4)]),
        DenseLayer(
          mode: .binary, inputs: 4, outputs: 2, weights: [1, 1, 1, 1, -1, -1, -1, -1],
          activations: nil),
      ])
    let netlist = BinarizedNetLowering.lower(net)
    // Neuron 0 compares; neuron 1 (dot ≥ −4 always) and neurons 2, 3 are constants.
    #expect(netlist.nodes.filter(BinarizedNetLowering.isModelGate).count == 1)
  }
}
