import NetlistIR

/// A minimal evaluator for gate-level netlists that runs up to 64 independent input
/// sequences at once (one per bit lane of a word). It exists only so that tests can check
/// large bit-blasted netlists quickly; it is itself checked against the reference
/// interpreter (`LaneRunnerTests`).
struct LaneRunner {
  let netlist: Netlist
  private enum Step {
    case inputBit(input: Int32, bit: Int32)
    case constant(UInt64)
    case gate(GateFunction, Int32, Int32)
    case copy(Int32, invert: Bool)
  }
  private let steps: [(target: Int32, step: Step)]
  private let registers: [(node: Int32, d: Int32, reset: UInt64)]
  /// Per output: (node, input bit) per result bit; input bit −1 reads the node's value.
  private let outputBits: [[(node: Int32, bit: Int32)]]

  init(_ netlist: Netlist) {
    precondition(netlist.isGateLevel, "LaneRunner needs a gate-level netlist")
    self.netlist = netlist
    var steps: [(Int32, Step)] = []
    for id in netlist.topologicalOrder()! {
      let node = netlist[id]
      let x = node.operands.map(\.index)
      switch node.op {
      case .input(_) where node.width == 1:
        steps.append((id.index, .inputBit(input: id.index, bit: 0)))
      case .input, .register, .concat, .output: continue
      case .slice(let low): steps.append((id.index, .inputBit(input: x[0], bit: Int32(low))))
      case .constant(let c): steps.append((id.index, .constant(c[bit: 0] ? ~0 : 0)))
      case .gate(let g): steps.append((id.index, .gate(g, x[0], x[1])))
      case .not: steps.append((id.index, .copy(x[0], invert: true)))
      case .buf: steps.append((id.index, .copy(x[0], invert: false)))
      case .and, .or, .xor, .add, .sub, .mul, .compare, .mux, .shiftLeft, .shiftRight, .extend,
        .popcount, .round, .resize, .rom:
        preconditionFailure("not gate-level")
      }
    }
    self.steps = steps
    registers = netlist.registers.map { id in
      guard case .register(let reset) = netlist[id].op else { preconditionFailure() }
      return (id.index, netlist[id].operands[0].index, reset[bit: 0] ? ~0 : 0)
    }
    outputBits = netlist.outputs.map { out in
      let source = netlist[out].operands[0]
      if netlist[source].op == .concat {
        return netlist[source].operands.reversed().map { ($0.index, -1) }
      }
      if netlist[source].width > 1 {  // a multi-bit input read directly
        return (0..<netlist[source].width).map { (source.index, Int32($0)) }
      }
      return [(source.index, -1)]
    }
  }

  /// Runs each sequence from reset (all of equal length, at most 64) and returns each
  /// sequence's outputs per cycle.
  func run(_ sequences: [[[BitVector]]]) -> [[[BitVector]]] {
    precondition(sequences.count <= 64 && !sequences.isEmpty)
    let cycles = sequences[0].count
    var value = [UInt64](repeating: 0, count: netlist.nodes.count)
    var inputLanes = [[UInt64]](repeating: [], count: netlist.nodes.count)
    for r in registers { value[Int(r.node)] = r.reset }
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
      }
      for (target, step) in steps {
        switch step {
        case .inputBit(let input, let bit): value[Int(target)] = inputLanes[Int(input)][Int(bit)]
        case .constant(let c): value[Int(target)] = c
        case .gate(let g, let a, let b): value[Int(target)] = g.apply(value[Int(a)], value[Int(b)])
        case .copy(let a, let invert): value[Int(target)] = invert ? ~value[Int(a)] : value[Int(a)]
        }
      }
      for lane in sequences.indices {
        outputs[lane][t] = outputBits.map { bits in
          var v = BitVector(zeroWidth: bits.count)
          for (i, b) in bits.enumerated() {
            let word = b.bit < 0 ? value[Int(b.node)] : inputLanes[Int(b.node)][Int(b.bit)]
            if (word >> UInt64(lane)) & 1 == 1 { v[bit: i] = true }
          }
          return v
        }
      }
      let next = registers.map { value[Int($0.d)] }
      for (r, v) in zip(registers, next) { value[Int(r.node)] = v }
    }
    return outputs
  }
}
