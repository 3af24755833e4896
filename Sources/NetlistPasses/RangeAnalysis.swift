import NetlistIR

/// Interval analysis: a sound ``ValueRange`` for every node of a netlist — in every clock
/// cycle from reset, on every input, the node's value lies in its range.
///
/// Each op's range follows from its operands' ranges and its meaning (see
/// ``range(of:operands:)``): a popcount of n bits is at most n, a sum of bounded operands
/// is bounded, a saturating resize is clamped, and so on. Inputs can take any value.
///
/// Registers are handled by strongly connected components of the graph that includes
/// register inputs: a register outside any loop holds its reset value or what its input
/// held (pipelines keep exact ranges); the registers of a loop start at their reset values
/// and widen round by round until nothing changes, and after ``loopRounds`` rounds without
/// a fixpoint they are assumed to take any value.
public enum RangeAnalysis {
  /// How many rounds a register loop may take to settle before its registers are widened
  /// to every value.
  package static let loopRounds = 16

  /// The range of every node, indexed by node position.
  ///
  /// - Precondition: the netlist passes ``NetlistIR/NetlistVerifier``.
  public static func ranges(of netlist: Netlist) -> [ValueRange] {
    guard let order = netlist.topologicalOrder() else {
      preconditionFailure("range analysis of a netlist with a combinational loop")
    }
    var position = [Int](repeating: 0, count: netlist.nodes.count)
    for (i, id) in order.enumerated() { position[id.int] = i }
    var ranges = [ValueRange?](repeating: nil, count: netlist.nodes.count)
    for component in StronglyConnectedComponents.ofDependencies(netlist) {
      if component.count == 1, !netlist[component[0]].operands.contains(component[0]) {
        let id = component[0]
        ranges[id.int] = range(of: id, in: netlist, ranges)
      } else {
        settleLoop(component.sorted { position[$0.int] < position[$1.int] }, netlist, &ranges)
      }
    }
    return ranges.map { $0! }
  }

  /// The range of a node whose operands (register inputs included) have ranges.
  private static func range(
    of id: NodeID, in netlist: Netlist, _ ranges: [ValueRange?]
  ) -> ValueRange {
    let node = netlist[id]
    if case .register(let reset) = node.op {
      return ValueRange.exactly(reset).union(ranges[node.operands[0].int]!)
    }
    return range(of: node, operands: node.operands.map { ranges[$0.int]! })
  }

  /// Ranges for a component that contains a register loop, its nodes in an order where
  /// combinational nodes follow their combinational operands.
  private static func settleLoop(
    _ component: [NodeID], _ netlist: Netlist, _ ranges: inout [ValueRange?]
  ) {
    let registers = component.filter { netlist[$0].op.isRegister }
    let logic = component.filter { !netlist[$0].op.isRegister }
    for id in registers {
      guard case .register(let reset) = netlist[id].op else { continue }
      ranges[id.int] = ValueRange.exactly(reset)
    }
    for _ in 0..<loopRounds {
      for id in logic { ranges[id.int] = range(of: id, in: netlist, ranges) }
      var changed = false
      for id in registers {
        let next = range(of: id, in: netlist, ranges).union(ranges[id.int]!)
        if next != ranges[id.int] {
          ranges[id.int] = next
          changed = true
        }
      }
      if !changed { return }
    }
    for id in registers { ranges[id.int] = ValueRange.full(width: netlist[id].width) }
    for id in logic { ranges[id.int] = range(of: id, in: netlist, ranges) }
  }
}

/// Strongly connected components of a netlist's dependency graph.
enum StronglyConnectedComponents {
  /// The components of the graph with an edge from every node to each of its operands
  /// (register inputs included), each component after every component it reads
  /// (Tarjan's algorithm, iterative).
  static func ofDependencies(_ netlist: Netlist) -> [[NodeID]] {
    let n = netlist.nodes.count
    var index = [Int32](repeating: -1, count: n)
    var low = [Int32](repeating: 0, count: n)
    var onStack = [Bool](repeating: false, count: n)
    var stack: [Int32] = []
    var components: [[NodeID]] = []
    var counter: Int32 = 0
    var calls: [(node: Int, next: Int)] = []
    func visit(_ v: Int) {
      index[v] = counter
      low[v] = counter
      counter += 1
      stack.append(Int32(v))
      onStack[v] = true
      calls.append((v, 0))
    }
    for root in 0..<n where index[root] < 0 {
      visit(root)
      while let (v, next) = calls.last {
        let operands = netlist.nodes[v].operands
        if next < operands.count {
          calls[calls.count - 1].next += 1
          let w = operands[next].int
          if index[w] < 0 {
            visit(w)
          } else if onStack[w] {
            low[v] = min(low[v], index[w])
          }
          continue
        }
        calls.removeLast()
        if let parent = calls.last?.node { low[parent] = min(low[parent], low[v]) }
        if low[v] == index[v] {
          var component: [NodeID] = []
          while let w = stack.popLast() {
            onStack[Int(w)] = false
            component.append(NodeID(Int(w)))
            if Int(w) == v { break }
          }
          components.append(component)
        }
      }
    }
    return components
  }
}
