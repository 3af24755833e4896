import NetlistIR

/// Uses ``RangeAnalysis`` to compute fewer bits without changing any value:
///
/// - a node whose range holds a single value (a comparison the ranges decide, a register
///   that never leaves its reset value, …) becomes that constant;
/// - a `resize` whose operand always fits the target format becomes an `extend` (the
///   overflow check and saturation logic go away);
/// - an `add`, `sub`, `mul`, `round` or `popcount` whose value always fits in `k` fewer bits
///   — read unsigned or signed, whichever needs fewer — is computed `k` bits wide and
///   zero- or sign-extended back to its declared width (so its readers see the same bits).
///   These ops compute their result modulo `2^width`, so the narrow node gives the low `k`
///   bits of the wide one. A popcount keeps at least the width the verifier requires;
/// - a `register` whose range fits in fewer bits stores only the low `k` bits of its input
///   (the register's range covers its input's values and its reset value) and is extended
///   back the same way.
///
/// The narrowed node keeps the name; the extension reads it. Operands left unread stay for
/// ``DeadNodeElimination``. Reports the constants made, the overflow checks removed, the
/// nodes narrowed and the bits removed from them.
public struct WidthNarrowing: NetlistPass {
  /// `narrow`.
  public var name: String { "narrow" }

  /// The pass.
  public init() {}

  /// One change the pass makes.
  package struct Decision: Hashable, Sendable {
    /// What changes.
    package enum Change: Hashable, Sendable {
      /// The node always holds this value.
      case constant(BitVector)
      /// The `resize` never overflows: an extension does the same.
      case noOverflow
      /// The node is computed `width` bits wide, then extended by each extension in turn
      /// (the last one reaches the declared width). Usually one extension; a second one
      /// appears when the narrow value needs even fewer bits in the other reading.
      case narrow(width: Int, extensions: [Extension])
    }

    /// A zero or sign extension to a width.
    package struct Extension: Hashable, Sendable {
      /// The width after the extension.
      package var width: Int
      /// Zero (`unsigned`) or sign (`signed`) extension.
      package var signedness: Signedness

      /// An extension.
      package init(width: Int, signedness: Signedness) {
        self.width = width
        self.signedness = signedness
      }
    }

    /// The node, in the netlist the plan was made for.
    package var node: NodeID
    /// The change.
    package var change: Change
  }

  /// Narrows the netlist; returns whether anything changed.
  public func run(_ netlist: inout Netlist) throws(PassError) -> Bool {
    try runReporting(&netlist).changed
  }

  /// Narrows the netlist and counts what it did.
  public func runReporting(_ netlist: inout Netlist) throws(PassError) -> PassReport {
    let plan = Self.plan(for: netlist)
    let counters = Self.counters(plan, in: netlist)
    if !plan.isEmpty { netlist = Self.apply(plan, to: netlist) }
    return PassReport(changed: !plan.isEmpty, counters: counters)
  }

  /// The counters of a plan: `constants from ranges`, `overflow checks removed`,
  /// `nodes narrowed`, `bits removed`.
  private static func counters(_ plan: [Decision], in netlist: Netlist) -> [PassCounter] {
    var constants = 0
    var checks = 0
    var narrowed = 0
    var bits = 0
    for decision in plan {
      switch decision.change {
      case .constant: constants += 1
      case .noOverflow: checks += 1
      case .narrow(let width, _):
        narrowed += 1
        bits += netlist.width(decision.node) - width
      }
    }
    return [
      PassCounter("constants from ranges", constants),
      PassCounter("overflow checks removed", checks),
      PassCounter("nodes narrowed", narrowed), PassCounter("bits removed", bits),
    ]
  }

  /// The changes the ranges allow, in node order.
  package static func plan(for netlist: Netlist) -> [Decision] {
    plan(for: netlist, ranges: RangeAnalysis.ranges(of: netlist))
  }

