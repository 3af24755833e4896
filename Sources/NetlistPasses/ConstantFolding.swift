import NetlistIR

/// Replaces nodes whose value is fixed by constants, and applies algebraic identities with a
/// constant (or repeated) operand.
///
/// - A combinational node whose operands are all constants becomes a constant, computed by
///   ``NetlistIR/Node/evaluate(_:)`` — the one definition of every op.
/// - A register that samples itself, or a constant equal to its reset value, is that
///   constant.
/// - Identities (`x` a variable, `c` a constant; each keeps the node's width and meaning):
///   `x & 0 = 0`, `x & 1…1 = x`, `x & x = x`, `x | 0 = x`, `x | 1…1 = 1…1`, `x | x = x`,
///   `x ^ 0 = x`, `x ^ 1…1 = ~x`, `x ^ x = 0`; `x ± 0`, `x × 1` become an extension of `x`,
///   `x × 0 = 0`, `x × 2^k` a shift, `x − x = 0`; comparisons of `x` with itself or with the
///   least/greatest value are constants; a multiplexer with a constant select or equal data
///   inputs is that input, `mux(s, 0, 1) = s`, `mux(s, 1, 0) = ¬s`; shifts by 0 and slices,
///   extensions and one-part concatenations that keep everything are the operand; shifts
///   that push out every bit are 0; slices of slices and of one concat part read the source
///   directly; constant-zero popcount operands are dropped; a round by 0 bits and a resize
///   to a wider format (or with WRAP) are extensions.
///
/// A node that becomes a constant keeps its name; a node replaced by its operand passes its
/// name on when the operand has none. Operands left unread stay for ``DeadNodeElimination``.
/// A gate-level netlist stays gate-level: the `concat`s its outputs read are never folded
/// into multi-bit constants.
public struct ConstantFolding: NetlistPass {
  /// `const-fold`.
  public var name: String { "const-fold" }

  /// The pass.
  public init() {}

  /// Folds constants; returns whether anything changed.
  public func run(_ netlist: inout Netlist) throws(PassError) -> Bool {
    var rw = NetlistRewriter(netlist)
    let keepConcats = netlist.isGateLevel
    for id in NodeOrder.stableTopological(netlist) {
      let node = rw[id]
      guard node.op.computesFromOperands, !(keepConcats && node.op == .concat) else { continue }
      let operands = rw.operands(of: id)
      let values = operands.compactMap { rw.constantValue($0) }
      if values.count == operands.count {
        rw.makeConstant(
          id, Node(op: node.op, operands: operands, width: node.width).evaluate(values))
      } else {
        rw.applyIdentity(to: id)
      }
    }
    for id in netlist.registers {
      guard case .register(let reset) = rw[id].op else { continue }
      let d = rw.operands(of: id)[0]
      if d == id || rw.constantValue(d) == reset { rw.makeConstant(id, reset) }
    }
    guard rw.changed else { return false }
    netlist = rw.finish()
    return true
  }
}
