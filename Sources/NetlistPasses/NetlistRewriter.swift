import NetlistIR

/// The editing state of a pass that changes a netlist node by node: nodes can be rewritten in
/// place, replaced by another node (their readers then read that node), dropped, or new nodes
/// inserted before an existing one. ``finish()`` rebuilds a compact netlist that keeps the
/// relative order of the surviving nodes, so port order and names are preserved.
struct NetlistRewriter {
  /// Working nodes; operands may still name replaced nodes (see ``operands(of:)``).
  private(set) var nodes: [Node]
  /// The node each node was replaced by (itself when not replaced).
  private var replacement: [Int32]
  private var dropped: [Bool]
  /// For inserted nodes (index ≥ `originalCount`), the original node they precede.
  private var anchors: [Int32] = []
  private let originalCount: Int
  private let name: String
  /// Whether any edit was made.
  private(set) var changed = false

  /// Starts editing `netlist`.
  init(_ netlist: Netlist) {
    nodes = netlist.nodes
    originalCount = nodes.count
    replacement = (0..<nodes.count).map { Int32($0) }
    dropped = [Bool](repeating: false, count: nodes.count)
    name = netlist.name
  }

  /// The node with that ID, operands as stored.
  subscript(id: NodeID) -> Node { nodes[id.int] }

  /// The node that now stands for `id` (following replacements).
  mutating func resolve(_ id: NodeID) -> NodeID {
    var root = id.int
    while replacement[root] != Int32(root) { root = Int(replacement[root]) }
    var i = id.int
    while replacement[i] != Int32(root) && i != root {
      let next = Int(replacement[i])
      replacement[i] = Int32(root)
      i = next
    }
    return NodeID(root)
  }

  /// Whether `id` was replaced by another node.
  func isReplaced(_ id: NodeID) -> Bool { replacement[id.int] != id.index }

  /// The operands of `id` after following replacements (also stored back).
  mutating func operands(of id: NodeID) -> [NodeID] {
    var ops = nodes[id.int].operands
    var moved = false
    for i in ops.indices {
      let r = resolve(ops[i])
      if r != ops[i] {
        ops[i] = r
        moved = true
      }
    }
    if moved { nodes[id.int].operands = ops }
    return ops
  }

  /// Changes what `id` computes, keeping its name.
  mutating func rewrite(_ id: NodeID, _ op: Op, _ operands: [NodeID]) {
    nodes[id.int].op = op
    nodes[id.int].operands = operands
    changed = true
  }

  /// Renames a node.
  mutating func rename(_ id: NodeID, _ name: String?) {
    nodes[id.int].name = name
    changed = true
  }

  /// Turns `id` into a constant, keeping its name.
  mutating func makeConstant(_ id: NodeID, _ value: BitVector) {
    precondition(value.width == nodes[id.int].width, "constant width differs from the node's")
    rewrite(id, .constant(value), [])
  }

  /// Makes every reader of `id` read `other` instead and drops `id`. The name of `id` moves to
  /// `other` when `other` has none and is not a port (a port is known by its port name).
  mutating func replace(_ id: NodeID, with other: NodeID) {
    let target = resolve(other)
    precondition(target != id, "a node cannot replace itself")
    precondition(nodes[target.int].width == nodes[id.int].width, "replacement width differs")
    if nodes[target.int].name == nil, !nodes[target.int].op.isPort, let name = nodes[id.int].name {
      nodes[target.int].name = name
    }
    replacement[id.int] = target.index
    changed = true
  }

  /// Adds a node that will sit just before `anchor` (an original node) in the result.
  mutating func insert(_ node: Node, before anchor: NodeID) -> NodeID {
    precondition(anchor.int < originalCount, "anchor must be an original node")
    let id = NodeID(nodes.count)
    nodes.append(node)
    replacement.append(id.index)
    dropped.append(false)
    anchors.append(anchor.index)
    changed = true
    return id
  }

  /// Removes a node that nothing reads any more.
  mutating func drop(_ id: NodeID) {
    dropped[id.int] = true
    changed = true
  }

  /// The edited netlist: replaced and dropped nodes removed, the rest renumbered compactly in
  /// their original relative order, inserted nodes just before their anchors.
  mutating func finish() -> Netlist {
    var inserted = [[Int]](repeating: [], count: originalCount)
    for (k, anchor) in anchors.enumerated() { inserted[Int(anchor)].append(originalCount + k) }
    var order: [Int] = []
    order.reserveCapacity(nodes.count)
    for i in 0..<originalCount {
      order += inserted[i]
      order.append(i)
    }
    let kept = order.filter { !dropped[$0] && replacement[$0] == Int32($0) }
    var newIndex = [Int32](repeating: -1, count: nodes.count)
    for (position, i) in kept.enumerated() { newIndex[i] = Int32(position) }
    var result = Netlist(name: name)
    for i in kept {
      var node = nodes[i]
      node.operands = node.operands.map { operand in
        let n = newIndex[resolve(operand).int]
        precondition(n >= 0, "a kept node reads a dropped node")
        return NodeID(Int(n))
      }
      result.append(node)
    }
    return result
  }
}
