import NetlistIR

/// Evaluation orders used by the passes.
enum NodeOrder {
  /// A topological order (every combinational node after its operands; registers, inputs
  /// and constants are sources) that stays as close as possible to storage order: inputs
  /// first in port order, then a depth-first post-order visiting nodes in storage order. A
  /// netlist already stored in topological order keeps its order (after its inputs).
  ///
  /// - Precondition: the netlist has no combinational loop.
  static func stableTopological(_ netlist: Netlist) -> [NodeID] {
    let n = netlist.nodes.count
    var done = [Bool](repeating: false, count: n)
    var onStack = [Bool](repeating: false, count: n)
    var order: [NodeID] = []
    order.reserveCapacity(n)
    for id in netlist.inputs {
      done[id.int] = true
      order.append(id)
    }
    var stack: [(node: Int, next: Int)] = []
    for root in 0..<n where !done[root] {
      stack.append((root, 0))
      onStack[root] = true
      while let top = stack.last {
        let node = netlist.nodes[top.node]
        let operands = node.op.isRegister ? [] : node.operands
        if top.next < operands.count {
          stack[stack.count - 1].next += 1
          let operand = operands[top.next].int
          if !done[operand] {
            precondition(!onStack[operand], "combinational loop")
            onStack[operand] = true
            stack.append((operand, 0))
          }
        } else {
          stack.removeLast()
          onStack[top.node] = false
          done[top.node] = true
          order.append(NodeID(top.node))
        }
      }
    }
    return order
  }
}
