import BinarizedNets
import NetlistIR

extension BinarizedNetLowering {
  /// The convolutional front of a net: the bits of its last image, in `C × H × W` order, for
  /// the dense layers. A first convolution of an integer net reads the K-bit inputs of `x`;
  /// otherwise bit `i` of `x` is input `i`. The node count after each layer goes to `marks`.
  static func features(
    _ net: BinarizedNet, x: NodeID, marks: inout [Int], in n: inout Netlist
  ) -> [NodeID] {
    let shapes = net.featureShapes
    var bits: [NodeID]
    var start = 0
    if case .integers(let k, let signed) = net.input,
      case .convolution(let conv) = net.features[0]
    {
      let values = (0..<net.inputs).map { n.slice(x, low: $0 * k, count: k) }
      bits = integerConvolution(
        conv, shapes[0], values, signed: signed, bound: net.featureDotBound(layer: 0), in: &n)
      start = 1
      marks.append(n.nodes.count)
    } else {
      bits = (0..<net.inputs).map { n.bit(x, $0) }
    }
    for l in start..<net.features.count {
      switch net.features[l] {
      case .convolution(let conv): bits = convolution(conv, shapes[l], bits, in: &n)
      case .maxPool(let pool): bits = maxPool(pool, shapes[l], bits, in: &n)
      }
      marks.append(n.nodes.count)
    }
    return bits
  }
}
