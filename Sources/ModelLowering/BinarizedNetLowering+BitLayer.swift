import BinarizedNets
import NetlistIR

extension BinarizedNetLowering {
  /// The popcount of `xnor(x, w⁺) ∧ m` of neuron `o`, and `popcount(m)`: the weights are
  /// constants, so the XNOR with a +1 weight is a wire, with a −1 weight an inverter, and the
  /// AND with the non-zero mask drops the input (a zero weight costs nothing).
  static func matches(
    _ layer: DenseLayer, _ o: Int, inputs: [NodeID], in n: inout Netlist
  ) -> (count: NodeID, nonzero: Int) {
    var terms: [NodeID] = []
    for (i, w) in layer.row(o).enumerated() where w != 0 {
      terms.append(w > 0 ? inputs[i] : n.not(inputs[i]))
    }
    let count = terms.isEmpty ? n.constant(0, width: 1) : n.popcount(terms)
    return (count, terms.count)
  }

  /// A hidden layer on ±1 inputs: with `P` matches of `N` non-zero weights,
  /// `dot = 2P − N`, so `dot ≥ T` ⇔ `P ≥ ⌈(T + N)/2⌉` and `dot ≤ T` ⇔ `P ≤ ⌊(T + N)/2⌋`:
  /// one unsigned comparator against a constant per neuron (none when the answer is fixed).
  static func bitLayer(
    _ layer: DenseLayer, _ activations: [NeuronActivation], inputs: [NodeID],
    in n: inout Netlist
  ) -> [NodeID] {
    (0..<layer.outputs).map { o in
      let (count, nonzero) = matches(layer, o, inputs: inputs, in: &n)
      let w = n.width(count)
      switch activations[o] {
      case .constant(let bit):
        return n.constant(bit ? 1 : 0, width: 1)
      case .atLeast(let t):
        let k = floorDiv(t + nonzero + 1, 2)
        if k <= 0 { return n.constant(1, width: 1) }
        if k > nonzero { return n.constant(0, width: 1) }
        return comparator(.ge, count, n.constant(k, width: w), .unsigned, in: &n)
      case .atMost(let t):
        let k = floorDiv(t + nonzero, 2)
        if k < 0 { return n.constant(0, width: 1) }
        if k >= nonzero { return n.constant(1, width: 1) }
        return comparator(.le, count, n.constant(k, width: w), .unsigned, in: &n)
      }
    }
  }

  /// The last layer on ±1 inputs: `score = 2P − N` in `width` signed bits.
  static func bitScores(
    _ layer: DenseLayer, inputs: [NodeID], width: Int, in n: inout Netlist
  ) -> [NodeID] {
    (0..<layer.outputs).map { o in
      let (count, nonzero) = matches(layer, o, inputs: inputs, in: &n)
      let twice = n.shiftLeft(n.extend(count, to: width, .unsigned), by: 1)
      return n.sub(twice, n.constant(nonzero, width: width), .signed, width: width)
    }
  }

  /// ⌊a / b⌋ for b > 0.
  static func floorDiv(_ a: Int, _ b: Int) -> Int {
    a >= 0 ? a / b : -((-a + b - 1) / b)
  }
}
