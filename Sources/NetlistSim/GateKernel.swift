/// What one instruction of a ``GateProgram`` computes from the slots it reads.
///
/// Negated operands and results of the netlist's gates are absorbed into the signals that
/// carry them (see ``GateCompiler``), so every two-input gate is one of the first four
/// kernels. The others are fused adder cells: one instruction reads two or three slots and
/// writes two (sum first, then carry), keeping the intermediate signals in registers. Their
/// carries cover every majority of complemented operands up to operand order and a swap of
/// the first two operands.
enum GateKernel: UInt8, CaseIterable, Sendable {
  /// `a & b`.
  case and
  /// `a & ~b`.
  case andNot
  /// `~(a | b)`.
  case nor
  /// `a ^ b`.
  case xor
  /// A half adder: `a ^ b` and `a & b`.
  case halfAdderAnd
  /// `a ^ b` and `a & ~b`.
  case halfAdderAndNot
  /// `a ^ b` and `~(a | b)`.
  case halfAdderNor
  /// A full adder: `a ^ b ^ c` and `maj(a, b, c)`.
  case fullAdder
  /// `a ^ b ^ c` and `maj(a, b, ~c)`.
  case fullAdderNotC
  /// `a ^ b ^ c` and `maj(~a, ~b, c)`.
  case fullAdderNotAB
  /// `a ^ b ^ c` and `maj(~a, ~b, ~c)`, which is `~maj(a, b, c)`.
  case fullAdderNotABC

  /// Slots the instruction reads: 2 or 3.
  var operandCount: Int {
    switch self {
    case .and, .andNot, .nor, .xor, .halfAdderAnd, .halfAdderAndNot, .halfAdderNor: return 2
    case .fullAdder, .fullAdderNotC, .fullAdderNotAB, .fullAdderNotABC: return 3
    }
  }

  /// Slots the instruction writes: 1 or 2.
  var resultCount: Int {
    switch self {
    case .and, .andNot, .nor, .xor: return 1
    case .halfAdderAnd, .halfAdderAndNot, .halfAdderNor, .fullAdder, .fullAdderNotC,
      .fullAdderNotAB, .fullAdderNotABC:
      return 2
    }
  }

  /// Words of one instruction in ``GateProgram/operands``: its operand slots, then its
  /// result slots.
  var wordCount: Int { operandCount + resultCount }

  /// Whether swapping the first two operands leaves every result unchanged.
  var firstOperandsCommute: Bool { self != .andNot && self != .halfAdderAndNot }

  /// The result of a one-result kernel.
  @inline(__always)
  func single<L: LaneWord>(_ a: L, _ b: L) -> L {
    switch self {
    case .and: return a & b
    case .andNot: return a & ~b
    case .nor: return ~(a | b)
    case .xor: return a ^ b
    case .halfAdderAnd, .halfAdderAndNot, .halfAdderNor, .fullAdder, .fullAdderNotC,
      .fullAdderNotAB, .fullAdderNotABC:
      preconditionFailure("\(self) has two results")
    }
  }

  /// The (sum, carry) of a two-result kernel; `c` is ignored by the half adders.
  @inline(__always)
  func pair<L: LaneWord>(_ a: L, _ b: L, _ c: L) -> (L, L) {
    let p = a ^ b
    switch self {
    case .halfAdderAnd: return (p, a & b)
    case .halfAdderAndNot: return (p, a & ~b)
    case .halfAdderNor: return (p, ~(a | b))
    // maj(a′, b′, c′) = a′ when a′ = b′, else c′: a′ ^ ((a′ ^ c′) & (a ^ b)).
    case .fullAdder: return (p ^ c, a ^ ((a ^ c) & p))
    case .fullAdderNotC: return (p ^ c, a ^ (~(a ^ c) & p))
    case .fullAdderNotAB: return (p ^ c, ~a ^ (~(a ^ c) & p))
    case .fullAdderNotABC: return (p ^ c, ~(a ^ ((a ^ c) & p)))
    case .and, .andNot, .nor, .xor:
      preconditionFailure("\(self) has one result")
    }
  }
}
