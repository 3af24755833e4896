import LogicNets
import NetlistIR

extension LogicNetLowering {
  /// The net's gate layers: neuron `i` of layer `L` becomes the gate node `l{L}_{i}` over the
  /// two nodes it reads in the layer before (the input bits for layer 0). Returns the last
  /// layer's nodes.
  static func gateLayers(
    _ net: DiscreteLogicNet, inputs: [NodeID], in n: inout Netlist
  ) -> [NodeID] {
    var previous = inputs
    for (l, layer) in net.layers.enumerated() {
      previous = (0..<layer.count).map { i in
        n.gate(
          layer.gates[i], previous[Int(layer.a[i])], previous[Int(layer.b[i])],
          name: "l\(l)_\(i)")
      }
    }
    return previous
  }
}
