import NetlistIR

/// Removes every node that no output depends on — through combinational logic or through
/// registers — and renumbers the rest compactly, keeping their relative order, the port
/// order and all names. Inputs are the interface and always stay, even when unread.
public struct DeadNodeElimination: NetlistPass {
  /// `dce`.
  public var name: String { "dce" }

  /// The pass.
  public init() {}

  /// Removes dead nodes; returns whether any was removed.
  public func run(_ netlist: inout Netlist) throws(PassError) -> Bool {
    Self.eliminate(in: &netlist)
  }

  /// Removes dead nodes; returns whether any was removed.
  @discardableResult
  public static func eliminate(in netlist: inout Netlist) -> Bool {
    let live = liveNodes(in: netlist)
    guard live.contains(false) else { return false }
    var rewriter = NetlistRewriter(netlist)
    for id in netlist.ids where !live[id.int] { rewriter.drop(id) }
    netlist = rewriter.finish()
    return true
  }

  /// For each node, whether an output depends on it (inputs always count as live).
  package static func liveNodes(in netlist: Netlist) -> [Bool] {
    var live = [Bool](repeating: false, count: netlist.nodes.count)
    var work: [NodeID] = netlist.outputs + netlist.inputs
    for id in work { live[id.int] = true }
    while let id = work.popLast() {
      for operand in netlist[id].operands where !live[operand.int] {
        live[operand.int] = true
        work.append(operand)
      }
    }
    return live
  }
}
