import NetlistIR

/// Merges structurally identical nodes: same op, same width and operands that are
/// themselves merged. Commutative ops and gates are compared with their operands in a
/// normal order (a gate or comparison with exchanged operands is rewritten to its mirror
/// image first), so `and(a, b)` and `and(b, a)` merge, and so do `gate(g, a, b)` and
/// `gate(g.swapped, b, a)`.
///
/// Registers merge when their reset values match and their inputs merge. Loops through
/// registers are handled optimistically (partition refinement): registers with equal reset
/// values start out equal and are split only when their inputs differ, until nothing
/// changes; two registers that toggle in step are found equal. The result is a congruence,
/// so merged registers hold equal values in every cycle from reset.
///
/// The earliest node of each group survives; it takes a merged node's name if it has none.
public struct CommonSubexpressionMerging: NetlistPass {
  /// `cse`.
  public var name: String { "cse" }

  /// The pass.
  public init() {}

  /// Merges equal nodes; returns whether any merged.
  public func run(_ netlist: inout Netlist) throws(PassError) -> Bool {
    let classes = Self.congruenceClasses(netlist)
    var representative = [Int32](repeating: -1, count: netlist.nodes.count)
    var rewriter = NetlistRewriter(netlist)
    for id in netlist.ids {
      let c = Int(classes[id.int])
      if representative[c] < 0 {
        representative[c] = id.index
      } else {
        rewriter.replace(id, with: NodeID(Int(representative[c])))
      }
    }
    guard rewriter.changed else { return false }
    netlist = rewriter.finish()
    return true
  }

  /// A class number per node; nodes with equal numbers compute equal values in every cycle.
  static func congruenceClasses(_ netlist: Netlist) -> [Int32] {
    let order = NodeOrder.stableTopological(netlist)
    var classes = [Int32](repeating: 0, count: netlist.nodes.count)
    var previousCount = -1
    var firstRound = true
    // Without registers the first round is already exact.
    let hasRegisters = netlist.isSequential
    while true {
      var table: [Key: Int32] = [:]
      var next = classes
      for id in order {
        let node = netlist[id]
        let key: Key
        if node.op.isRegister {
          // First round: registers differ only by reset value (optimistic start).
          key = Key(
            op: node.op, operands: firstRound ? [] : [classes[node.operands[0].int]],
            width: node.width)
        } else {
          key = Key.normalized(node, node.operands.map { next[$0.int] })
        }
        if let c = table[key] {
          next[id.int] = c
        } else {
          let c = Int32(table.count)
          table[key] = c
          next[id.int] = c
        }
      }
      classes = next
      firstRound = false
      if table.count == previousCount || !hasRegisters { return classes }
      previousCount = table.count
    }
  }

  /// What identifies a node's value: op, operand classes (in normal order) and width.
  struct Key: Hashable {
    var op: Op
    var operands: [Int32]
    var width: Int

    /// The key with commutative operands sorted and gates/comparisons mirrored so their
    /// operand classes ascend.
    static func normalized(_ node: Node, _ operands: [Int32]) -> Key {
      var op = node.op
      var operands = operands
      if operands.count == 2 && operands[1] < operands[0] {
        switch op {
        case .gate(let g):
          op = .gate(g.swapped)
          operands.swapAt(0, 1)
        case .compare(let kind, let s):
          op = .compare(kind.mirrored, s)
          operands.swapAt(0, 1)
        case .and, .or, .xor, .add, .mul:
          operands.swapAt(0, 1)
        case .input, .output, .constant, .not, .buf, .sub, .mux, .shiftLeft, .shiftRight, .concat,
          .slice, .extend, .popcount, .round, .resize, .register, .rom:
          break
        }
      }
      return Key(op: op, operands: operands, width: node.width)
    }
  }
}
