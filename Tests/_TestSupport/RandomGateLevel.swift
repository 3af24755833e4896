import NetlistIR

extension RandomNetlists {
  /// A random netlist in gate-level form (``NetlistIR/Netlist/isGateLevel``) exercising every
  /// node kind the form allows: input ports of the given widths (multi-bit ports read through
  /// one-bit slices), gates of all 16 functions, `not`, `buf`, constants, optionally registers
  /// (with feedback), and outputs that read a one-bit node, a concatenation of one-bit nodes,
  /// a whole input port or a constant.
  ///
  /// Operands are drawn half of the time from the 24 newest nodes, so the logic gets deep.
  public static func gateLevel(
    inputWidths: [Int], gates: Int, registers: Int = 0, outputs: Int,
    using rng: inout SeededRandom
  ) -> Netlist {
    var n = Netlist(name: "gatelevel")
    var pool: [NodeID] = []
    var ports: [NodeID] = []
    for (i, width) in inputWidths.enumerated() {
      let port = n.input("in\(i)", width: width)
      ports.append(port)
      if width == 1 {
        pool.append(port)
      } else {
        for b in 0..<width where rng.next() % 4 != 0 { pool.append(n.bit(port, b)) }
      }
    }
    pool.append(n.constant(Int(rng.next() % 2), width: 1))
    var pending: [NodeID] = []
    for _ in 0..<registers {
      let r = n.register(reset: BitVector(width: 1, truncating: rng.next() % 2))
      pending.append(r)
      pool.append(r)
    }
    func pick(_ rng: inout SeededRandom) -> NodeID {
      if rng.next() % 2 == 0 {
        let recent = min(pool.count, 24)
        return pool[pool.count - 1 - Int(rng.next() % UInt64(recent))]
      }
      return pool[Int(rng.next() % UInt64(pool.count))]
    }
    for _ in 0..<gates {
      switch rng.next() % 20 {
      case 0: pool.append(n.not(pick(&rng)))
      case 1: pool.append(n.buf(pick(&rng)))
      case 2: pool.append(n.constant(Int(rng.next() % 2), width: 1))
      default:
        let g = GateFunction(table: UInt8(rng.next() % 16))
        let a = pick(&rng)
        let b = rng.next() % 16 == 0 ? a : pick(&rng)
        pool.append(n.gate(g, a, b))
      }
    }
    for r in pending { n.connectRegister(r, to: pick(&rng)) }
    for i in 0..<outputs {
      switch rng.next() % 8 {
      case 0 where !ports.isEmpty:
        n.output("out\(i)", ports[Int(rng.next() % UInt64(ports.count))])
      case 1, 2:
        let parts = (0..<(2 + Int(rng.next() % 5))).map { _ in pick(&rng) }
        n.output("out\(i)", n.concat(parts))
      default:
        n.output("out\(i)", pick(&rng))
      }
    }
    return n
  }
}
