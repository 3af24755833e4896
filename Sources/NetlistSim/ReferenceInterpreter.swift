import NetlistIR

/// The reference interpreter: evaluates any netlist, any width, one vector at a time, by
/// applying the word-level meaning of each op (``BitVector`` arithmetic). Slow and obviously
/// right; every faster evaluator is checked against it.
public struct ReferenceInterpreter: Evaluator {
  /// The netlist being evaluated.
  public let netlist: Netlist
  private let order: [NodeID]
  private let registers: [NodeID]

  /// `interp`.
  public var sourceName: String { "interp" }

  /// Prepares a verified netlist for evaluation.
  public init(_ netlist: Netlist) throws(SimulationError) {
    do throws(NetlistError) {
      try NetlistVerifier.verify(netlist)
    } catch {
      throw .invalidNetlist(error.description)
    }
    self.netlist = netlist
    self.order = netlist.topologicalOrder()!
    self.registers = netlist.registers
  }

  /// Runs one clock cycle per vector from reset.
  public func run(_ vectors: [[BitVector]]) throws(SimulationError) -> [[BitVector]] {
    var results: [[BitVector]] = []
    results.reserveCapacity(vectors.count)
    try simulate(vectors) { values in results.append(netlist.outputs.map { values[$0.int]! }) }
    return results
  }

  /// Like ``run(_:)``, but returns every node's value in every cycle (`[t][i]` is node `i`
  /// in cycle `t`, registers holding their current state): what range analysis must cover,
  /// and what a debugger of a mismatch wants to look at.
  package func nodeValues(_ vectors: [[BitVector]]) throws(SimulationError) -> [[BitVector]] {
    var cycles: [[BitVector]] = []
    cycles.reserveCapacity(vectors.count)
    try simulate(vectors) { values in cycles.append(values.map { $0! }) }
    return cycles
  }

  /// Runs one clock cycle per vector from reset, handing `cycle` every node's value once the
  /// combinational logic has settled (before the registers clock).
  private func simulate(
    _ vectors: [[BitVector]], cycle: ([BitVector?]) -> Void
  ) throws(SimulationError) {
    try Self.validate(vectors, for: netlist)
    var values = [BitVector?](repeating: nil, count: netlist.nodes.count)
    for id in registers {
      if case .register(let reset) = netlist[id].op { values[id.int] = reset }
    }
    for vector in vectors {
      for (port, id) in netlist.inputs.enumerated() { values[id.int] = vector[port] }
      for id in order where netlist[id].op.isCombinational {
        let node = netlist[id]
        values[id.int] = Self.evaluate(node, node.operands.map { values[$0.int]! })
      }
      cycle(values)
      let next = registers.map { values[netlist[$0].operands[0].int]! }
      for (id, value) in zip(registers, next) { values[id.int] = value }
    }
  }

  /// The value of a combinational node given its operand values — the executable meaning
  /// of each op in ``Op``, defined once in NetlistIR as ``Node/evaluate(_:)``.
  public static func evaluate(_ node: Node, _ x: [BitVector]) -> BitVector {
    node.evaluate(x)
  }
}
