/// Checks the structural rules of a ``Netlist``: operand counts and widths agree with the op
/// table, every operand refers to an existing node, registers are connected, port names are
/// unique, there is at least one output and no combinational loop.
///
/// Every pass runs under it; the messages are pinned by tests.
public enum NetlistVerifier {
  /// The widest signal the IR accepts.
  public static let maximumWidth = 1 << 16

  /// The most entries a `rom` may hold.
  public static let maximumROMDepth = 1 << 20

  /// Throws the first rule violation found, in node order.
  public static func verify(_ netlist: Netlist) throws(NetlistError) {
    var portNames = Set<String>()
    for id in netlist.ids {
      try verifyNode(id, in: netlist)
      if let name = netlist.portName(id), !portNames.insert(name).inserted {
        throw .duplicatePort(name)
      }
    }
    if netlist.outputs.isEmpty { throw .noOutputs }
    if netlist.topologicalOrder() == nil { throw .combinationalLoop(loopNodes(netlist)) }
  }

  /// Whether the netlist passes ``verify(_:)``.
  public static func isValid(_ netlist: Netlist) -> Bool {
    (try? verify(netlist)) != nil
  }

  private static func verifyNode(_ id: NodeID, in netlist: Netlist) throws(NetlistError) {
    let node = netlist[id]
    func fail(_ message: String) -> NetlistError { .invalidNode(id, message) }
    guard node.width >= 1 && node.width <= maximumWidth else {
      throw fail("width \(node.width) is outside 1…\(maximumWidth)")
    }
    if let arity = node.op.arity {
      guard node.operands.count == arity else {
        throw fail("\(node.op.mnemonic) takes \(arity) operand(s), has \(node.operands.count)")
      }
    } else if node.operands.isEmpty {
      throw fail("\(node.op.mnemonic) needs at least one operand")
    }
    for operand in node.operands where operand.int < 0 || operand.int >= netlist.nodes.count {
      throw fail("operand \(operand) does not exist")
    }
    for operand in node.operands {
      if case .output = netlist[operand].op { throw fail("reads output node \(operand)") }
    }
    let w = node.operands.map { netlist[$0].width }
    func requireWidth(_ actual: Int, _ expected: Int, _ what: String) throws(NetlistError) {
      if actual != expected { throw fail("\(what) width \(actual) should be \(expected)") }
    }
    switch node.op {
    case .input(let name):
      if name.isEmpty { throw fail("input has an empty name") }
    case .output(let name):
      if name.isEmpty { throw fail("output has an empty name") }
      try requireWidth(node.width, w[0], "output")
    case .constant(let value):
      try requireWidth(value.width, node.width, "constant")
    case .gate:
      try requireWidth(node.width, 1, "gate")
      try requireWidth(w[0], 1, "gate operand a")
      try requireWidth(w[1], 1, "gate operand b")
    case .not, .buf:
      try requireWidth(node.width, w[0], "result")
    case .and, .or, .xor:
      try requireWidth(w[0], node.width, "operand a")
      try requireWidth(w[1], node.width, "operand b")
    case .add, .sub, .mul:
      break
    case .compare:
      try requireWidth(node.width, 1, "comparison")
      try requireWidth(w[1], w[0], "operand b")
    case .mux:
      try requireWidth(w[0], 1, "mux select")
      try requireWidth(w[1], node.width, "mux operand 0")
      try requireWidth(w[2], node.width, "mux operand 1")
    case .shiftLeft(let n), .shiftRight(let n, _):
      if n < 0 { throw fail("negative shift \(n)") }
      if n > maximumWidth { throw fail("shift \(n) is above \(maximumWidth)") }
      try requireWidth(node.width, w[0], "result")
    case .concat:
      try requireWidth(node.width, w.reduce(0, +), "concat")
    case .slice(let low):
      if low > maximumWidth { throw fail("slice offset \(low) is above \(maximumWidth)") }
      if low < 0 || low + node.width > w[0] {
        throw fail("slice [\(low + node.width - 1):\(low)] is outside a \(w[0])-bit operand")
      }
    case .extend:
      break
    case .popcount:
      let needed = Netlist.bitLength(w.reduce(0, +))
      if node.width < needed { throw fail("popcount width \(node.width) is below \(needed)") }
    case .round(let n, let mode, _):
      if n < 0 { throw fail("negative shift \(n)") }
      if n > maximumWidth { throw fail("shift \(n) is above \(maximumWidth)") }
      if mode == .stochastic {
        if n == 0 { throw fail("stochastic round by 0 bits") }
        try requireWidth(w[1], n, "random operand")
      }
    case .resize(let mode, let s):
      if mode == .wrapSM && s == .unsigned { throw fail("WRAP_SM needs a signed format") }
    case .register(let reset):
      try requireWidth(reset.width, node.width, "reset value")
      try requireWidth(w[0], node.width, "register input")
    case .rom(let table):
      if table.isEmpty { throw fail("rom has no entries") }
      if table.count > maximumROMDepth {
        throw fail("rom has \(table.count) entries, above \(maximumROMDepth)")
      }
      if w[0] < Int.bitWidth - 1 && table.count > 1 << w[0] {
        throw fail("rom has \(table.count) entries, a \(w[0])-bit address reaches \(1 << w[0])")
      }
      if let bad = table.firstIndex(where: { $0.width != node.width }) {
        throw fail("rom entry \(bad) width \(table[bad].width) should be \(node.width)")
      }
    }
  }

  /// Nodes on some combinational cycle (for the error message).
  private static func loopNodes(_ netlist: Netlist) -> [NodeID] {
    // Peel off nodes that do not depend on a cycle; what remains feeds or forms a loop.
    let n = netlist.nodes.count
    var pending = [Int](repeating: 0, count: n)
    var readers = [[Int]](repeating: [], count: n)
    for (i, node) in netlist.nodes.enumerated() where !node.op.isRegister {
      for operand in node.operands {
        pending[i] += 1
        readers[operand.int].append(i)
      }
    }
    var ready = (0..<n).filter { pending[$0] == 0 }
    var done = [Bool](repeating: false, count: n)
    while let next = ready.popLast() {
      done[next] = true
      for r in readers[next] {
        pending[r] -= 1
        if pending[r] == 0 { ready.append(r) }
      }
    }
    return (0..<n).filter { !done[$0] }.map(NodeID.init)
  }
}
