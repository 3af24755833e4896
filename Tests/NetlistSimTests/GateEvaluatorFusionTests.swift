import NetlistIR
import NetlistPasses
import Testing
import _TestSupport

@testable import NetlistSim

/// Fused adder instructions: `gates64` on bit-blasted adders, popcounts and multipliers
/// against the reference interpreter on the word-level netlist, with the summary showing that
/// every adder cell was fused; and near misses (carries that are some other function, shared
/// intermediates, complemented operands) that must stay exact whether fused or not.
@Suite struct GateEvaluatorFusionTests {
  /// Vectors whose bits are set with a density drawn per sample (0, 1/8, …, 1), so counts and
  /// sums cover their whole range rather than clustering around the middle.
  static func densityVectors(
    _ netlist: Netlist, count: Int, using rng: inout SeededRandom
  ) -> [[BitVector]] {
    (0..<count).map { _ in
      let density = rng.next() % 9
      return netlist.inputs.map { input in
        var v = BitVector(zeroWidth: netlist[input].width)
        for bit in 0..<v.width where rng.next() % 8 < density { v[bit: bit] = true }
        return v
      }
    }
  }

  /// Bit-blasts `wordLevel` and compares gates64 on the result with the reference
  /// interpreter on `wordLevel` (577 samples: a 512-sample pass and a 128-sample pass).
  /// Returns the program summary, the adder cells the bit-blaster built and the first
  /// mismatch, if any.
  static func check(
    _ wordLevel: Netlist, seed: UInt64
  ) throws -> (summary: GateProgramSummary, cells: AdderCount, mismatch: String?) {
    let (gates, cells) = try BitBlast.lower(wordLevel)
    var rng = SeededRandom(seed: seed)
    let vectors = densityVectors(wordLevel, count: 577, using: &rng)
    let evaluator = try GateEvaluator(gates)
    let actual = try evaluator.run(vectors)
    let expected = try ReferenceInterpreter(wordLevel).run(vectors)
    let t = actual.indices.first { actual[$0] != expected[$0] }
    let mismatch = t.map { t in
      "seed \(seed), sample \(t), inputs \(vectors[t].map(\.description)): "
        + "interp \(expected[t].map(\.description)), gates64 \(actual[t].map(\.description))"
    }
    return (evaluator.summary, cells, mismatch)
  }

