/// A two-input Boolean function stored as its 4-bit truth table.
///
/// The table is the output column for inputs (a, b) = 00, 01, 10, 11 read as a binary number
/// with row 00 as the most significant bit. That number is exactly difflogic's gate index
/// (0 = false, 1 = AND, …, 6 = XOR, 8 = NOR, 14 = NAND, 15 = true), so a trained difflogic
/// neuron maps to a gate without translation.
public struct GateFunction: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The truth table / difflogic gate index, 0…15.
  public let table: UInt8

  /// A gate from its truth table (0…15).
  public init(table: UInt8) {
    precondition(table < 16, "a two-input gate has a 4-bit truth table")
    self.table = table
  }

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
  public func apply(_ a: UInt64, _ b: UInt64) -> UInt64 {
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

  /// The gate with its two inputs exchanged: `g.swapped(b, a) == g(a, b)`.
  public var swapped: GateFunction {
    let t = table
    // Rows 01 (bit 2) and 10 (bit 1) trade places.
    let r01 = (t >> 2) & 1
    let r10 = (t >> 1) & 1
    return GateFunction(table: (t & 0b1001) | (r10 << 2) | (r01 << 1))
  }

  /// The complemented function.
  public var negated: GateFunction { GateFunction(table: ~table & 0xF) }

  /// Whether the output ignores `b`.
  public var ignoresB: Bool {
    self(false, false) == self(false, true) && self(true, false) == self(true, true)
  }

  /// Whether the output ignores `a`.
  public var ignoresA: Bool {
    self(false, false) == self(true, false) && self(false, true) == self(true, true)
  }

  /// Whether the function is symmetric in its inputs.
  public var isSymmetric: Bool { swapped == self }

  /// difflogic's names, indexed by truth table.
  public static let names = [
    "zero", "and", "not_implies", "a", "not_implied_by", "b", "xor", "or",
    "nor", "xnor", "not_b", "implied_by", "not_a", "implies", "nand", "one",
  ]

  /// difflogic's name for this gate (`and`, `xor`, `not_implies`, …).
  public var name: String { GateFunction.names[Int(table)] }

  /// The gate with that name, if any.
  public init?(name: String) {
    guard let i = GateFunction.names.firstIndex(of: name) else { return nil }
    self.table = UInt8(i)
  }

  /// Orders gates by truth table.
  public static func < (l: GateFunction, r: GateFunction) -> Bool { l.table < r.table }

  /// The name, for example `xor`.
  public var description: String { name }

  /// Frequently used gates.
  public static let and = GateFunction(table: 1)
  /// Exclusive or.
  public static let xor = GateFunction(table: 6)
  /// Inclusive or.
  public static let or = GateFunction(table: 7)
  /// Exclusive nor (equality).
  public static let xnor = GateFunction(table: 9)
  /// `a ∧ ¬b`.
  public static let andNotB = GateFunction(table: 2)
  /// `¬a ∧ b`.
  public static let notAAndB = GateFunction(table: 4)
}
