/// The kind of an unsigned or signed comparison.
public enum CompareKind: String, Hashable, Sendable, CaseIterable, Codable {
  case eq, ne, lt, le, gt, ge

  /// Whether a three-way comparison result (−1, 0, +1) satisfies this relation.
  @inlinable
  public func holds(_ order: Int) -> Bool {
    switch self {
    case .eq: return order == 0
    case .ne: return order != 0
    case .lt: return order < 0
    case .le: return order <= 0
    case .gt: return order > 0
    case .ge: return order >= 0
    }
  }
}

/// Every operation a netlist node can perform: the single op table of BitTrue's hardware IR.
///
/// What kind of op each is — its ``role`` and the other classification questions passes
/// ask (``isSource``, ``isBufferOrInverter``, ``operandExtension`` …) — is answered once, in
/// `Op+Traits.swift`; `docs/adding-an-op.md` lists every file a new op touches.
///
/// Widths: each node has one output width `W` (see ``Node/width``). Operand widths and the
/// result are related as listed; ``NetlistVerifier`` enforces it. Values carry no sign; ops
/// that care read operands as ``Signedness/unsigned`` or ``Signedness/signed``.
///
/// | op | operands | result |
/// |---|---|---|
/// | `input(name)` | — | a primary input of width W |
/// | `output(name)` | v | a primary output; W = width(v) |
/// | `constant(c)` | — | c; W = width(c) |
/// | `gate(g)` | a, b (1 bit) | g(a, b), 1 bit |
/// | `not`, `buf` | a | ¬a, a; W = width(a) |
/// | `and`, `or`, `xor` | a, b (width W) | bitwise |
/// | `add(s)`, `sub(s)`, `mul(s)` | a, b (any widths) | operands extended to W by s, then a ± b, a × b mod 2^W |
/// | `compare(k, s)` | a, b (equal widths) | 1 bit: a k b read with s |
/// | `mux` | sel (1 bit), f, t (width W) | sel ? t : f |
/// | `shiftLeft(n)` | a (width W) | (a << n) mod 2^W |
/// | `shiftRight(n, s)` | a (width W) | a >> n, arithmetic when s is signed |
/// | `concat` | p0 … pk | {p0, …, pk} with p0 most significant; W = Σ widths |
/// | `slice(lo)` | a | a[lo + W − 1 : lo] |
/// | `extend(s)` | a | a zero- or sign-extended (or truncated) to W |
/// | `popcount` | any | number of one bits over all operand bits, mod 2^W |
/// | `round(n, m, s)` | x [, r (n bits) when m is stochastic] | x / 2^n rounded with m, mod 2^W |
/// | `resize(o, s)` | x | x converted to W bits of signedness s with overflow mode o |
/// | `register(r)` | d | d delayed one clock; r after reset; W = width(r) |
/// | `rom(t)` | address (any width) | entry t[address] (entries W bits each); 0 when address ≥ count(t) |
public enum Op: Hashable, Sendable {
  case input(String)
  case output(String)
  case constant(BitVector)
  case gate(GateFunction)
  case not
  case buf
  case and
  case or
  case xor
  case add(Signedness)
  case sub(Signedness)
  case mul(Signedness)
  case compare(CompareKind, Signedness)
  case mux
  case shiftLeft(Int)
  case shiftRight(Int, Signedness)
  case concat
  case slice(Int)
  case extend(Signedness)
  case popcount
  case round(Int, RoundingMode, Signedness)
  case resize(OverflowMode, Signedness)
  case register(BitVector)
  case rom([BitVector])

  /// The text-form mnemonic, without parameters: `add.u`, `cmp.lt.s`, `gate`, …
  public var mnemonic: String {
    switch self {
    case .input: return "input"
    case .output: return "output"
    case .constant: return "const"
    case .gate: return "gate"
    case .not: return "not"
    case .buf: return "buf"
    case .and: return "and"
    case .or: return "or"
    case .xor: return "xor"
    case .add(let s): return "add.\(s.rawValue)"
    case .sub(let s): return "sub.\(s.rawValue)"
    case .mul(let s): return "mul.\(s.rawValue)"
    case .compare(let k, let s): return "cmp.\(k.rawValue).\(s.rawValue)"
    case .mux: return "mux"
    case .shiftLeft: return "shl"
    case .shiftRight(_, let s): return "shr.\(s.rawValue)"
    case .concat: return "concat"
    case .slice: return "slice"
    case .extend(let s): return "ext.\(s.rawValue)"
    case .popcount: return "popcount"
    case .round(_, _, let s): return "round.\(s.rawValue)"
    case .resize(_, let s): return "resize.\(s.rawValue)"
    case .register: return "reg"
    case .rom: return "rom"
    }
  }

  /// The number of operands the op takes, or `nil` when any number ≥ 1 is allowed.
  public var arity: Int? {
    switch self {
    case .input, .constant: return 0
    case .output, .not, .buf, .shiftLeft, .shiftRight, .slice, .extend, .resize, .register,
      .rom:
      return 1
    case .gate, .and, .or, .xor, .add, .sub, .mul, .compare: return 2
    case .mux: return 3
    case .round(_, let mode, _): return mode == .stochastic ? 2 : 1
    case .concat, .popcount: return nil
    }
  }
}
