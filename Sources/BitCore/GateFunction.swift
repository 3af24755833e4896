/// A two-input Boolean function stored as its 4-bit truth table: the one gate table of
/// BitTrue (netlists, logic-net models, Verilog emission and cost tables all use it).
///
/// The table is the output column for inputs (a, b) = 00, 01, 10, 11 read as a binary number
/// with row 00 as the most significant bit. That number is exactly difflogic's gate index
/// (0 = false, 1 = AND, …, 6 = XOR, 8 = NOR, 14 = NAND, 15 = true), so a trained difflogic
/// neuron maps to a gate without translation. `a` is a neuron's first input, `b` its second;
/// the order matters for the asymmetric gates 2, 4, 11, 13 and the projections 3, 5, 10, 12.
///
/// A `GateFunction` is one byte, so an array of them is laid out like an array of gate ids.
public struct GateFunction: Hashable, Sendable, Comparable, CustomStringConvertible,
  ExpressibleByIntegerLiteral
{
  /// The truth table / difflogic gate index, 0…15.
  public let table: UInt8

  /// The number of distinct gates.
  public static let count = 16

  /// All sixteen gates, by truth table.
  public static let all = (0..<16).map { GateFunction(table: UInt8($0)) }

  /// A gate from its truth table (0…15).
  @inlinable
  public init(table: UInt8) {
    precondition(table < 16, "a two-input gate has a 4-bit truth table")
    self.table = table
  }

  /// A gate from its truth table written as a literal, for example `6` for XOR.
  @inlinable
  public init(integerLiteral table: UInt8) { self.init(table: table) }

  /// A gate from its truth table, or `nil` when `table` is outside 0…15.
  public init?(checkedTable table: Int) {
    guard (0..<16).contains(table) else { return nil }
    self.table = UInt8(table)
  }

  /// The output for one input combination.
  @inlinable
  public func callAsFunction(_ a: Bool, _ b: Bool) -> Bool {
    let row = (a ? 2 : 0) + (b ? 1 : 0)
    return (table >> UInt8(3 - row)) & 1 == 1
  }

  /// The same function applied bitwise to 64 (or more) samples at once.
  @inlinable
  package func apply(_ a: UInt64, _ b: UInt64) -> UInt64 {
    switch table {
    case 0: return 0
    case 1: return a & b
    case 2: return a & ~b
    case 3: return a
    case 4: return ~a & b
    case 5: return b
    case 6: return a ^ b
    case 7: return a | b
    case 8: return ~(a | b)
    case 9: return ~(a ^ b)
    case 10: return ~b
    case 11: return a | ~b
    case 12: return ~a
    case 13: return ~a | b
    case 14: return ~(a & b)
    default: return ~0
    }
  }

  /// The gate whose truth table is `f`.
  package static func tabulate(_ f: (Bool, Bool) -> Bool) -> GateFunction {
    var table: UInt8 = 0
    for row in 0..<4 where f(row >= 2, row & 1 == 1) { table |= 1 << UInt8(3 - row) }
    return GateFunction(table: table)
  }

  /// The gate with its two inputs exchanged: `g.swapped(b, a) == g(a, b)`.
  public var swapped: GateFunction {
    let t = table
    // Rows 01 (bit 2) and 10 (bit 1) trade places.
    let r01 = (t >> 2) & 1
    let r10 = (t >> 1) & 1
    return GateFunction(table: (t & 0b1001) | (r10 << 2) | (r01 << 1))
  }

  /// The complemented function.
  package var negated: GateFunction { GateFunction(table: ~table & 0xF) }

  /// The gate that reads its first input complemented: `g.negatingA(a, b) == g(¬a, b)`.
  package var negatingA: GateFunction { .tabulate { a, b in self(!a, b) } }

  /// The gate that reads its second input complemented: `g.negatingB(a, b) == g(a, ¬b)`.
  package var negatingB: GateFunction { .tabulate { a, b in self(a, !b) } }

  /// Whether the output ignores `b`.
  public var ignoresB: Bool {
    self(false, false) == self(false, true) && self(true, false) == self(true, true)
  }

  /// Whether the output ignores `a`.
  public var ignoresA: Bool {
    self(false, false) == self(true, false) && self(false, true) == self(true, true)
  }

  /// Whether the function is symmetric in its inputs.
  package var isSymmetric: Bool { swapped == self }

  /// Orders gates by truth table.
  public static func < (l: GateFunction, r: GateFunction) -> Bool { l.table < r.table }

  /// The name, for example `xor`.
  public var description: String { name }

  /// Constant false (0).
  public static let zero = GateFunction(table: 0)
  /// `a ∧ b` (1).
  public static let and = GateFunction(table: 1)
  /// `a ∧ ¬b` (2).
  public static let andNotB = GateFunction(table: 2)
  /// The pass-through gate `a` (3), the target of residual initialisation.
  public static let passThroughA = GateFunction(table: 3)
  /// `¬a ∧ b` (4).
  public static let notAAndB = GateFunction(table: 4)
  /// Exclusive or (6).
  public static let xor = GateFunction(table: 6)
  /// Inclusive or (7).
  public static let or = GateFunction(table: 7)
  /// Exclusive nor, equality (9).
  public static let xnor = GateFunction(table: 9)
  /// `¬a ∨ b` (13, difflogic's `implies`).
  public static let implies = GateFunction(table: 13)
  /// Constant true (15).
  public static let one = GateFunction(table: 15)
}
