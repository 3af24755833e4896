import NetlistIR

/// The prepare step of emission, run on a copy of the netlist so the IR is never changed:
/// makes every arithmetic operand as wide as its result (explicit `extend` nodes, so Verilog's
/// context-dependent width and sign rules never apply), chooses legal unique identifiers and
/// finds the signals not every bit of which is read (listed in `unused_bits…` wires so
/// `verilator -Wall` stays quiet about deliberate truncation).
struct EmitPreparation {
  /// The legalised copy: the original nodes keep their IDs, extensions are appended.
  var netlist: Netlist
  /// The Verilog identifier of each node of ``netlist``.
  var names: [String]
  /// The module name.
  var moduleName: String
  /// Nodes of which some bit may be unread.
  var partlyRead: [NodeID]
  /// The name table, for instance and helper names claimed later.
  var table: VerilogNames

  /// Signal names every design reserves.
  static let clock = "clk"
  static let reset = "rst"
  static let unusedCollector = "unused_bits"

  init(_ original: Netlist, moduleName requested: String?) {
    var moduleNames = VerilogNames(reserving: RTLPrimitive.all.map(\.name))
    moduleName = moduleNames.claim(requested ?? original.name)
    netlist = original
    table = VerilogNames(reserving: [Self.clock, Self.reset, Self.unusedCollector])
    names = Array(repeating: "", count: original.nodes.count)
    partlyRead = []
    for id in original.inputs + original.outputs {
      names[id.int] = table.claim(original.portName(id)!)
    }
    for id in original.ids where names[id.int].isEmpty {
      names[id.int] = table.claim(original[id].name ?? "n\(id.index)")
    }
    widenArithmeticOperands()
    partlyRead = Self.partlyReadNodes(netlist)
  }

  /// Inserts `extend` nodes so add/sub/mul operands have the result's width.
  private mutating func widenArithmeticOperands() {
    for id in netlist.ids {
      let node = netlist[id]
      guard let signedness = node.op.operandExtension else { continue }
      var operands = node.operands
      for (i, operand) in operands.enumerated() where netlist.width(operand) != node.width {
        let ext = netlist.append(
          Node(op: .extend(signedness), operands: [operand], width: node.width))
        names.append(table.claim("\(names[operand.int])_\(signedness.rawValue)\(node.width)"))
        operands[i] = ext
      }
      if operands != node.operands { netlist.setOperands(of: id, to: operands) }
    }
  }

  /// Nodes with no reader, or with a reader that reads only some of their bits.
  private static func partlyReadNodes(_ netlist: Netlist) -> [NodeID] {
    var partial = [Bool](repeating: false, count: netlist.nodes.count)
    var read = [Bool](repeating: false, count: netlist.nodes.count)
    for node in netlist.nodes {
      for operand in node.operands { read[operand.int] = true }
      let a = node.operands.first
      switch node.op {
      case .slice:
        if node.width != netlist.width(a!) { partial[a!.int] = true }
      case .extend:
        if node.width < netlist.width(a!) { partial[a!.int] = true }
      case .shiftLeft(let n), .shiftRight(let n, _):
        if n > 0 { partial[a!.int] = true }
      case .gate(let g):
        if g.ignoresA { partial[node.operands[0].int] = true }
        if g.ignoresB { partial[node.operands[1].int] = true }
      case .input, .output, .constant, .not, .buf, .and, .or, .xor, .add, .sub, .mul, .compare,
        .mux, .concat, .popcount, .round, .resize, .register, .rom:
        break
      }
    }
    return netlist.ids.filter { id in
      if case .output = netlist[id].op { return false }
      return partial[id.int] || !read[id.int]
    }
  }
}
