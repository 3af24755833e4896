import BinarizedNets
import NetlistIR
import NetlistPasses
import Testing
import _TestSupport

@testable import ModelLowering

/// Inputs no neuron reads (zero weight columns, as pruning leaves them) keep their bits in
/// the input port but cost no gate: the gate-level design equals that of the net without
/// those inputs, node for node.
@Suite struct UnreadInputLoweringTests {
  /// The gate-level nodes by op mnemonic, ports aside.
  static func gateCounts(_ net: BinarizedNet) throws -> [String: Int] {
    let optimized = try HardwareFlow.optimize(BinarizedNetLowering.lower(net)).netlist
    var counts: [String: Int] = [:]
    for node in try HardwareFlow.gateLevel(optimized).netlist.nodes {
      switch node.op {
      case .input, .output, .slice, .concat, .buf: continue
      default: counts["\(node.op)", default: 0] += 1
      }
    }
    return counts
  }

  @Test(arguments: [InputFormat.bits, .integers(bits: 3, signed: true)])
  func unreadInputsCostNoGates(input: InputFormat) throws {
    var random = SeededRandom(seed: 17)
    let first: WeightMode = input == .bits ? .ternary : .integer(bits: 3)
    let small = RandomBinarizedNets.make(
      input: input, inputs: 5, layers: [(first, 6), (.binary, 3)], using: &random)
    // The same net on 8 inputs, of which 1, 4 and 6 are read by nobody.
    let read = [0, 2, 3, 5, 7]
    let layer = small.layers[0]
    var weights = [Int16](repeating: 0, count: 8 * layer.outputs)
    for o in 0..<layer.outputs {
      for (k, i) in read.enumerated() { weights[o * 8 + i] = layer.weights[o * 5 + k] }
    }
    let wide = try BinarizedNet(
      input: input, inputs: 8,
      layers: [
        DenseLayer(
          mode: layer.mode, inputs: 8, outputs: layer.outputs, weights: weights,
          activations: layer.activations),
        small.layers[1],
      ])
    let counts = try Self.gateCounts(wide)
    #expect(!counts.isEmpty)
    #expect(counts == (try Self.gateCounts(small)))
  }
}
