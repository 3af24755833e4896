import LogicNets
import ModelLowering
import NetlistIR
import NetlistPasses
import NetlistSim
import Testing
import _TestSupport

@Suite struct LogicNetLoweringTests {
  /// A random valid net: every gate id, self-paired and repeated connections included.
  static func randomNet(
    inputs: Int, widths: [Int], classes: Int, using rng: inout SeededRandom
  ) -> DiscreteLogicNet {
    var previous = inputs
    var layers: [DiscreteLogicNet.Layer] = []
    for width in widths {
      let gates = (0..<width).map { _ in GateFunction(table: UInt8(rng.next() % 16)) }
      let a = (0..<width).map { _ in Int32(rng.next() % UInt64(previous)) }
      let b = (0..<width).map { _ in Int32(rng.next() % UInt64(previous)) }
      layers.append(DiscreteLogicNet.Layer(gates: gates, a: a, b: b))
      previous = width
    }
    return DiscreteLogicNet(inputs: inputs, layers: layers, classes: classes, tau: 1)
  }

  /// The model's own scores and class (result source `model`) as output vectors.
  static func modelOutputs(_ net: DiscreteLogicNet, _ sample: BitVector) -> [BitVector] {
    let bits = (0..<net.inputs).map { sample[bit: $0] }
    let counts = net.counts(bits)
    let scoreWidth = Netlist.bitLength(net.groupSize)
    let predicted = DiscreteLogicNet.firstArgmax(counts.map(Int32.init), classes: net.classes)[0]
    return counts.map { BitVector(width: scoreWidth, truncating: UInt64($0)) }
      + [BitVector(width: Netlist.bitLength(net.classes - 1), truncating: UInt64(predicted))]
  }

  @Test(arguments: 0..<12)
  func everyFormAgreesWithTheModel(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed)
    let classes = [1, 2, 3, 5, 10][Int(seed % 5)]
    let inputs = 1 + Int(rng.next() % 40)
    let widths = (0..<(1 + Int(rng.next() % 4))).map { _ in classes * (1 + Int(rng.next() % 12)) }
    let net = Self.randomNet(inputs: inputs, widths: widths, classes: classes, using: &rng)
    let lowered = LogicNetLowering.lower(net)
    try NetlistVerifier.verify(lowered)
    let forms = try HardwareFlow.forms(of: lowered, counting: LogicNetLowering.isNeuronGate)
    let optimized = forms.optimized.netlist
    let gates = forms.gateLevel.netlist
    #expect(gates.isGateLevel)

    let vectors = RandomNetlists.vectors(for: lowered, count: 200, using: &rng)
    let expected = vectors.map { Self.modelOutputs(net, $0[0]) }
    for (source, netlist) in [("interp", lowered), ("opt", optimized), ("gates", gates)] {
      let actual = try ReferenceInterpreter(netlist).run(vectors)
      for (i, (e, a)) in zip(expected, actual).enumerated() where e != a {
        Issue.record("seed \(seed) \(source) vector \(i) x=\(vectors[i][0]): model \(e) vs \(a)")
        break
      }
    }
  }

  @Test func portsAndNamesAreDocumented() {
    var rng = SeededRandom(seed: 1)
    let net = Self.randomNet(inputs: 6, widths: [4, 4], classes: 2, using: &rng)
    let n = LogicNetLowering.lower(net)
    #expect(n.inputs.map { n.portName($0)! } == ["x"])
    #expect(n.outputs.map { n.portName($0)! } == ["score_0", "score_1", "predicted"])
    #expect(n.outputs.map { n.width($0) } == [2, 2, 1])
    #expect(n.nodes.contains { $0.name == "l1_3" })
  }
}
