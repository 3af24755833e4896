import FixedPoint
import NetlistIR
import NetlistPasses
import Testing
import _TestSupport

@Suite struct BitBlastTests {
  static let widths = [1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 127, 128, 129]

  @Test func parallelPrefixAddersAreShallower() throws {
    var n = Netlist(name: "add")
    n.output("s", n.add(n.input("a", width: 32), n.input("b", width: 32), .unsigned))
    let ripple = try running([BitBlast()], on: n)
    let prefix = try running([BitBlast(adders: .parallelPrefix)], on: n)
    #expect(LogicDepth.depth(of: ripple) == 63)
    #expect(LogicDepth.depth(of: prefix) == 12)
    #expect(count("gate", in: ripple) == 157)
    #expect(count("gate", in: prefix) == 304)
    try expectEquivalent(n, prefix, sequences: 64, cycles: 1)
  }

  @Test func adderCountsAndGates() throws {
    let before = try parse(
      """
      %0 = input "a" : 4
      %1 = input "b" : 4
      %2 = add.u %0, %1 : 5
      %3 = output "s" %2 : 5
      """)
    var after = before
    let report = try BitBlast().runReporting(&after)
    #expect(report.changed && after.isGateLevel)
    // Bit 0 is a half adder, bits 1–3 full adders, bit 4 the last carry.
    #expect(report.counters == [PassCounter("full adders", 3), PassCounter("half adders", 1)])
    #expect(count("gate", in: after) == 3 * 5 + 2)
    #expect(count("slice", in: after) == 8 && count("concat", in: after) == 1)
    try expectEquivalent(before, after)
    #expect(try !BitBlast().run(&after))
  }

  @Test func registersBecomeOneRegisterPerBit() throws {
    let before = try parse(
      """
      %0 = input "step" : 3
      %1 "count" = reg 5'h1b %3 : 5
      %2 = const 1'h1 : 1
      %3 = add.u %1, %0 : 5
      %4 = output "count" %1 : 5
      """)
    let after = try running([BitBlast()], on: before)
    #expect(after.isGateLevel)
    #expect(count("reg", in: after) == 5)
    try expectEquivalent(before, after, sequences: 6, cycles: 40)
  }

  @Test func oneBitNamesSurvive() throws {
    let before = try parse(
      """
      %0 = input "a" : 1
      %1 = input "b" : 1
      %2 "carry" = gate and %0, %1 : 1
      %3 = output "c" %2 : 1
      """)
    let after = try running([BitBlast()], on: before)
    #expect(after == before)
    var wide = try parse(
      """
      %0 = input "a" : 2
      %1 "lt" = cmp.lt.u %0, %0 : 1
      %2 = slice 1 %0 : 1
      %3 "msb_and_lt" = gate and %2, %1 : 1
      %4 = output "c" %3 : 1
      """)
    #expect(try BitBlast().run(&wide))
    #expect(wide.nodes.contains { $0.name == "msb_and_lt" } == false)
  }

  /// One op kind at one operand width, with random parameters.
  static func singleOp(_ kind: Int, width w: Int, using rng: inout SeededRandom) -> Netlist {
    var n = Netlist(name: "op")
    let a = n.input("a", width: w)
    let bw = [w, 1 + Int(rng.next() % UInt64(w + 3))][Int(rng.next() % 2)]
    let b = n.input("b", width: bw)
    let bb = n.extend(b, to: w, .unsigned)
    let s: Signedness = rng.next() % 2 == 0 ? .signed : .unsigned
    let y: NodeID
    switch kind {
    case 0: y = n.not(a)
    case 1: y = n.bitwise([Op.and, .or, .xor][Int(rng.next() % 3)], a, bb)
    case 2: y = n.add(a, b, s, width: [w, w + 1, max(1, w - 2)][Int(rng.next() % 3)])
    case 3: y = n.sub(a, b, s)
    case 4: y = n.mul(a, b, s, width: min(w + bw, 72))
    case 5: y = n.compare(CompareKind.allCases[Int(rng.next() % 6)], a, bb, s)
    case 6: y = n.mux(n.bit(b, 0), whenFalse: a, whenTrue: bb)
    case 7: y = n.shiftLeft(a, by: Int(rng.next() % UInt64(w + 2)))
    case 8: y = n.shiftRight(a, by: Int(rng.next() % UInt64(w + 2)), s)
    case 9: y = n.concat([b, a, n.bit(a, w - 1)])
    case 10:
      let count = 1 + Int(rng.next() % UInt64(w))
      y = n.slice(a, low: Int(rng.next() % UInt64(w - count + 1)), count: count)
    case 11: y = n.extend(a, to: 1 + Int(rng.next() % UInt64(w + 8)), s)
    case 12: y = n.popcount([a, b], width: Netlist.bitLength(w + bw) + Int(rng.next() % 2))
    case 13:
      let mode = RoundingMode.deterministic[Int(rng.next() % 7)]
      y = n.round(a, by: Int(rng.next() % UInt64(w + 2)), mode, s)
    case 14:
      let k = 1 + Int(rng.next() % UInt64(w))
      y = n.round(a, by: k, .stochastic, s, random: n.slice(n.concat([b, a]), low: 0, count: k))
    case 15:
      var mode = OverflowMode.allCases[Int(rng.next() % 5)]
      if mode == .wrapSM && s == .unsigned { mode = .satSym }
      y = n.resize(a, to: 1 + Int(rng.next() % UInt64(w + 3)), mode, s)
    case 16: y = n.gate(GateFunction(table: UInt8(rng.next() % 16)), n.bit(a, 0), n.bit(b, 0))
    default: y = n.add(n.constant(RandomNetlists.edgyVector(width: w, using: &rng)), a, s)
    }
    n.output("y", y)
    return n
  }

  @Test(arguments: 0..<18)
  func everyOpAtEveryWidth(kind: Int) throws {
    var rng = SeededRandom(seed: UInt64(kind) &* 1000)
    for w in Self.widths {
      for variant in 0..<2 {
        let before = Self.singleOp(kind, width: w, using: &rng)
        let blast = BitBlast(adders: variant == 0 ? .rippleCarry : .parallelPrefix)
        let after = try running([blast], on: before)
        #expect(after.isGateLevel, "kind \(kind) width \(w)")
        try expectEquivalent(
          before, after, seed: UInt64(kind * 100 + w * 2 + variant), sequences: 64, cycles: 1,
          exhaustiveBits: 12)
      }
    }
  }

  @Test(arguments: 0..<100)
  func randomMixedNetlists(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed &+ 5000)
    let widths = [[1, 7, 8, 9], [1, 8, 31, 33], [9, 32, 63], [1, 64, 65], [7, 127, 129]][
      Int(seed % 5)]
    let before = mixedNetlist(widths: widths, nodes: 10, registers: seed % 2 == 1, using: &rng)
    let blast = BitBlast(adders: seed % 4 < 2 ? .rippleCarry : .parallelPrefix)
    let after = try running([blast], on: before)
    #expect(after.isGateLevel)
    try expectEquivalent(before, after, seed: seed, sequences: 16, cycles: 6, exhaustiveBits: 0)
  }
}
