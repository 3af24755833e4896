/// The index of a node in its ``Netlist``.
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Position in ``Netlist/nodes``.
  public let index: Int32

  /// The node at position `index`.
  ///
  /// - Precondition: `0 ≤ index ≤ Int32.max`. For a number read from a file or a flag use
  ///   ``init(checked:)``, which fails instead of trapping.
  @inlinable
  public init(_ index: Int) { self.index = Int32(index) }

  /// The node at position `index`, or `nil` when `index` is negative or above `Int32.max`.
  @inlinable
  public init?(checked index: Int) {
    guard let narrow = Int32(exactly: index), narrow >= 0 else { return nil }
    self.index = narrow
  }

  /// Position as an `Int`, for array subscripts.
  @inlinable
  public var int: Int { Int(index) }

  /// Orders nodes by position.
  public static func < (l: NodeID, r: NodeID) -> Bool { l.index < r.index }

  /// The text-form spelling, `%N`.
  public var description: String { "%\(index)" }
}

/// One node of a netlist: an op, its operands and its output width.
public struct Node: Hashable, Sendable {
  /// What the node computes.
  public var op: Op
  /// The nodes it reads, in the op's operand order.
  public var operands: [NodeID]
  /// Output width in bits (≥ 1).
  public var width: Int
  /// Optional human-readable name, kept into the Verilog where possible.
  public var name: String?

  /// A node; see ``Op`` for the operand and width rules.
  public init(op: Op, operands: [NodeID], width: Int, name: String? = nil) {
    self.op = op
    self.operands = operands
    self.width = width
    self.name = name
  }
}

/// A flat, index-based hardware netlist: BitTrue's single hardware IR.
///
/// A value type: copying it is cheap until one copy is changed, so passes keep the "before"
/// netlist for equivalence checks at no cost. Nodes refer to one another by ``NodeID``.
/// Combinational nodes may be stored in any order (registers make forward references
/// necessary); ``topologicalOrder()`` gives an evaluation order. Primary inputs and outputs
/// are ordered as they were added. Registers share one implicit clock and one implicit
/// synchronous reset.
public struct Netlist: Hashable, Sendable {
  /// Module name used by back-ends.
  public var name: String
  /// All nodes; a ``NodeID`` indexes this array.
  public private(set) var nodes: [Node] = []
  /// Primary inputs in port order.
  public private(set) var inputs: [NodeID] = []
  /// Primary outputs in port order.
  public private(set) var outputs: [NodeID] = []

  /// An empty netlist.
  public init(name: String = "top") { self.name = name }

  /// The node with that ID.
  @inlinable
  public subscript(id: NodeID) -> Node { nodes[id.int] }

  /// All node IDs in storage order.
  package var ids: [NodeID] { (0..<nodes.count).map(NodeID.init) }

  /// Appends a node and returns its ID. Width and operand rules are checked by
  /// ``NetlistVerifier``, not here.
  @discardableResult
  public mutating func append(_ node: Node) -> NodeID {
    let id = NodeID(nodes.count)
    nodes.append(node)
    if node.op.isInput { inputs.append(id) }
    if node.op.isOutput { outputs.append(id) }
    return id
  }

  /// Replaces the operands of an existing node (used to close register loops).
  package mutating func setOperands(of id: NodeID, to operands: [NodeID]) {
    nodes[id.int].operands = operands
  }

  /// Renames a node.
  package mutating func setName(of id: NodeID, to name: String?) {
    nodes[id.int].name = name
  }

  /// The port name of an input or output node, `nil` for other nodes.
  public func portName(_ id: NodeID) -> String? { self[id].op.portName }

  /// Register nodes in storage order.
  public var registers: [NodeID] { ids.filter { self[$0].op.isRegister } }

  /// Whether the netlist has any register (is clocked).
  public var isSequential: Bool { nodes.contains { $0.op.isRegister } }

  /// Total primary input bits.
  public var inputBits: Int { inputs.reduce(0) { $0 + self[$1].width } }

  /// Total primary output bits.
  public var outputBits: Int { outputs.reduce(0) { $0 + self[$1].width } }

  /// An order in which every combinational node comes after its operands. Inputs, constants
  /// and registers act as sources (a register's operand is read only at the clock edge).
  /// Returns `nil` when there is a combinational loop.
  public func topologicalOrder() -> [NodeID]? {
    let n = nodes.count
    var pending = [Int32](repeating: 0, count: n)
    var readers = [[Int32]](repeating: [], count: n)
    for (i, node) in nodes.enumerated() where !node.op.isRegister {
      for operand in node.operands where operand.int >= 0 && operand.int < n {
        pending[i] += 1
        readers[operand.int].append(Int32(i))
      }
    }
    var order: [NodeID] = []
    order.reserveCapacity(n)
    var ready = (0..<n).filter { pending[$0] == 0 }.reversed().map(Int32.init)
    while let next = ready.popLast() {
      order.append(NodeID(Int(next)))
      for reader in readers[Int(next)] {
        pending[Int(reader)] -= 1
        if pending[Int(reader)] == 0 { ready.append(reader) }
      }
    }
    return order.count == n ? order : nil
  }

  /// How many nodes read each node (registers' operands included).
  package func fanout() -> [Int] {
    var counts = [Int](repeating: 0, count: nodes.count)
    for node in nodes { for operand in node.operands { counts[operand.int] += 1 } }
    return counts
  }
}
