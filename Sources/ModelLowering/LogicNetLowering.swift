import LogicNets
import NetlistIR

/// Lowers a discretised logic-gate network to NetlistIR: the only bridge from a logic net to
/// hardware.
///
/// Ports of the resulting netlist:
/// - input `x`, one bit per network input (bit i = input feature i);
/// - outputs `score_0` … `score_{k−1}`: GroupSum as an unsigned popcount of each class's
///   contiguous block of last-layer neurons (before any division by tau);
/// - output `predicted`: the index of the first class with the largest score (ties go to
///   the lowest class index, as `torch.argmax` does).
///
/// Neuron `i` of layer `L` becomes the gate node named `l{L}_{i}`; nothing is optimised here
/// (the standard flow, `NetlistPasses.HardwareFlow`, optimises and reports what it removed,
/// counting ``isNeuronGate(_:)``).
public enum LogicNetLowering {
  /// The netlist of a (valid) discretised net.
  public static func lower(_ net: DiscreteLogicNet, name: String = "logic_net") -> Netlist {
    var n = Netlist(name: name)
    let x = n.input("x", width: net.inputs)
    let neurons = gateLayers(net, inputs: (0..<net.inputs).map { n.bit(x, $0) }, in: &n)
    let scores = groupSum(neurons, classes: net.classes, groupSize: net.groupSize, in: &n)
    let (predicted, _) = ArgmaxTree.build(scores: scores, in: &n)
    for (c, score) in scores.enumerated() { n.output("score_\(c)", score) }
    n.output("predicted", predicted)
    return n
  }

  /// Whether a node is one of the net's gates: a two-input gate or a NOT named after its
  /// neuron (`l{L}_{i}`) — what optimisation statistics count as the model's gates.
  public static func isNeuronGate(_ node: Node) -> Bool {
    guard let name = node.name, isNeuronName(name) else { return false }
    if case .gate = node.op { return true }
    if case .not = node.op { return true }
    return false
  }

  /// Whether `name` is a neuron's node name, `l{L}_{i}`.
  package static func isNeuronName(_ name: String) -> Bool {
    guard name.first == "l" else { return false }
    let parts = name.dropFirst().split(separator: "_", omittingEmptySubsequences: false)
    return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
  }
}
