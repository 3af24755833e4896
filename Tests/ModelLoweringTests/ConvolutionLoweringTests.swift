import BinarizedNets
import ModelLowering
import NetlistIR
import NetlistPasses
import NetlistSim
import Testing
import _TestSupport

/// The lowered netlist of random convolutional nets against the plain integer reference.
@Suite struct ConvolutionLoweringTests {
  @Test(arguments: 0..<ConvolutionNetShapes.all.count)
  func netlistMatchesTheReference(shape: Int) throws {
    var random = SeededRandom(seed: UInt64(600 + shape))
    let net = ConvolutionNetShapes.make(shape, using: &random)
    let netlist = BinarizedNetLowering.lower(net)
    let optimized = try HardwareFlow.optimize(netlist).netlist
    let samples = (0..<100).map { _ in RandomBinarizedNets.sample(net, using: &random) }
    let vectors = samples.map { [BinarizedNetLoweringTests.vector(net, $0)] }
    for candidate in [netlist, optimized] {
      let results = try ReferenceInterpreter(candidate).run(vectors)
      for (sample, result) in zip(samples, results) {
        let scores = net.referenceScores(sample)
        #expect(result.dropLast().map { $0.intValue(.signed)! } == scores, "\(sample)")
        #expect(result.last!.intValue(.unsigned)! == BinarizedNet.argmax(scores[...]))
      }
    }
  }

  /// Zero padding costs nothing: a 3×3 conv (padding 1) on a 1×3×3 bit image has 4 corner
  /// windows of 4 taps, 4 edge windows of 6 and a centre of 9 — 49 popcount inputs per
  /// channel — and a 3×3 max-pool is 8 ORs per channel.
  @Test func paddingRemovesInputs() throws {
    let conv = ConvolutionLayer(
      mode: .binary, inputChannels: 1, outputChannels: 2, kernel: 3, stride: 1, padding: 1,
      weights: [Int16](repeating: -1, count: 18), activations: [.atLeast(1), .atMost(0)])
    let net = try BinarizedNet(
      input: .bits, inputs: 9, image: ImageShape(channels: 1, height: 3, width: 3),
      features: [.convolution(conv), .maxPool(MaxPoolLayer(size: 3, stride: 1))],
      layers: [
        DenseLayer(mode: .binary, inputs: 2, outputs: 2, weights: [1, 1, 1, -1], activations: nil)
      ])
    let netlist = BinarizedNetLowering.lower(net)
    let popcounts = netlist.nodes.filter { $0.op == .popcount }
    let features = popcounts.filter { $0.operands.count != 2 }
    #expect(features.count == 18)
    #expect(features.map(\.operands.count).reduce(0, +) == 2 * 49)
    #expect(netlist.nodes.filter { $0.op == .or }.count == 2 * 8)
    #expect(netlist.nodes.filter(BinarizedNetLowering.isModelGate).count == 18)
  }
}
