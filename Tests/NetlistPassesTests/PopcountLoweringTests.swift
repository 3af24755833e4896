import NetlistIR
import NetlistPasses
import Testing
import _TestSupport

@Suite struct PopcountLoweringTests {
  /// (input widths, result width) — at most 16 input bits, so checked exhaustively.
  static let shapes: [([Int], Int)] = [
    ([1], 1), ([1, 1, 1], 2), ([7], 3), ([8], 4), ([8], 6), ([3, 1, 5], 4), ([16], 5),
    ([15], 4), ([4, 4, 4, 4], 5),
  ]

  @Test(arguments: shapes)
  func lowersExhaustively(widths: [Int], width: Int) throws {
    var before = Netlist(name: "p")
    let inputs = widths.enumerated().map { before.input("x\($0.offset)", width: $0.element) }
    before.output("y", before.popcount(inputs, width: width))
    var after = before
    let report = try PopcountLowering().runReporting(&after)
    try NetlistVerifier.verify(after)
    #expect(report.changed && count("popcount", in: after) == 0)
    // Every full adder removes one bit; at most ⌈log₂(n+1)⌉ result bits remain.
    let n = widths.reduce(0, +)
    #expect(report.counters[0].value <= n - 1)
    #expect(report.counters[0].value >= n - Netlist.bitLength(n) - 1)
    try expectEquivalent(before, after)
  }

  @Test func pinsCellsAndDepthForSixteenBits() throws {
    var before = Netlist(name: "p")
    before.output("y", before.popcount([before.input("x", width: 16)]))
    var after = before
    let report = try PopcountLowering().runReporting(&after)
    #expect(report.counters == [PassCounter("full adders", 11), PassCounter("half adders", 4)])
    #expect(count("gate", in: after) == 11 * 5 + 4 * 2)
    #expect(LogicDepth.depth(of: after) == 11)
  }

  @Test func keepsTheNameAndOtherNodes() throws {
    let before = try parse(
      """
      %0 = input "a" : 6
      %1 = not %0 : 6
      %2 "votes" = popcount %1, %0 : 4
      %3 = reg 4'h0 %4 : 4
      %4 = add.u %3, %2 : 4
      %5 = output "total" %3 : 4
      """)
    let after = try running([PopcountLowering()], on: before)
    #expect(after.nodes.contains { $0.op == .concat && $0.name == "votes" })
    #expect(count("add.u", in: after) == 1 && count("reg", in: after) == 1)
    try expectEquivalent(before, after, sequences: 8, cycles: 10)
    var same = after
    #expect(try !PopcountLowering().run(&same))
  }

  @Test(arguments: 0..<20)
  func randomNetlists(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed &+ 77)
    let widths = [[1, 7, 8, 9], [31, 32, 33], [63, 64, 65], [127, 128, 129]][Int(seed % 4)]
    var before = mixedNetlist(widths: widths, nodes: 14, registers: seed % 2 == 0, using: &rng)
    // One more popcount over the inputs and the last internal value.
    let last = before.ids.last { before.portName($0) == nil }!
    before.output("pop", before.popcount(before.inputs + [last]))
    let after = try running([PopcountLowering()], on: before)
    #expect(count("popcount", in: after) == 0)
    try expectEquivalent(before, after, seed: seed, exhaustiveBits: 0)
  }
}
