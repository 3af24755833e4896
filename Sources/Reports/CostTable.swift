import NetlistIR

/// A named table of heuristic costs per gate-level cell, like Yosys's cell cost tables: the
/// total cost of a gate-level netlist is the sum over its cells. Costs are estimates for
/// comparing designs, not a timing or area sign-off.
public struct CostTable: Codable, Hashable, Sendable {
  /// Short name used in reports (`gate2`, `cmos`).
  public var name: String
  /// What the table measures and its conventions.
  public var description: String
  /// Cost of each two-input gate, by difflogic name (`and`, `xor`, `not_implies`, …).
  public var gates: [String: Int]
  /// Cost of a `not`.
  public var not: Int
  /// Cost of a `buf`.
  public var buf: Int
  /// Cost of a one-bit register (D flip-flop with synchronous reset).
  public var register: Int

  /// The cost of a gate function.
  public func cost(of gate: GateFunction) -> Int { gates[gate.name]! }

  /// Two-input-gate equivalents: every two-input gate costs 1, whatever its function.
  ///
  /// Conventions: a NOT costs 0 — the complement of any two-input function is another
  /// two-input function, so a NOT folds into the gate that drives it (or into a LUT or the
  /// flip-flop's input), and the optimiser already absorbs complements into the gates that
  /// read them; the NOT count is reported separately for readers who count them. BUFs and
  /// registers cost 0 here (registers are reported separately). Constant and pass-through
  /// functions (`zero`, `one`, `a`, `b`) cost 0, their complements (`not_a`, `not_b`) cost
  /// what a NOT costs.
  public static let gate2 = CostTable(
    name: "gate2",
    description:
      "2-input-gate equivalents: each 2-input gate 1; NOT, BUF and registers 0 "
      + "(complements fold into the driving gate; NOTs and registers are counted separately)",
    gates: perFunction(constant: 0, wire: 0, inverted: 0, andOr: 1, nandNor: 1, mixed: 1, xor: 1),
    not: 0, buf: 0, register: 0)

  /// Transistor counts of static CMOS cells: NAND2/NOR2 4, AND2/OR2 6 (NAND/NOR and an
  /// inverter), XOR2/XNOR2 12, the mixed functions `a ∧ ¬b`, `a ∨ ¬b` and mirrors 6 (an
  /// inverter and a NOR2/NAND2), NOT 2, BUF 4 (two inverters); a D flip-flop with
  /// synchronous reset 24 (transmission-gate master–slave latch pair 16, clock inverter 2,
  /// an AND2 on D for the reset 6). A heuristic in the spirit of Yosys's `stat -tech cmos`.
  public static let cmos = CostTable(
    name: "cmos",
    description:
      "static CMOS transistors: NAND2/NOR2 4, AND2/OR2 6, XOR2/XNOR2 12, a&~b-style 6, "
      + "NOT 2, BUF 4, D flip-flop with synchronous reset 24",
    gates: perFunction(constant: 0, wire: 0, inverted: 2, andOr: 6, nandNor: 4, mixed: 6, xor: 12),
    not: 2, buf: 4, register: 24)

  /// Every table, in report order.
  public static let all = [gate2, cmos]

  /// Costs for all sixteen functions from costs per ``GateFunction/Kind``: `constant`
  /// (zero, one), `wire` (a, b), `inverted` (not_a, not_b), `andOr`, `nandNor`, `mixed`
  /// (not_implies, not_implied_by, implies, implied_by), `xor` (xor, xnor).
  private static func perFunction(
    constant: Int, wire: Int, inverted: Int, andOr: Int, nandNor: Int, mixed: Int, xor: Int
  ) -> [String: Int] {
    func cost(_ kind: GateFunction.Kind) -> Int {
      switch kind {
      case .constant: return constant
      case .wire: return wire
      case .inverted: return inverted
      case .andOr: return andOr
      case .nandNor: return nandNor
      case .mixed: return mixed
      case .xor: return xor
      }
    }
    return Dictionary(uniqueKeysWithValues: GateFunction.all.map { ($0.name, cost($0.kind)) })
  }
}
