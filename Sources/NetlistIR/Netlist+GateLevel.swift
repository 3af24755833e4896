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
  public var firstNonGateLevelNode: NodeID? {
    var readByNonOutput = [Bool](repeating: false, count: nodes.count)
    for node in nodes {
      if case .output = node.op { continue }
      for operand in node.operands { readByNonOutput[operand.int] = true }
    }
    for id in ids {
      let node = self[id]
      let ok: Bool
      switch node.op {
      case .input, .output:
        ok = true
      case .slice:
        ok =
          node.width == 1
          && { if case .input = self[node.operands[0]].op { true } else { false } }()
      case .constant, .gate, .not, .buf, .register:
        ok = node.width == 1
      case .concat:
        ok = !readByNonOutput[id.int] && node.operands.allSatisfy { self[$0].width == 1 }
      case .and, .or, .xor, .add, .sub, .mul, .compare, .mux, .shiftLeft, .shiftRight, .extend,
        .popcount, .round, .resize:
        ok = false
      }
      if !ok { return id }
    }
    return nil
  }
}
