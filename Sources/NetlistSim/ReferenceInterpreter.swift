import NetlistIR

/// The reference interpreter: evaluates any netlist, any width, one vector at a time, by
/// applying the word-level meaning of each op (``BitVector`` arithmetic). Slow and obviously
/// right; every faster evaluator is checked against it.
public struct ReferenceInterpreter: Evaluator {
  /// The netlist being evaluated.
  public let netlist: Netlist
  private let order: [NodeID]

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
  }

  /// Runs one clock cycle per vector from reset.
  public func run(_ vectors: [[BitVector]]) throws(SimulationError) -> [[BitVector]] {
    try Self.validate(vectors, for: netlist)
    var values = [BitVector?](repeating: nil, count: netlist.nodes.count)
    for id in netlist.registers {
      if case .register(let reset) = netlist[id].op { values[id.int] = reset }
    }
    var results: [[BitVector]] = []
    results.reserveCapacity(vectors.count)
    for vector in vectors {
      for (port, id) in netlist.inputs.enumerated() { values[id.int] = vector[port] }
      for id in order {
        let node = netlist[id]
        switch node.op {
        case .input, .register: continue
        case .constant, .gate, .not, .buf, .and, .or, .xor, .add, .sub, .mul, .compare, .mux,
          .shiftLeft, .shiftRight, .concat, .slice, .extend, .popcount, .round, .resize, .output:
          values[id.int] = Self.evaluate(node, node.operands.map { values[$0.int]! })
        }
      }
      results.append(netlist.outputs.map { values[$0.int]! })
      let next = netlist.registers.map { values[netlist[$0].operands[0].int]! }
      for (id, value) in zip(netlist.registers, next) { values[id.int] = value }
    }
    return results
  }

  /// The value of a combinational node given its operand values — the executable meaning
  /// of each op in ``Op``.
  public static func evaluate(_ node: Node, _ x: [BitVector]) -> BitVector {
    let w = node.width
    switch node.op {
    case .input, .register:
      preconditionFailure("sources have no combinational value")
    case .output, .buf:
      return x[0]
    case .constant(let c):
      return c
    case .gate(let g):
      return BitVector(width: 1, truncating: g(x[0][bit: 0], x[1][bit: 0]) ? 1 : 0 as UInt64)
    case .not:
      return ~x[0]
    case .and:
      return BitVector.bitwise(x[0], x[1], &)
    case .or:
      return BitVector.bitwise(x[0], x[1], |)
    case .xor:
      return BitVector.bitwise(x[0], x[1], ^)
    case .add(let s):
      return BitVector.sum(x[0], x[1], width: w, s)
    case .sub(let s):
      return BitVector.sum(x[0], x[1], width: w, s, subtract: true)
    case .mul(let s):
      return BitVector.product(x[0], x[1], width: w, s)
    case .compare(let kind, let s):
      let holds = kind.holds(BitVector.compare(x[0], x[1], s))
      return BitVector(width: 1, truncating: holds ? 1 : 0 as UInt64)
    case .mux:
      return x[0][bit: 0] ? x[2] : x[1]
    case .shiftLeft(let n):
      return x[0].shiftedLeft(by: n)
    case .shiftRight(let n, let s):
      return x[0].shiftedRight(by: n, s)
    case .concat:
      return BitVector.concatenate(x)
    case .slice(let low):
      return x[0].slice(low: low, count: w)
    case .extend(let s):
      return x[0].resized(to: w, s)
    case .popcount:
      return BitVector(width: w, truncating: UInt64(x.reduce(0) { $0 + $1.popcount }))
    case .round(let n, let mode, let s):
      return x[0].roundedShift(by: n, mode: mode, s, width: w, random: x.count > 1 ? x[1] : nil)
    case .resize(let mode, let s):
      return x[0].resized(to: w, overflow: mode, s)
    }
  }
}
