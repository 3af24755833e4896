import NetlistIR

/// The size budget of bit-blasting: the gate-level form is estimated node by node before
/// anything is built, and a netlist whose estimate exceeds the budget is refused with
/// ``PassError/overBudget(pass:estimate:budget:largest:)`` instead of exhausting memory.
extension BitBlast {
  /// The default budget: 50 million gate-level cells (a few GB while lowering).
  public static let defaultCellBudget = 50_000_000

  /// An estimate of the gate-level cells (gates, NOTs and one-bit wiring) that lowering
  /// `netlist` builds, and the node that contributes most.
  ///
  /// An overestimate within a small factor: a multiplier counts six cells per partial
  /// product (an AND and a full adder), an adder five per bit, every node one per output bit.
  /// - Precondition: the netlist passes ``NetlistVerifier``.
  package static func estimatedCells(
    _ netlist: Netlist, adders: AdderArchitecture = .rippleCarry
  ) -> (total: Int, largest: NodeID?, largestCells: Int) {
    var total = 0
    var largest: NodeID?
    var largestCells = 0
    for id in netlist.ids {
      let node = netlist[id]
      let cells = estimatedCells(
        of: node, operandWidths: node.operands.map { netlist.width($0) }, adders: adders)
      total = min(total + cells, Int.max / 2)
      if cells > largestCells {
        largest = id
        largestCells = cells
      }
    }
    return (total, largest, largestCells)
  }

  /// The estimated gate-level cells of one node with operands of the given widths.
  package static func estimatedCells(
    of node: Node, operandWidths w: [Int], adders: AdderArchitecture = .rippleCarry
  ) -> Int {
    let width = node.width
    let adder = adders == .rippleCarry ? 5 : 3 * (Netlist.bitLength(width) + 2)
    let logic: Int
    switch node.op {
    case .input, .output, .constant, .register, .buf, .shiftLeft, .shiftRight, .concat, .slice,
      .extend:
      logic = 0
    case .gate, .not, .and, .or, .xor:
      logic = width
    case .mux:
      logic = 3 * width
    case .add, .sub:
      logic = (adder + 1) * width
    case .compare:
      logic = 6 * (w.first ?? 0)
    case .mul:
      logic = 6 * partialProducts(min(w[0], width), min(w[1], width), width) + adder * width
    case .popcount:
      logic = 6 * w.reduce(0, +) + adder * width
    case .round(let n, _, _):
      logic = 6 * n + (adder + 1) * width
    case .resize:
      logic = 4 * (w[0] + width)
    case .rom(let table):
      logic = 2 * table.count + w[0] + table.count * width
    }
    return logic + width
  }

  /// How many pairs `(i, j)`, `i < m`, `j < n`, have `i + j < width`.
  private static func partialProducts(_ m: Int, _ n: Int, _ width: Int) -> Int {
    (0..<m).reduce(0) { $0 + max(0, min(n, width - $1)) }
  }

  /// Throws when the estimate for `netlist` exceeds `budget`.
  static func checkBudget(
    _ netlist: Netlist, adders: AdderArchitecture, budget: Int, pass: String
  ) throws(PassError) {
    let estimate = estimatedCells(netlist, adders: adders)
    guard estimate.total > budget, let node = estimate.largest else { return }
    let detail = netlist[node]
    let operands = detail.operands.map { String(netlist.width($0)) }.joined(separator: "×")
    throw .overBudget(
      pass: pass, estimate: estimate.total, budget: budget,
      largest: "\(node) \(detail.op.mnemonic) \(operands) bits → \(detail.width) bits, "
        + PassError.count(estimate.largestCells))
  }
}

extension PassError {
  /// A cell count for messages: `812`, `50 M`, `25.8 G`.
  static func count(_ n: Int) -> String {
    for (scale, suffix) in [(1_000_000_000, "G"), (1_000_000, "M"), (1_000, "K")] where n >= scale {
      let tenths = (n * 10 + scale / 2) / scale
      return tenths % 10 == 0
        ? "\(tenths / 10) \(suffix)" : "\(tenths / 10).\(tenths % 10) \(suffix)"
    }
    return String(n)
  }
}
