/// What kind of work an op does: the coarse classification most passes and back-ends ask
/// about instead of listing every op.
public enum OpRole: String, Hashable, Sendable, CaseIterable {
  /// A primary input or output: `input`, `output`.
  case port
  /// A fixed value: `const`.
  case source
  /// Moves or copies bits, no logic: `buf`, `shl`, `shr`, `concat`, `slice`, `ext`.
  case wiring
  /// Bitwise logic, each result bit from the same position of the operands (and, for
  /// `mux`, the select): `gate`, `not`, `and`, `or`, `xor`, `mux`.
  case logic
  /// Arithmetic, carries cross bit positions: `add`, `sub`, `mul`, `cmp`, `popcount`,
  /// `round`, `resize`.
  case arithmetic
  /// A clocked state element: `reg`.
  case state
  /// A read-only table indexed by its operand: `rom`.
  case memory
}

/// The op traits: every classification question is answered here once, so code that only
/// classifies asks a trait and a new op is classified in one place. Switches whose
/// behaviour differs per op stay exhaustive (no `default:`) elsewhere.
extension Op {
  /// The op's role; see ``OpRole``.
  public var role: OpRole {
    switch self {
    case .input, .output: return .port
    case .constant: return .source
    case .buf, .shiftLeft, .shiftRight, .concat, .slice, .extend: return .wiring
    case .gate, .not, .and, .or, .xor, .mux: return .logic
    case .add, .sub, .mul, .compare, .popcount, .round, .resize: return .arithmetic
    case .register: return .state
    case .rom: return .memory
    }
  }

  /// Whether the op is a primary input or output port.
  public var isPort: Bool { role == .port }

  /// Whether the op is a primary input.
  public var isInput: Bool {
    if case .input = self { return true }
    return false
  }

  /// Whether the op is a primary output.
  public var isOutput: Bool {
    if case .output = self { return true }
    return false
  }

  /// The port name of an `input` or `output`, `nil` for other ops.
  public var portName: String? {
    if case .input(let name) = self { return name }
    if case .output(let name) = self { return name }
    return nil
  }

  /// Whether the op is a clocked state element (breaks combinational paths).
  public var isRegister: Bool { role == .state }

  /// Whether the op has no operands and a fixed value.
  public var isConstant: Bool { role == .source }

  /// Whether the node's value does not depend on its operands in the same cycle: inputs,
  /// constants and registers (the sources of ``Netlist/topologicalOrder()`` and of logic
  /// depth).
  package var isSource: Bool { isInput || isConstant || isRegister }

  /// Whether ``Node/evaluate(_:)`` gives the node's value: every op but `input` (set from
  /// outside) and `reg` (set at the clock edge).
  package var isCombinational: Bool { !isInput && !isRegister }

  /// Whether the node computes a value from its operands within the cycle: the wiring,
  /// logic and arithmetic roles (not ports, constants or registers).
  package var computesFromOperands: Bool {
    switch role {
    case .wiring, .logic, .arithmetic, .memory: return true
    case .port, .source, .state: return false
    }
  }

  /// Whether the op is a one-operand copy or complement (`buf`, `not`), which a reading
  /// gate can absorb into its truth table.
  package var isBufferOrInverter: Bool { self == .buf || self == .not }

  /// Whether the op is one of the logic cells of the gate-level form: `gate`, `not`, `buf`.
  package var isGateLevelLogic: Bool {
    if case .gate = self { return true }
    return isBufferOrInverter
  }

  /// For `add`, `sub` and `mul`, the signedness by which operands are extended to the
  /// result width; `nil` for every other op.
  package var operandExtension: Signedness? {
    if case .add(let s) = self { return s }
    if case .sub(let s) = self { return s }
    if case .mul(let s) = self { return s }
    return nil
  }

  /// Whether exchanging the two operands leaves the result unchanged.
  package var isCommutative: Bool {
    switch self {
    case .and, .or, .xor, .add, .mul: return true
    case .gate(let g): return g.isSymmetric
    case .compare(let k, _): return k == .eq || k == .ne
    case .input, .output, .constant, .not, .buf, .sub, .mux, .shiftLeft, .shiftRight, .concat,
      .slice, .extend, .popcount, .round, .resize, .register, .rom:
      return false
    }
  }
}