  /// ``check(_:seed:)`` with the expectations every adder-built netlist shares: gates64
  /// equals the interpreter, every full adder the bit-blaster built is fused, and from
  /// `width` 3 on there is at least one.
  @discardableResult
  static func expectExactAndFused(
    _ wordLevel: Netlist, seed: UInt64, width: Int
  ) throws -> (summary: GateProgramSummary, cells: AdderCount) {
    let (summary, cells, mismatch) = try check(wordLevel, seed: seed)
    #expect(mismatch == nil, "\(mismatch ?? "")")
    #expect(summary.fullAdders == cells.full, "seed \(seed): \(summary)")
    if width >= 3 { #expect(summary.fullAdders > 0) }
    return (summary, cells)
  }

  static let popcountWidths = Array(1...40) + [63, 64, 65, 100, 127, 128, 255, 256, 800]

  @Test(arguments: popcountWidths)
  func popcountsFuseEveryAdderCell(bits: Int) throws {
    var n = Netlist()
    n.output("count", n.popcount([n.input("x", width: bits)]))
    let (summary, cells) = try Self.expectExactAndFused(n, seed: UInt64(bits), width: bits)
    #expect(summary.halfAdders == cells.half, "\(summary)")
  }

  /// Ripple-carry adders and subtractors, some with complemented operands (so the full
  /// adders read complemented literals, and subtraction starts from a carry-in of one). One
  /// operation per netlist, so no adder cell is shared between two of them.
  @Test(arguments: [1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100])
  func addersAndSubtractorsFuseEveryFullAdder(width: Int) throws {
    typealias Build = (inout Netlist, NodeID, NodeID, Signedness) -> NodeID
    let operations: [Build] = [
      { n, a, b, s in n.add(a, b, s) },
      { n, a, b, s in n.sub(a, b, s) },
      { n, a, b, s in n.add(n.not(a), b, s) },
      { n, a, b, s in n.sub(n.not(b), n.not(a), s, width: width) },
    ]
    for (k, signedness) in [Signedness.unsigned, .signed].enumerated() {
      for (i, operation) in operations.enumerated() {
        var n = Netlist()
        let a = n.input("a", width: width)
        let b = n.input("b", width: width)
        n.output("y", operation(&n, a, b, signedness))
        let seed = UInt64(100 * width + 10 * k + i)
        try Self.expectExactAndFused(n, seed: seed, width: width)
      }
    }
  }

  /// Accumulators, `up ← up + x` and `down ← down − popcount(x)`: the adders read registers
  /// and write next states, so fused instructions feed the register update; 577 cycles of
  /// one stream against the interpreter on the word-level netlist.
  @Test(arguments: [1, 2, 3, 8, 13])
  func accumulatorsFuseTheirAdders(width: Int) throws {
    var n = Netlist()
    let x = n.input("x", width: width)
    let up = n.register(reset: BitVector(zeroWidth: width))
    let down = n.register(reset: BitVector(width: width, truncating: 5))
    n.connectRegister(up, to: n.add(up, x, .unsigned, width: width))
    let count = n.popcount([x], width: width)
    n.connectRegister(down, to: n.sub(down, count, .unsigned, width: width))
    n.output("up", up)
    n.output("down", down)
    let seed = UInt64(300 + width)
    try Self.expectExactAndFused(n, seed: seed, width: width)
  }

  /// Multipliers: compressor trees over AND partial products (Baugh–Wooley when signed).
  @Test(arguments: [2, 3, 5, 8, 11])
  func multipliersFuseTheirCompressorTrees(width: Int) throws {
    for (k, signedness) in [Signedness.unsigned, .signed].enumerated() {
      var n = Netlist()
      n.output("p", n.mul(n.input("a", width: width), n.input("b", width: width), signedness))
      let seed = UInt64(200 * width + k)
      try Self.expectExactAndFused(n, seed: seed, width: width)
    }
  }

  /// Popcounts of random gates of the inputs (NAND, XNOR, … so adders read complemented
  /// literals): every fused kernel occurs, and the counts are exact.
  @Test func everyFusedKernelOccurs() throws {
    var rng = SeededRandom(seed: 31)
    var n = Netlist()
    let x = n.input("x", width: 48)
    let bits = (0..<48).map { n.bit(x, $0) }
    for group in 0..<4 {
      let terms = (0..<60).map { i -> NodeID in
        let table = UInt8(truncatingIfNeeded: rng.next() % 16)
        return n.gate(GateFunction(table: table), bits[(i + group) % 48], bits[(7 * i + 1) % 48])
      }
      n.output("count\(group)", n.popcount(terms))
    }
    let (summary, _, mismatch) = try Self.check(n, seed: 31)
    #expect(mismatch == nil, "\(mismatch ?? "")")
    let program = GateCompiler.compile(try BitBlast.lower(n).0)
    let used = Set(program.runs.map(\.kernel))
    for kernel in GateKernel.allCases where kernel.resultCount == 2 {
      #expect(used.contains(kernel), "\(kernel) never used: \(summary)")
    }
  }

  /// Every full-adder-shaped candidate `s = (a ⊕ b) ⊕ c`, `k = G3(G1(a, b), G2(a ⊕ b, c))`
  /// for all 16³ gate functions, with operands complemented in a pattern that varies with
  /// the candidate. Each candidate has its own three inputs; the 8 samples are all their
  /// combinations. Exactly the candidates whose `k` is a majority of (possibly complemented)
  /// a, b, c are fused, counted here from the gate functions alone (128 of them, also
  /// counted by an independent script). With the intermediates as outputs too, they stay in
  /// the program, and the half adders are every XOR with an AND-type partner (an odd number
  /// of ones in its table) over the same two values: `a ⊕ b` with an AND-type `G1`;
  /// `(a ⊕ b) ⊕ c` with an AND-type `G2` unless a full adder took it; and `(a ⊕ b) ⊕ c` with
  /// `k` itself when `G1` is an XOR or XNOR (so it is `a ⊕ b`), `G2` passes `c` on and `G3`
  /// is AND-type.
  @Test(arguments: [false, true])
  func fullAdderNearMisses(exposeIntermediates: Bool) throws {
    let candidates = 4096
    var n = Netlist()
    let x = n.input("x", width: 3 * candidates)
    var outputs: [NodeID] = []
    var majorities = 0
    var halfAdders = 0
    for j in 0..<candidates {
      let g = (0..<3).map { GateFunction(table: UInt8(j >> (4 * $0) & 15)) }
      let inverted = (0..<3).map { (j * 5 + j >> 4) >> $0 & 1 == 1 }
      let leaves = (0..<3).map { i -> NodeID in
        let bit = n.bit(x, 3 * j + i)
        return inverted[i] ? n.not(bit) : bit
      }
      let p = n.gate(.xor, leaves[0], leaves[1])
      let s = n.gate(.xor, p, leaves[2])
      let first = n.gate(g[0], leaves[0], leaves[1])
      let second = n.gate(g[1], p, leaves[2])
      let k = n.gate(g[2], first, second)
      outputs += exposeIntermediates ? [s, k, p, first, second] : [s, k]

      let table = (0..<8).map { v -> Bool in
        let (a, b, c) = (v & 1 == 1, v & 2 != 0, v & 4 != 0)
        let (la, lb, lc) = (a != inverted[0], b != inverted[1], c != inverted[2])
        return g[2](g[0](la, lb), g[1](la != lb, lc))
      }
      let majority = Self.majorityTables.contains(table)
      if majority { majorities += 1 }
      let andType = g.map { $0.table.nonzeroBitCount % 2 == 1 }
      if andType[0] { halfAdders += 1 }
      if andType[1] && !majority { halfAdders += 1 }
      if [6, 9].contains(g[0].table) && [5, 10].contains(g[1].table) && andType[2] {
        halfAdders += 1
      }
    }
    n.output("y", n.concat(outputs))
    let vectors = (0..<8).map { v in
      var word = BitVector(zeroWidth: 3 * candidates)
      for bit in 0..<word.width where v >> (bit % 3) & 1 == 1 { word[bit: bit] = true }
      return [word]
    }
    let evaluator = try GateEvaluator(n)
    let expected = try ReferenceInterpreter(n).run(vectors)
    #expect(try evaluator.run(vectors) == expected)
    #expect(majorities == 128, "majority-type candidates")
    #expect(evaluator.summary.fullAdders == majorities, "\(evaluator.summary)")
    if exposeIntermediates {
      #expect(evaluator.summary.halfAdders == halfAdders, "\(evaluator.summary)")
    }
  }

  /// The eight functions `maj(a ⊕ x, b ⊕ y, c ⊕ z)` as truth tables over (a, b, c).
  static let majorityTables: Set<[Bool]> = Set(
    (0..<8).map { flips in
      (0..<8).map { v in
        let ones = (0..<3).count { i in (v >> i & 1 == 1) != (flips >> i & 1 == 1) }
        return ones >= 2
      }
    })

  /// Full adders that share `a ⊕ b`, a full adder whose `a ⊕ b` and `a ∧ b` are read
  /// elsewhere (kept, and paired as a half adder), and a full adder whose sum is only read by
  /// the gates of a second full adder over (a ⊕ b, c, d): after fusion nothing reads that
  /// sum, and its slot must be freed without harm.
  @Test func sharedIntermediates() throws {
    var n = Netlist()
    let v = (0..<8).map { n.input("v\($0)", width: 1) }
    func fullAdder(_ a: NodeID, _ b: NodeID, _ c: NodeID) -> (p: NodeID, s: NodeID, k: NodeID) {
      let p = n.gate(.xor, a, b)
      let k = n.gate(.or, n.gate(.and, a, b), n.gate(.and, p, c))
      return (p, n.gate(.xor, p, c), k)
    }
    let first = fullAdder(v[0], v[1], v[2])
    let second = fullAdder(v[0], v[1], v[3])
    let third = fullAdder(v[4], n.not(v[5]), v[6])
    let exposed = [third.p, n.gate(.and, v[4], n.not(v[5]))]
    let chained = fullAdder(first.p, v[2], v[7])
    n.output("y", n.concat([first.k, second.s, second.k, third.s, third.k, chained.s, chained.k]))
    let nand = GateFunction(table: 14)
    n.output("z", n.concat([n.gate(nand, exposed[0], v[7]), n.gate(.xnor, exposed[1], v[3])]))
    #expect(try GateEvaluatorEdgeTests.agrees(n))
    let summary = try GateEvaluator(n).summary
    #expect(summary.fullAdders == 4, "\(summary)")
    #expect(summary.halfAdders == 1, "\(summary)")
  }
}
