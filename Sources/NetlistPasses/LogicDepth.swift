import NetlistIR

/// Logic levels: how many gate delays each signal is from the nearest source.
///
/// Definition (used by ``Pipelining`` and by reports):
/// - inputs, constants and registers are sources at level 0;
/// - a two-input `gate` adds 1 level;
/// - `not` and `buf` add `inverterLevels` (0 by default: a complement is absorbed into the
///   reading gate's truth table — see ``GateSimplification`` — or into a LUT);
/// - wiring adds nothing: `slice`, `concat`, `extend`, shifts and `output`;
/// - every other word-level op (`and`, `add`, `mul`, `round`, …) counts as 1 level, a coarse
///   figure: bit-blast first (``BitBlast``) for gate levels.
public enum LogicDepth {
  /// The levels an op adds on top of its latest operand.
  public static func cost(of op: Op, inverterLevels: Int = 0) -> Int {
    if op.isBufferOrInverter { return inverterLevels }
    switch op.role {
    case .port, .source, .state, .wiring: return 0
    case .logic, .arithmetic, .memory: return 1
    }
  }

  /// The level of every node.
  ///
  /// - Precondition: the netlist has no combinational loop.
  public static func levels(of netlist: Netlist, inverterLevels: Int = 0) -> [Int] {
    guard let order = netlist.topologicalOrder() else {
      preconditionFailure("logic depth of a netlist with a combinational loop")
    }
    var level = [Int](repeating: 0, count: netlist.nodes.count)
    for id in order {
      let node = netlist[id]
      if node.op.isRegister { continue }
      var latest = 0
      for operand in node.operands { latest = max(latest, level[operand.int]) }
      level[id.int] = latest + cost(of: node.op, inverterLevels: inverterLevels)
    }
    return level
  }

  /// The longest combinational path, in levels, ending at an output or a register input.
  public static func depth(of netlist: Netlist, inverterLevels: Int = 0) -> Int {
    let level = levels(of: netlist, inverterLevels: inverterLevels)
    var deepest = 0
    for node in netlist.nodes where node.op.isRegister || node.op.isPort {
      for operand in node.operands { deepest = max(deepest, level[operand.int]) }
    }
    return deepest
  }
}
