/// The 16 two-input logic gates of a difflogic network, identified by their id 0…15.
///
/// The id is the gate's 4-bit truth table: the outputs for (a, b) = 00, 01, 10, 11 read as a
/// binary number with row 00 as the most significant bit (0 = false, 1 = AND, 6 = XOR,
/// 7 = OR, 8 = NOR, 14 = NAND, 15 = true). `a` is a neuron's first input, `b` its second; the
/// order matters for the asymmetric gates 2, 4, 11, 13 and the projections 3, 5, 10, 12.
///
/// Every relaxed gate is bilinear in its inputs: `op(a, b) = c0 + c1·a + c2·b + c3·a·b`. The
/// trainer uses the coefficients (``coefficients``) so a softmax mixture of all 16 gates
/// collapses to four numbers per neuron.
public enum LogicGate {
  /// The number of distinct gates.
  public static let count = 16

  /// The pass-through gate `a` (id 3), the target of residual initialisation.
  public static let passThroughA: UInt8 = 3

  /// difflogic's names, indexed by gate id.
  public static let names = [
    "zero", "and", "not_implies", "a", "not_implied_by", "b", "xor", "or",
    "not_or", "not_xor", "not_b", "implied_by", "not_a", "implies", "not_and", "one",
  ]

  /// The bilinear coefficients `(c0, c1, c2, c3)` of each gate's relaxation, indexed by id:
  /// `op(a, b) = c0 + c1·a + c2·b + c3·a·b`.
  public static let coefficients: [(Float, Float, Float, Float)] = [
    (0, 0, 0, 0),  // 0  false
    (0, 0, 0, 1),  // 1  a·b
    (0, 1, 0, -1),  // 2  a − a·b
    (0, 1, 0, 0),  // 3  a
    (0, 0, 1, -1),  // 4  b − a·b
    (0, 0, 1, 0),  // 5  b
    (0, 1, 1, -2),  // 6  a + b − 2·a·b
    (0, 1, 1, -1),  // 7  a + b − a·b
    (1, -1, -1, 1),  // 8  1 − (a + b − a·b)
    (1, -1, -1, 2),  // 9  1 − (a + b − 2·a·b)
    (1, 0, -1, 0),  // 10 1 − b
    (1, 0, -1, 1),  // 11 1 − b + a·b
    (1, -1, 0, 0),  // 12 1 − a
    (1, -1, 0, 1),  // 13 1 − a + a·b
    (1, 0, 0, -1),  // 14 1 − a·b
    (1, 0, 0, 0),  // 15 1
  ]

  /// The relaxed (real-valued) gate on probabilities `a`, `b`, written with difflogic's own
  /// expression shapes (`bin_op` in difflogic's `functional.py`).
  public static func relaxed<T: FloatingPoint>(_ gate: UInt8, _ a: T, _ b: T) -> T {
    precondition(gate < 16, "a gate id is 0…15")
    switch gate {
    case 0: return 0
    case 1: return a * b
    case 2: return a - a * b
    case 3: return a
    case 4: return b - a * b
    case 5: return b
    case 6: return a + b - 2 * a * b
    case 7: return a + b - a * b
    case 8: return 1 - (a + b - a * b)
    case 9: return 1 - (a + b - 2 * a * b)
    case 10: return 1 - b
    case 11: return 1 - b + a * b
    case 12: return 1 - a
    case 13: return 1 - a + a * b
    case 14: return 1 - a * b
    default: return 1
    }
  }

  /// The gate's output for one input combination, read from its truth table.
  @inlinable
  public static func apply(_ gate: UInt8, _ a: Bool, _ b: Bool) -> Bool {
    let row = (a ? 2 : 0) + (b ? 1 : 0)
    return (gate >> UInt8(3 - row)) & 1 == 1
  }

  /// The gate applied bitwise to 64 samples at once.
  @inlinable
  public static func apply(_ gate: UInt8, words a: UInt64, _ b: UInt64) -> UInt64 {
    switch gate {
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
}
