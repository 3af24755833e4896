import BinarizedNets
import NetlistIR

/// Lowers a ``BinarizedNets/BinarizedNet`` to NetlistIR, fully unrolled and combinational.
///
/// Ports of the resulting netlist:
/// - input `x`, ``BinarizedNets/BinarizedNet/sampleBits`` wide: bit `i` is input `i` of a
///   bit net (1 ↦ +1); for integer inputs, bits `i·K ..< (i+1)·K` hold input `i` (two's
///   complement when signed);
/// - outputs `score_0` … `score_{k−1}`: the last layer's integer dot products, or the exact
///   integer scores of the output affine (``BinarizedNets/FixedOutputAffine``), signed,
///   ``BinarizedNets/BinarizedNet/scoreWidth`` bits;
/// - output `predicted`: the index of the first largest score (ties to the lowest class).
///
/// Each non-constant hidden neuron's threshold comparator is what ``isModelGate(_:)``
/// counts; nothing is optimised here (`NetlistPasses.HardwareFlow` does that).
public enum BinarizedNetLowering {
  /// The netlist of a (valid) net.
  public static func lower(_ net: BinarizedNet, name: String = "bnn") -> Netlist {
    lowerWithRegions(net, name: name).netlist
  }

  /// The netlist of a (valid) net and its regions: `feature 0` … (a convolutional front, the
  /// input port with the first), `layer 0` … (the dense layers, the input port with the
  /// first when there is no front), `output affine` when the net has one, and `argmax`.
  public static func lowerWithRegions(
    _ net: BinarizedNet, name: String = "bnn"
  ) -> (netlist: Netlist, regions: [NetlistRegion]) {
    var n = Netlist(name: name)
    var marks: [Int] = []
    let x = n.input("x", width: net.sampleBits)
    let width = net.scoreWidth
    var bits: [NodeID] = []
    var scores: [NodeID] = []
    var start = 0
    if !net.features.isEmpty {
      bits = features(net, x: x, marks: &marks, in: &n)
    } else if case .integers(let k, let signed) = net.input {
      let values = (0..<net.inputs).map { n.slice(x, low: $0 * k, count: k) }
      let dots = integerDots(
        net.layers[0], values, signed: signed, bound: net.dotBound(layer: 0), in: &n)
      if let activations = net.layers[0].activations {
        bits = integerThresholds(dots, activations, bound: net.dotBound(layer: 0), in: &n)
      } else {
        scores = dots
      }
      start = 1
    } else {
      bits = (0..<net.inputs).map { n.bit(x, $0) }
    }
    for l in start..<net.layers.count {
      if l > 0 { marks.append(n.nodes.count) }
      let layer = net.layers[l]
      if let activations = layer.activations {
        bits = bitLayer(layer, activations, inputs: bits, in: &n)
      } else {
        scores = bitScores(layer, inputs: bits, width: width, in: &n)
      }
    }
    marks.append(n.nodes.count)
    if let affine = net.fixedAffine {
      scores = affineScores(scores, affine, width: width, in: &n)
      marks.append(n.nodes.count)
    }
    // Flipping the sign bit maps signed order to unsigned order for the argmax.
    let flip = n.constant(1 << (width - 1), width: width)
    let (predicted, _) = ArgmaxTree.build(
      scores: scores.map { n.bitwise(.xor, $0, flip) }, in: &n)
    for (c, score) in scores.enumerated() { n.output("score_\(c)", score) }
    n.output("predicted", predicted)
    return (n, regions(net, marks: marks, end: n.nodes.count))
  }

  /// Whether a node is a hidden neuron's threshold comparator.
  public static func isModelGate(_ node: Node) -> Bool {
    if case .compare = node.op { return node.name?.hasPrefix("bnn_") == true }
    return false
  }

  /// A neuron's comparator, named for ``isModelGate(_:)``.
  static func comparator(
    _ kind: CompareKind, _ a: NodeID, _ b: NodeID, _ signedness: Signedness, in n: inout Netlist
  ) -> NodeID {
    let id = n.compare(kind, a, b, signedness)
    n.setName(of: id, to: "bnn_\(id.int)")
    return id
  }
}
