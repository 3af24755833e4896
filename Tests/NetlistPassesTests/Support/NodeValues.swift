import NetlistIR
import NetlistSim

/// The value of every node in every cycle of one run from reset, computed with the reference
/// interpreter's meaning of each op (``ReferenceInterpreter/evaluate(_:_:)``): what range
/// analysis must cover. `values[t][i]` is node `i` in cycle `t`.
func nodeValues(_ netlist: Netlist, _ vectors: [[BitVector]]) -> [[BitVector]] {
  let order = netlist.topologicalOrder()!
  var values = [BitVector?](repeating: nil, count: netlist.nodes.count)
  for id in netlist.registers {
    if case .register(let reset) = netlist[id].op { values[id.int] = reset }
  }
  var cycles: [[BitVector]] = []
  for vector in vectors {
    for (port, id) in netlist.inputs.enumerated() { values[id.int] = vector[port] }
    for id in order {
      let node = netlist[id]
      switch node.op {
      case .input, .register: continue
      case .constant, .gate, .not, .buf, .and, .or, .xor, .add, .sub, .mul, .compare, .mux,
        .shiftLeft, .shiftRight, .concat, .slice, .extend, .popcount, .round, .resize, .output:
        values[id.int] = ReferenceInterpreter.evaluate(node, node.operands.map { values[$0.int]! })
      }
    }
    cycles.append(values.map { $0! })
    let next = netlist.registers.map { values[netlist[$0].operands[0].int] }
    for (id, value) in zip(netlist.registers, next) { values[id.int] = value }
  }
  return cycles
}
