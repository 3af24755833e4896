import NetlistIR

/// A minimal evaluator for gate-level netlists that runs up to 64 independent input
/// sequences at once (one per bit lane of a word). It exists only so that tests can check
/// large bit-blasted netlists quickly; it is itself checked against the reference
/// interpreter (`LaneRunnerTests`).
struct LaneRunner {
  let netlist: Netlist
  private let order: [NodeID]

  init(_ netlist: Netlist) {
    precondition(netlist.isGateLevel, "LaneRunner needs a gate-level netlist")
    self.netlist = netlist
    order = netlist.topologicalOrder()!
  }

  /// Runs each sequence from reset (all of equal length, at most 64) and returns each
  /// sequence's outputs per cycle.
  func run(_ sequences: [[[BitVector]]]) -> [[[BitVector]]] {
    precondition(sequences.count <= 64 && !sequences.isEmpty)
    let cycles = sequences[0].count
    let n = netlist.nodes.count
    var value = [UInt64](repeating: 0, count: n)
    var inputLanes = [[UInt64]](repeating: [], count: n)
    for id in netlist.registers {
      if case .register(let reset) = netlist[id].op { value[id.int] = reset[bit: 0] ? ~0 : 0 }
    }
    var outputs = [[[BitVector]]](
      repeating: [[BitVector]](repeating: [], count: cycles), count: sequences.count)
    for t in 0..<cycles {
      for (port, id) in netlist.inputs.enumerated() {
        var lanes = [UInt64](repeating: 0, count: netlist[id].width)
        for (lane, sequence) in sequences.enumerated() {
          let v = sequence[t][port]
          for bit in 0..<v.width where v[bit: bit] { lanes[bit] |= 1 << UInt64(lane) }
        }
        inputLanes[id.int] = lanes
        value[id.int] = lanes[0]
      }
      for id in order {
        let node = netlist[id]
        switch node.op {
        case .input, .register, .concat, .output: continue
        case .slice(let low): value[id.int] = inputLanes[node.operands[0].int][low]
        case .constant(let c): value[id.int] = c[bit: 0] ? ~0 : 0
        case .gate(let g): value[id.int] = g.apply(value[node.operands[0].int], value[node.operands[1].int])
        case .not: value[id.int] = ~value[node.operands[0].int]
        case .buf: value[id.int] = value[node.operands[0].int]
        case .and, .or, .xor, .add, .sub, .mul, .compare, .mux, .shiftLeft, .shiftRight, .extend,
          .popcount, .round, .resize:
          preconditionFailure("not gate-level")
        }
      }
      for (lane, _) in sequences.enumerated() {
        outputs[lane][t] = netlist.outputs.map { out in
          let source = netlist[out].operands[0]
          let bits = netlist[source].op == .concat ? Array(netlist[source].operands.reversed()) : [source]
          var v = BitVector(zeroWidth: bits.count)
          for (i, b) in bits.enumerated() where (value[b.int] >> UInt64(lane)) & 1 == 1 { v[bit: i] = true }
          return v
        }
      }
      let next = netlist.registers.map { value[netlist[$0].operands[0].int] }
      for (id, v) in zip(netlist.registers, next) { value[id.int] = v }
    }
    return outputs
  }
}
