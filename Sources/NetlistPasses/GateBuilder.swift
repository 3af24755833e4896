import NetlistIR

/// A one-bit signal of a netlist under construction: a node, possibly complemented.
///
/// Complements cost nothing while building: a gate reading a complemented literal reads the
/// node itself with its truth table adjusted. A `not` node is made only when a complemented
/// literal must become a node of its own (see ``GateBuilder/materialize(_:)``).
public struct GateLiteral: Hashable, Sendable {
  /// The one-bit node.
  public var node: NodeID
  /// Whether the literal is the complement of the node's value.
  package var isNegated: Bool

  /// A literal.
  public init(_ node: NodeID, negated: Bool = false) {
    self.node = node
    self.isNegated = negated
  }
}

/// The bit algebra that builds gates into a netlist.
///
/// While building it folds constants (a gate with a constant input becomes a constant, its
/// other input or that input's complement), absorbs complements into truth tables, reduces
/// gates that ignore an input or read the same node twice, shares structurally identical
/// gates (structural hashing), tracks each node's logic level (``LogicDepth``) and counts
/// the adder cells built.
public struct GateBuilder: BitAlgebra {
  /// The netlist being built.
  public private(set) var netlist: Netlist
  /// Full adders built.
  public private(set) var fullAdders = 0
  /// Half adders built.
  public private(set) var halfAdders = 0
  private var levels: [Int] = []
  /// Per node: 0 or 1 for a one-bit constant, −1 otherwise.
  private var constants: [Int8] = []
  private var zeroNode: NodeID?
  private var oneNode: NodeID?
  private var gates: [GateKey: NodeID] = [:]
  private var inverters: [NodeID: NodeID] = [:]

  private struct GateKey: Hashable {
    var table: UInt8
    var a: Int32
    var b: Int32
  }

  /// Builds into `netlist` (usually empty; existing nodes are kept and count as level 0).
  public init(netlist: Netlist) {
    self.netlist = netlist
    levels = [Int](repeating: 0, count: netlist.nodes.count)
    constants = netlist.nodes.map(Self.constantBit)
  }

  private static func constantBit(_ node: Node) -> Int8 {
    guard case .constant(let v) = node.op, v.width == 1 else { return -1 }
    return v[bit: 0] ? 1 : 0
  }

  /// Appends a node (any op) and returns its ID; its level follows ``LogicDepth``.
  @discardableResult
  public mutating func append(_ node: Node) -> NodeID {
    var latest = 0
    if !node.op.isRegister {
      for operand in node.operands { latest = max(latest, levels[operand.int]) }
    }
    levels.append(latest + LogicDepth.cost(of: node.op))
    constants.append(Self.constantBit(node))
    return netlist.append(node)
  }

  /// Connects the data input of a register appended without one.
  package mutating func connectRegister(_ register: NodeID, to d: NodeID) {
    netlist.connectRegister(register, to: d)
  }

  /// Names a node.
  package mutating func setName(of id: NodeID, to name: String?) {
    netlist.setName(of: id, to: name)
  }

  /// A node holding the literal's value: the node itself, the other constant, or a (shared)
  /// `not` node.
  public mutating func materialize(_ literal: GateLiteral) -> NodeID {
    guard literal.isNegated else { return literal.node }
    if let value = knownValue(literal) { return constantNode(value) }
    if let existing = inverters[literal.node] { return existing }
    let id = append(Node(op: .not, operands: [literal.node], width: 1))
    inverters[literal.node] = id
    return id
  }

  // MARK: - BitAlgebra

  /// The shared constant node for `value`.
  public mutating func constant(_ value: Bool) -> GateLiteral {
    GateLiteral(constantNode(value))
  }

  private mutating func constantNode(_ value: Bool) -> NodeID {
    if let id = value ? oneNode : zeroNode { return id }
    let id = append(
      Node(
        op: .constant(BitVector(width: 1, truncating: value ? 1 : 0 as UInt64)), operands: [],
        width: 1))
    if value { oneNode = id } else { zeroNode = id }
    return id
  }

  /// The complement (free: flips the literal).
  public func not(_ a: GateLiteral) -> GateLiteral {
    GateLiteral(a.node, negated: !a.isNegated)
  }

  /// The value of a literal whose node is a one-bit constant.
  public func knownValue(_ bit: GateLiteral) -> Bool? {
    let c = constants[bit.node.int]
    return c < 0 ? nil : (c == 1) != bit.isNegated
  }

  /// The node's logic level.
  public func arrival(_ bit: GateLiteral) -> Int { levels[bit.node.int] }

  /// Counts the cell.
  public mutating func countAdder(_ kind: AdderKind) {
    switch kind {
    case .full: fullAdders += 1
    case .half: halfAdders += 1
    }
  }

  /// `function(a, b)`, simplified and shared where possible.
  public mutating func gate(
    _ function: GateFunction, _ a: GateLiteral, _ b: GateLiteral
  ) -> GateLiteral {
    var g = function
    if a.isNegated { g = g.negatingA }
    if b.isNegated { g = g.negatingB }
    var x = a.node
    var y = b.node
    let va = knownValue(GateLiteral(x))
    let vb = knownValue(GateLiteral(y))
    if let va, let vb { return constant(g(va, vb)) }
    if let va { return unary(GateLiteral(y), g(va, false), g(va, true)) }
    if let vb { return unary(GateLiteral(x), g(false, vb), g(true, vb)) }
    if x == y { return unary(GateLiteral(x), g(false, false), g(true, true)) }
    if g.ignoresB { return unary(GateLiteral(x), g(false, false), g(true, false)) }
    if g.ignoresA { return unary(GateLiteral(y), g(false, false), g(false, true)) }
    if y < x {
      swap(&x, &y)
      g = g.swapped
    }
    let key = GateKey(table: g.table, a: x.index, b: y.index)
    if let existing = gates[key] { return GateLiteral(existing) }
    let id = append(Node(op: .gate(g), operands: [x, y], width: 1))
    gates[key] = id
    return GateLiteral(id)
  }

  /// The function of one literal with outputs `f0` at 0 and `f1` at 1.
  private mutating func unary(_ x: GateLiteral, _ f0: Bool, _ f1: Bool) -> GateLiteral {
    if f0 == f1 { return constant(f0) }
    return f1 ? x : not(x)
  }
}
