extension GateFunction {
  /// One input of a gate.
  package enum Operand: Sendable, Hashable {
    /// The first input.
    case a
    /// The second input.
    case b
  }

  /// A two-input bitwise operator.
  package enum Operator: Sendable, Hashable {
    /// `&`
    case and
    /// `|`
    case or
    /// `^`
    case xor
  }

  /// A gate written with NOT, AND, OR and XOR, the way back-ends print it (difflogic's C
  /// forms): `a & ~b` for 2, `~(a | b)` for 8, `~0` for 15, …
  package enum Expression: Sendable, Hashable {
    /// A constant output.
    case constant(Bool)
    /// One input, possibly complemented.
    case operand(Operand, negated: Bool)
    /// `[~](op([~]a, [~]b))`.
    case binary(Operator, negateA: Bool, negateB: Bool, negateOutput: Bool)
  }

  /// How this gate is written with bitwise operators.
  package var expression: Expression {
    switch table {
    case 0: return .constant(false)
    case 1: return .binary(.and, negateA: false, negateB: false, negateOutput: false)
    case 2: return .binary(.and, negateA: false, negateB: true, negateOutput: false)
    case 3: return .operand(.a, negated: false)
    case 4: return .binary(.and, negateA: true, negateB: false, negateOutput: false)
    case 5: return .operand(.b, negated: false)
    case 6: return .binary(.xor, negateA: false, negateB: false, negateOutput: false)
    case 7: return .binary(.or, negateA: false, negateB: false, negateOutput: false)
    case 8: return .binary(.or, negateA: false, negateB: false, negateOutput: true)
    case 9: return .binary(.xor, negateA: false, negateB: false, negateOutput: true)
    case 10: return .operand(.b, negated: true)
    case 11: return .binary(.or, negateA: false, negateB: true, negateOutput: false)
    case 12: return .operand(.a, negated: true)
    case 13: return .binary(.or, negateA: true, negateB: false, negateOutput: false)
    case 14: return .binary(.and, negateA: false, negateB: false, negateOutput: true)
    default: return .constant(true)
    }
  }

  /// The kinds of gate that cost tables price alike.
  package enum Kind: String, CaseIterable, Sendable, Hashable {
    /// `zero`, `one`.
    case constant
    /// `a`, `b`.
    case wire
    /// `not_a`, `not_b`.
    case inverted
    /// `and`, `or`.
    case andOr
    /// `nand`, `nor`.
    case nandNor
    /// One input complemented: `not_implies`, `not_implied_by`, `implies`, `implied_by`.
    case mixed
    /// `xor`, `xnor`.
    case xor
  }

  /// This gate's cost kind, read from its ``expression``.
  package var kind: Kind {
    switch expression {
    case .constant: return .constant
    case .operand(_, let negated): return negated ? .inverted : .wire
    case .binary(.xor, _, _, _): return .xor
    case .binary(_, _, _, true): return .nandNor
    case .binary(_, false, false, false): return .andOr
    case .binary: return .mixed
    }
  }
}