  /// The changes `ranges` (from ``RangeAnalysis/ranges(of:)``) allow, in node order.
  package static func plan(for netlist: Netlist, ranges: [ValueRange]) -> [Decision] {
    var plan: [Decision] = []
    for id in netlist.ids {
      let node = netlist[id]
      let range = ranges[id.int]
      switch node.op {
      case .input, .output, .constant:
        continue
      case .gate, .not, .buf, .and, .or, .xor, .compare, .mux, .shiftLeft, .shiftRight, .concat,
        .slice, .extend, .rom:
        if let value = range.singleValue {
          plan.append(Decision(node: id, change: .constant(value)))
        }
      case .resize(_, let s):
        if let value = range.singleValue {
          plan.append(Decision(node: id, change: .constant(value)))
        } else if ranges[node.operands[0].int].neededWidth(s) <= node.width {
          plan.append(Decision(node: id, change: .noOverflow))
        }
      case .add, .sub, .mul, .round, .popcount, .register:
        if let value = range.singleValue {
          plan.append(Decision(node: id, change: .constant(value)))
        } else if let change = narrowing(id, in: netlist, range, ranges) {
          plan.append(Decision(node: id, change: change))
        }
      }
    }
    return plan
  }

  /// How far an arithmetic node or a register can be narrowed, or `nil`.
  private static func narrowing(
    _ id: NodeID, in netlist: Netlist, _ range: ValueRange, _ ranges: [ValueRange]
  ) -> Decision.Change? {
    let node = netlist[id]
    let operands = node.operands.map { ranges[$0.int] }
    // A popcount keeps the width the verifier requires.
    let floor =
      node.op == .popcount
      ? Netlist.bitLength(node.operands.reduce(0) { $0 + netlist.width($1) }) : 1
    var extensions: [Decision.Extension] = []
    var width = node.width
    var current = range
    while true {
      let (needed, reading) = current.narrowest
      let k = max(needed, floor)
      guard k < width else { break }
      extensions.append(Decision.Extension(width: width, signedness: reading))
      width = k
      // The same op computed k bits wide: its range may need fewer bits still.
      if case .register(let reset) = node.op {
        let low = RangeAnalysis.range(
          of: Node(op: .slice(0), operands: node.operands, width: k), operands: operands)
        current = low.union(.exactly(reset.slice(low: 0, count: k)))
      } else {
        current = RangeAnalysis.range(
          of: Node(op: node.op, operands: node.operands, width: k), operands: operands)
      }
    }
    return extensions.isEmpty ? nil : .narrow(width: width, extensions: extensions.reversed())
  }

  /// The netlist with the plan's changes made.
  package static func apply(_ plan: [Decision], to netlist: Netlist) -> Netlist {
    var constants: [NodeID: BitVector] = [:]
    for decision in plan {
      if case .constant(let value) = decision.change { constants[decision.node] = value }
    }
    var rw = NetlistRewriter(netlist)
    for decision in plan {
      let id = decision.node
      let node = netlist[id]
      switch decision.change {
      case .constant(let value):
        rw.makeConstant(id, value)
      case .noOverflow:
        guard case .resize(_, let s) = node.op else { preconditionFailure("not a resize") }
        rw.rewrite(id, .extend(s), node.operands)
      case .narrow(let width, let extensions):
        var narrow: NodeID
        if case .register(let reset) = node.op {
          // The register stores the low bits of its input (a constant when the input is).
          let d = node.operands[0]
          var known = constants[d]
          if case .constant(let value) = netlist[d].op { known = value }
          let low = rw.insert(
            known.map {
              Node(op: .constant($0.slice(low: 0, count: width)), operands: [], width: width)
            } ?? Node(op: .slice(0), operands: [d], width: width), before: id)
          narrow = rw.insert(
            Node(
              op: .register(reset.slice(low: 0, count: width)), operands: [low], width: width,
              name: node.name), before: id)
        } else {
          narrow = rw.insert(
            Node(op: node.op, operands: node.operands, width: width, name: node.name), before: id)
        }
        for step in extensions.dropLast() {
          narrow = rw.insert(
            Node(op: .extend(step.signedness), operands: [narrow], width: step.width), before: id)
        }
        rw.rename(id, nil)
        rw.rewrite(id, .extend(extensions.last!.signedness), [narrow])
      }
    }
    return rw.finish()
  }
}
