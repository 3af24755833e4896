import BitCore
import NetlistIR

/// Random bit vectors and random netlists for differential tests.
public enum RandomNetlists {
  /// A uniformly random vector of `width` bits.
  public static func vector(width: Int, using rng: inout SeededRandom) -> BitVector {
    let words = (0..<BitVector.wordCount(forWidth: width)).map { _ in rng.next() }
    return BitVector(width: width, words: words)
  }

  /// A vector biased toward edge values (0, all ones, min, max, ±1) half of the time.
  public static func edgyVector(width: Int, using rng: inout SeededRandom) -> BitVector {
    switch rng.next() % 8 {
    case 0: return BitVector(zeroWidth: width)
    case 1: return BitVector.ones(width: width)
    case 2: return BitVector.minimum(width: width, .signed)
    case 3: return BitVector.maximum(width: width, .signed)
    case 4: return BitVector(width: width, truncating: 1)
    default: return vector(width: width, using: &rng)
    }
  }

  /// Random input vectors for a netlist, one per cycle.
  public static func vectors(
    for netlist: Netlist, count: Int, using rng: inout SeededRandom
  ) -> [[BitVector]] {
    (0..<count).map { _ in
      netlist.inputs.map { edgyVector(width: netlist[$0].width, using: &rng) }
    }
  }

  /// A random gate-only netlist: `inputs` one-bit inputs, `layers` layers of `width` random
  /// two-input gates each reading the previous layer, `outputs` one-bit outputs from the last.
  public static func gateNetwork(
    inputs: Int, layers: Int, width: Int, outputs: Int, using rng: inout SeededRandom
  ) -> Netlist {
    var n = Netlist(name: "gates")
    var previous = (0..<inputs).map { n.input("x\($0)", width: 1) }
    for _ in 0..<layers {
      previous = (0..<width).map { _ in
        let a = previous[Int(rng.next() % UInt64(previous.count))]
        let b = previous[Int(rng.next() % UInt64(previous.count))]
        return n.gate(GateFunction(table: UInt8(rng.next() % 16)), a, b)
      }
    }
    for i in 0..<outputs { n.output("y\(i)", previous[i % previous.count]) }
    return n
  }

  /// A random netlist mixing every op kind at the given operand widths. With
  /// `registers`, some values pass through registers (including feedback loops).
  public static func mixed(
    widths: [Int], nodes: Int, registers: Bool = false, roms: Bool = false,
    using rng: inout SeededRandom
  ) -> Netlist {
    var n = Netlist(name: "mixed")
    var pool: [NodeID] = []
    for (i, w) in widths.enumerated() { pool.append(n.input("in\(i)", width: w)) }
    var pendingRegisters: [NodeID] = []
    func pick(_ rng: inout SeededRandom) -> NodeID { pool[Int(rng.next() % UInt64(pool.count))] }
    func pick(width: Int, _ rng: inout SeededRandom, _ n: inout Netlist) -> NodeID {
      let candidates = pool.filter { n.width($0) == width }
      if !candidates.isEmpty && rng.next() % 4 != 0 {
        return candidates[Int(rng.next() % UInt64(candidates.count))]
      }
      let v = pick(&rng)
      return n.extend(v, to: width, rng.next() % 2 == 0 ? .signed : .unsigned)
    }
    for _ in 0..<nodes {
      let a = pick(&rng)
      let wa = n.width(a)
      let s: Signedness = rng.next() % 2 == 0 ? .signed : .unsigned
      let new: NodeID
      switch rng.next() % 22 {
      case 0: new = n.not(a)
      case 1: new = n.bitwise(.and, a, pick(width: wa, &rng, &n))
      case 2: new = n.bitwise(.or, a, pick(width: wa, &rng, &n))
      case 3: new = n.bitwise(.xor, a, pick(width: wa, &rng, &n))
      case 4: new = n.add(a, pick(&rng), s, width: rng.next() % 3 == 0 ? max(1, wa - 1) : nil)
      case 5: new = n.sub(a, pick(&rng), s)
      case 6: new = n.mul(a, pick(&rng), s, width: min(n.width(a) * 2, 140))
      case 7:
        let k = CompareKind.allCases[Int(rng.next() % 6)]
        new = n.compare(k, a, pick(width: wa, &rng, &n), s)
      case 8:
        let sel = n.bit(pick(&rng), 0)
        new = n.mux(sel, whenFalse: a, whenTrue: pick(width: wa, &rng, &n))
      case 9: new = n.shiftLeft(a, by: Int(rng.next() % UInt64(wa + 2)))
      case 10: new = n.shiftRight(a, by: Int(rng.next() % UInt64(wa + 2)), s)
      case 11: new = n.concat([a, pick(&rng)])
      case 12:
        let count = 1 + Int(rng.next() % UInt64(wa))
        new = n.slice(a, low: Int(rng.next() % UInt64(wa - count + 1)), count: count)
      case 13: new = n.extend(a, to: 1 + Int(rng.next() % UInt64(wa + 8)), s)
      case 14: new = n.popcount([a, pick(&rng)])
      case 15:
        let k = Int(rng.next() % UInt64(wa + 1))
        let mode = RoundingMode.deterministic[Int(rng.next() % 7)]
        new = n.round(a, by: k, mode, s)
      case 16:
        let k = 1 + Int(rng.next() % UInt64(min(wa, 60)))
        let r = pick(width: k, &rng, &n)
        new = n.round(a, by: k, .stochastic, s, random: r)
      case 17:
        var mode = OverflowMode.allCases[Int(rng.next() % 5)]
        if mode == .wrapSM && s == .unsigned { mode = .sat }
        new = n.resize(a, to: 1 + Int(rng.next() % UInt64(wa + 4)), mode, s)
      case 18:
        let g = GateFunction(table: UInt8(rng.next() % 16))
        new = n.gate(g, n.bit(a, 0), n.bit(pick(&rng), 0))
      case 19:
        new = n.constant(RandomNetlists.edgyVector(width: 1 + Int(rng.next() % 70), using: &rng))
      case 20 where registers:
        let r = n.register(reset: RandomNetlists.vector(width: wa, using: &rng))
        pendingRegisters.append(r)
        new = r
      case 21 where roms:
        let address = wa <= 6 ? a : n.slice(a, low: 0, count: 1 + Int(rng.next() % 6))
        let reach = 1 << n.width(address)
        let count = 1 + Int(rng.next() % UInt64(reach))
        let width = 1 + Int(rng.next() % 70)
        let table = (0..<count).map { _ in RandomNetlists.edgyVector(width: width, using: &rng) }
        new = n.rom(table, address: address)
      default: new = n.buf(a)
      }
      pool.append(new)
    }
    // Close each register onto some later value of its width (feedback allowed).
    for r in pendingRegisters {
      n.connectRegister(r, to: pick(width: n.width(r), &rng, &n))
    }
    let outputCount = min(pool.count, 6)
    for i in 0..<outputCount { n.output("out\(i)", pool[pool.count - 1 - i]) }
    return n
  }
}
