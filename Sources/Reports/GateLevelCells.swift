import NetlistIR
import NetlistPasses

/// The cells of a netlist's gate-level form, measured on a copy: the standard optimisation,
/// bit-blasting with ripple-carry adders (``NetlistPasses/BitBlast``), then the standard
/// optimisation again (constant folding, gate simplification, CSE, dead-node elimination).
public struct GateLevelCells: Codable, Hashable, Sendable {
  /// How the gate-level copy was made (one sentence, for readers of the report).
  public var method: String
  /// Nodes of the gate-level copy (ports, bit slices and output concatenations included).
  public var nodes: Int
  /// Two-input gates by function (difflogic names, in truth-table order); functions with
  /// no gate are left out.
  public var gates: [NamedCount]
  /// All two-input gates.
  public var twoInputGates: Int
  /// `not` nodes (complements the gates could not absorb: at outputs and register inputs).
  public var not: Int
  /// `buf` nodes.
  public var buf: Int
  /// One-bit registers.
  public var registers: Int
  /// One-bit constants.
  public var constants: Int
  /// Full adders built while bit-blasting (their gates are among the two-input gates; a
  /// few may be merged or simplified away by the optimisation that follows).
  public var fullAdders: Int
  /// Half adders built while bit-blasting (likewise).
  public var halfAdders: Int
  /// Total cost under each table of ``NetlistReport/costTables``, in that order.
  public var costs: [NamedCount]
  /// The critical path: the most gate levels between sources (inputs, constants,
  /// registers) and sinks (outputs, register inputs), as ``NetlistPasses/LogicDepth``
  /// counts them (`not` and `buf` free).
  public var logicDepth: Int

  /// The sentence stored in ``method``.
  package static let methodDescription =
    "optimised, bit-blasted with ripple-carry adders, optimised again "
    + "(const-fold, gates, cse, dce to a fixpoint)"

  /// The cells of a gate-level netlist, costed with `tables`.
  init(gateLevel netlist: Netlist, adders: AdderCount, tables: [CostTable]) {
    var byTable = [Int](repeating: 0, count: 16)
    var not = 0
    var buf = 0
    var registers = 0
    var constants = 0
    for node in netlist.nodes {
      switch node.op {
      case .gate(let g): byTable[Int(g.table)] += 1
      case .not: not += node.width
      case .buf: buf += node.width
      case .register: registers += node.width
      case .constant: constants += node.width
      case .input, .output, .and, .or, .xor, .add, .sub, .mul, .compare, .mux, .shiftLeft,
        .shiftRight, .concat, .slice, .extend, .popcount, .round, .resize, .rom:
        break
      }
    }
    method = Self.methodDescription
    nodes = netlist.nodes.count
    gates = (0..<16).filter { byTable[$0] > 0 }.map {
      NamedCount(GateFunction.names[$0], byTable[$0])
    }
    twoInputGates = byTable.reduce(0, +)
    self.not = not
    self.buf = buf
    self.registers = registers
    self.constants = constants
    fullAdders = adders.full
    halfAdders = adders.half
    costs = tables.map { table in
      let gateCost = (0..<16).reduce(0) { total, t in
        total + byTable[t] * table.cost(of: GateFunction(table: UInt8(t)))
      }
      return NamedCount(
        table.name, gateCost + not * table.not + buf * table.buf + registers * table.register)
    }
    logicDepth = LogicDepth.depth(of: netlist)
  }
}
