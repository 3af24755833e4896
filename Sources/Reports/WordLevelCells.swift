import NetlistIR

/// The word-level cells of a netlist: every node but the ports, grouped by category, op and
/// shape (operand widths → result width), with register and constant totals.
public struct WordLevelCells: Codable, Hashable, Sendable {
  /// Nodes of one op and shape.
  public struct Cell: Codable, Hashable, Sendable {
    /// The category (see ``WordLevelCells/categoryNames``).
    public var category: String
    /// The op mnemonic, with the parameters that change the hardware: the gate function
    /// (`gate xor`), the rounding shift and mode (`round.s 3 RND_CONV`), the overflow mode
    /// (`resize.s SAT`).
    public var op: String
    /// Operand widths → result width (`8,8→9`); with more than four operands, their number
    /// and total bits (`16 operands, 16 bits→5`); without operands (constants) the width.
    public var shape: String
    /// How many nodes.
    public var count: Int

    /// A cell kind and its count.
    public init(category: String, op: String, shape: String, count: Int) {
      self.category = category
      self.op = op
      self.shape = shape
      self.count = count
    }
  }

  /// The nodes and bits of one category.
  public struct Category: Codable, Hashable, Sendable {
    /// The category name.
    public var name: String
    /// Nodes.
    public var count: Int
    /// Total result bits.
    public var bits: Int
  }

  /// Every cell kind present, by category (in ``categoryNames`` order), op and shape.
  public var cells: [Cell]
  /// The categories present, in ``categoryNames`` order.
  public var categories: [Category]
  /// Register nodes.
  public var registers: Int
  /// Total register bits.
  public var registerBits: Int
  /// Constant nodes.
  public var constants: Int
  /// Total constant bits.
  public var constantBits: Int

  /// The categories, in report order: `adders` (add, sub), `multipliers`, `comparators`,
  /// `multiplexers`, `popcounts`, `rounding`, `resizing`, `bitwise` (and, or, xor, not),
  /// `gates` (two-input gates), `wiring` (buf, shifts, concat, slice, extend — no logic),
  /// `registers`, `constants`, `roms` (read-only tables).
  package static let categoryNames = [
    "adders", "multipliers", "comparators", "multiplexers", "popcounts", "rounding",
    "resizing", "bitwise", "gates", "wiring", "registers", "constants", "roms",
  ]

  /// The category index of an op, or `nil` for ports.
  static func category(of op: Op) -> Int? {
    switch op {
    case .input, .output: return nil
    case .add, .sub: return 0
    case .mul: return 1
    case .compare: return 2
    case .mux: return 3
    case .popcount: return 4
    case .round: return 5
    case .resize: return 6
    case .and, .or, .xor, .not: return 7
    case .gate: return 8
    case .buf, .shiftLeft, .shiftRight, .concat, .slice, .extend: return 9
    case .register: return 10
    case .constant: return 11
    case .rom: return 12
    }
  }

  /// The op label of a cell.
  static func label(of op: Op) -> String {
    switch op {
    case .gate(let g): return "gate \(g.name)"
    case .round(let n, let mode, _): return "\(op.mnemonic) \(n) \(mode.rawValue)"
    case .resize(let mode, _): return "\(op.mnemonic) \(mode.rawValue)"
    case .rom(let table): return "\(op.mnemonic) \(table.count) entries"
    case .input, .output, .constant, .not, .buf, .and, .or, .xor, .add, .sub, .mul, .compare,
      .mux, .shiftLeft, .shiftRight, .concat, .slice, .extend, .popcount, .register:
      return op.mnemonic
    }
  }

  /// The cells of `netlist`.
  init(_ netlist: Netlist) {
    struct Key: Hashable {
      var category: Int
      var op: String
      var operands: [Int]
      var width: Int
    }
    var counts: [Key: Int] = [:]
    var categoryCounts = [Int](repeating: 0, count: Self.categoryNames.count)
    var categoryBits = [Int](repeating: 0, count: Self.categoryNames.count)
    for node in netlist.nodes {
      guard let category = Self.category(of: node.op) else { continue }
      let widths = node.operands.map { netlist.width($0) }
      let operands = widths.count > 4 ? [-widths.count, widths.reduce(0, +)] : widths
      let key = Key(
        category: category, op: Self.label(of: node.op), operands: operands, width: node.width)
      counts[key, default: 0] += 1
      categoryCounts[category] += 1
      categoryBits[category] += node.width
    }
    let keys = counts.keys.sorted { a, b in
      if a.category != b.category { return a.category < b.category }
      if a.op != b.op { return a.op < b.op }
      if a.operands != b.operands { return a.operands.lexicographicallyPrecedes(b.operands) }
      return a.width < b.width
    }
    cells = keys.map { key in
      let operands =
        key.operands.first.map { $0 < 0 } == true
        ? "\(-key.operands[0]) operands, \(key.operands[1]) bits"
        : key.operands.map(String.init).joined(separator: ",")
      return Cell(
        category: Self.categoryNames[key.category], op: key.op,
        shape: key.operands.isEmpty ? "\(key.width)" : "\(operands)→\(key.width)",
        count: counts[key]!)
    }
    categories = Self.categoryNames.indices.filter { categoryCounts[$0] > 0 }.map {
      Category(name: Self.categoryNames[$0], count: categoryCounts[$0], bits: categoryBits[$0])
    }
    registers = categoryCounts[10]
    registerBits = categoryBits[10]
    constants = categoryCounts[11]
    constantBits = categoryBits[11]
  }
}
