import BinarizedNets
import NetlistIR

extension BinarizedNetLowering {
  /// A first layer on K-bit integer inputs: each neuron's dot product as a signed adder
  /// tree, `Σ_{w>0} w·x − Σ_{w<0} |w|·x`, in `bitLength(bound) + 1` bits (no partial sum
  /// can overflow). ±1 weights add or subtract the input; a zero weight drops it; a larger
  /// weight is a multiplication by a constant (shifts and adds once bit-blasted).
  static func integerDots(
    _ layer: DenseLayer, _ values: [NodeID], signed: Bool, bound: Int, in n: inout Netlist
  ) -> [NodeID] {
    let width = Netlist.bitLength(bound) + 1
    let extended = values.map { n.extend($0, to: width, signed ? .signed : .unsigned) }
    return (0..<layer.outputs).map { o in
      var positive: [NodeID] = []
      var negative: [NodeID] = []
      for (i, w) in layer.row(o).enumerated() where w != 0 {
        let term =
          abs(w) == 1
          ? extended[i]
          : n.mul(extended[i], n.constant(Int(abs(w)), width: width), .signed, width: width)
        if w > 0 { positive.append(term) } else { negative.append(term) }
      }
      let plus = adderTree(positive, width: width, in: &n)
      let minus = adderTree(negative, width: width, in: &n)
      return n.sub(plus, minus, .signed, width: width)
    }
  }

  /// A balanced tree of `width`-bit adders (a constant 0 for no terms).
  static func adderTree(_ terms: [NodeID], width: Int, in n: inout Netlist) -> NodeID {
    guard !terms.isEmpty else { return n.constant(0, width: width) }
    var level = terms
    while level.count > 1 {
      var next: [NodeID] = []
      for pair in stride(from: 0, to: level.count, by: 2) {
        next.append(
          pair + 1 < level.count
            ? n.add(level[pair], level[pair + 1], .signed, width: width) : level[pair])
      }
      level = next
    }
    return level[0]
  }

  /// The hidden activations of integer dots in `−bound…bound`: one signed comparator per
  /// neuron whose threshold is inside the range, a constant otherwise.
  static func integerThresholds(
    _ dots: [NodeID], _ activations: [NeuronActivation], bound: Int, in n: inout Netlist
  ) -> [NodeID] {
    zip(dots, activations).map { dot, activation in
      let width = n.width(dot)
      switch activation {
      case .constant(let bit):
        return n.constant(bit ? 1 : 0, width: 1)
      case .atLeast(let t):
        if t <= -bound { return n.constant(1, width: 1) }
        if t > bound { return n.constant(0, width: 1) }
        return comparator(.ge, dot, n.constant(t, width: width), .signed, in: &n)
      case .atMost(let t):
        if t >= bound { return n.constant(1, width: 1) }
        if t < -bound { return n.constant(0, width: 1) }
        return comparator(.le, dot, n.constant(t, width: width), .signed, in: &n)
      }
    }
  }
}
