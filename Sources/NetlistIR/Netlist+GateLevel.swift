/// The gate-level form: the contract between bit-blasting (NetlistPasses) and the
/// bit-parallel evaluator (NetlistSim) and the 64-lane Verilog used for cosimulation.
extension Netlist {
  /// Whether every node is a single-bit operation, apart from the ports themselves.
  ///
  /// Allowed nodes:
  /// - `input` of any width, and `slice` of width 1 whose operand is an input;
  /// - `constant`, `gate`, `not`, `buf` and `register` of width 1;
  /// - `concat` of width-1 nodes, read only by outputs;
  /// - `output` reading a width-1 node or such a concat.
  public var isGateLevel: Bool { firstNonGateLevelNode == nil }

  /// The first node that breaks the gate-level form, or `nil` when there is none.
  package var firstNonGateLevelNode: NodeID? {
    var readByNonOutput = [Bool](repeating: false, count: nodes.count)
    for node in nodes {
      if case .output = node.op { continue }
      for operand in node.operands { readByNonOutput[operand.int] = true }
    }
    for id in ids {
      let node = self[id]
      let ok: Bool
      if node.op.isPort {
        ok = true
      } else if case .slice = node.op {
        ok = node.width == 1 && self[node.operands[0]].op.isInput
      } else if node.op == .concat {
        ok = !readByNonOutput[id.int] && node.operands.allSatisfy { self[$0].width == 1 }
      } else {
        ok =
          node.width == 1
          && (node.op.isGateLevelLogic || node.op.isConstant || node.op.isRegister)
      }
      if !ok { return id }
    }
    return nil
  }
}
