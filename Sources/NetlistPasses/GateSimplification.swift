import NetlistIR

/// Simplifies one-bit gates, complements and buffers.
///
/// - A `buf` is removed: its readers read its operand, which takes the buffer's name if it
///   has none.
/// - Double negation: `not(not(x))` is `x` (any width).
/// - A gate reading a one-bit `not` reads the NOT's operand instead, with its truth table
///   adjusted (a gate reading ¬a is another gate reading a).
/// - A gate whose output does not depend on both inputs — a constant input, the same input
///   twice, or a function that ignores an input — becomes a constant, its remaining input,
///   or a `not` of it.
/// - A one-bit `not` of a gate that nothing else reads becomes the complemented gate.
public struct GateSimplification: NetlistPass {
  /// `gates`.
  public var name: String { "gates" }

  /// The pass.
  public init() {}

  /// Simplifies; returns whether anything changed.
  public func run(_ netlist: inout Netlist) throws(PassError) -> Bool {
    var rw = NetlistRewriter(netlist)
    for id in NodeOrder.stableTopological(netlist) {
      switch rw[id].op {
      case .buf:
        rw.replace(id, with: rw.operands(of: id)[0])
      case .not:
        let x = rw.operands(of: id)[0]
        if rw[x].op == .not { rw.replace(id, with: rw.operands(of: x)[0]) }
      case .gate(let g):
        rw.simplifyGate(id, g)
      case .input, .output, .constant, .and, .or, .xor, .add, .sub, .mul, .compare, .mux,
        .shiftLeft, .shiftRight, .concat, .slice, .extend, .popcount, .round, .resize, .register,
        .rom:
        continue
      }
    }
    rw.foldComplementedGates()
    guard rw.changed else { return false }
    netlist = rw.finish()
    return true
  }
}

extension NetlistRewriter {
  /// Absorbs complemented inputs into `g` and reduces it when it depends on fewer than two
  /// inputs.
  fileprivate mutating func simplifyGate(_ id: NodeID, _ original: GateFunction) {
    var g = original
    var x = operands(of: id)
    var absorbed = false
    for i in 0..<2 where self[x[i]].op == .not {
      g = i == 0 ? g.negatingA : g.negatingB
      x[i] = operands(of: x[i])[0]
      absorbed = true
    }
    let va = constantValue(x[0])?[bit: 0]
    let vb = constantValue(x[1])?[bit: 0]
    let reduced: (NodeID, f0: Bool, f1: Bool)?
    if let va, let vb {
      reduced = (x[0], g(va, vb), g(va, vb))
    } else if let va {
      reduced = (x[1], g(va, false), g(va, true))
    } else if let vb {
      reduced = (x[0], g(false, vb), g(true, vb))
    } else if x[0] == x[1] {
      reduced = (x[0], g(false, false), g(true, true))
    } else if g.ignoresB {
      reduced = (x[0], g(false, false), g(true, false))
    } else if g.ignoresA {
      reduced = (x[1], g(false, false), g(false, true))
    } else {
      reduced = nil
    }
    guard let (input, f0, f1) = reduced else {
      if absorbed { rewrite(id, .gate(g), x) }
      return
    }
    if f0 == f1 {
      makeConstant(id, BitVector(width: 1, truncating: f0 ? 1 : 0 as UInt64))
    } else if f1 {
      replace(id, with: input)
    } else {
      rewrite(id, .not, [input])
    }
  }

  /// Turns each one-bit `not` of a gate that only it reads into the complemented gate.
  fileprivate mutating func foldComplementedGates() {
    let count = nodes.count
    var readers = [Int](repeating: 0, count: count)
    for i in 0..<count where !isReplaced(NodeID(i)) {
      for operand in operands(of: NodeID(i)) { readers[operand.int] += 1 }
    }
    for i in 0..<count where !isReplaced(NodeID(i)) && self[NodeID(i)].op == .not {
      let id = NodeID(i)
      let x = operands(of: id)[0]
      guard case .gate(let g) = self[x].op, readers[x.int] == 1, !isReplaced(x) else { continue }
      rewrite(id, .gate(g.negated), operands(of: x))
      replaceDropping(x, nameTo: id)
    }
  }

  /// Drops `x`, now unread, giving its name to `id` when `id` has none.
  private mutating func replaceDropping(_ x: NodeID, nameTo id: NodeID) {
    if self[id].name == nil, let name = self[x].name { rename(id, name) }
    drop(x)
  }
}
