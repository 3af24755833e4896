import NetlistIR

extension Netlist {
  /// The nodes of `region` as a netlist of their own, cut at the region's boundary: a value
  /// read from outside becomes an input port (`in_<node>`, a constant is copied instead), a
  /// value read outside becomes an output port (`out_<node>`, an input port read outside
  /// too), and the region's own ports are kept. Registers keep their reset and are connected once every node is copied.
  public func extracted(_ region: NetlistRegion) -> Netlist {
    var sub = Netlist(name: "\(name)_\(region.name.map { $0.isLetter || $0.isNumber ? $0 : "_" })")
    var map: [Int: NodeID] = [:]
    var pendingRegisters: [(NodeID, NodeID)] = []
    func operand(_ id: NodeID, in sub: inout Netlist) -> NodeID {
      if let mapped = map[id.int] { return mapped }
      let node = self[id]
      let copy: NodeID
      if case .constant(let value) = node.op {
        copy = sub.constant(value)
      } else {
        copy = sub.input("in_\(id.int)", width: node.width)
      }
      map[id.int] = copy
      return copy
    }
    for i in region.nodes {
      let node = nodes[i]
      if case .register(let reset) = node.op {
        let r = sub.register(reset: reset, name: node.name)
        map[i] = r
        pendingRegisters.append((r, node.operands[0]))
        continue
      }
      let operands = node.operands.map { operand($0, in: &sub) }
      var copy = node
      copy.operands = operands
      if case .input(let port) = node.op {
        map[i] = sub.input(port, width: node.width)
      } else if case .output(let port) = node.op {
        map[i] = sub.output(port, operands[0])
      } else {
        map[i] = sub.append(copy)
      }
    }
    for (r, d) in pendingRegisters { sub.connectRegister(r, to: operand(d, in: &sub)) }
    var readOutside = Set<Int>()
    for (i, node) in nodes.enumerated() where !region.nodes.contains(i) {
      for o in node.operands where region.nodes.contains(o.int) { readOutside.insert(o.int) }
    }
    for i in readOutside.sorted() { sub.output("out_\(i)", map[i]!) }
    return sub
  }
}
