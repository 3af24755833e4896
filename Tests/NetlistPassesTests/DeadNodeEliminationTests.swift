import NetlistIR
import NetlistPasses
import Testing
import _TestSupport

@Suite struct DeadNodeEliminationTests {
  @Test func removesUnreadNodesAndRenumbersInOrder() throws {
    let before = try parse(
      """
      %0 "a" = input "a" : 4
      %1 = not %0 : 4
      %2 "unused_in" = input "unused_in" : 2
      %3 "kept" = and %0, %1 : 4
      %4 = xor %0, %3 : 4
      %5 = reg 4'h0 %4 : 4
      %6 "first" = output "first" %3 : 4
      %7 = reg 4'h0 %7 : 4
      %8 = output "second" %0 : 4
      """)
    var after = before
    #expect(try DeadNodeElimination().run(&after))
    let expected = try parse(
      """
      %0 "a" = input "a" : 4
      %1 = not %0 : 4
      %2 "unused_in" = input "unused_in" : 2
      %3 "kept" = and %0, %1 : 4
      %4 "first" = output "first" %3 : 4
      %5 = output "second" %0 : 4
      """)
    #expect(after == expected, "\(NetlistText.print(after))")
    #expect(try !DeadNodeElimination().run(&after))
    try expectEquivalent(before, after)
  }

  @Test func keepsRegistersThatFeedOutputsAndTheirLoops() throws {
    let before = try parse(
      """
      %0 = input "x" : 1
      %1 = reg 1'h0 %3 : 1
      %2 = reg 1'h1 %1 : 1
      %3 = gate xor %0, %2 : 1
      %4 = gate and %0, %0 : 1
      %5 = output "y" %2 : 1
      """)
    var after = before
    #expect(try DeadNodeElimination().run(&after))
    #expect(after.nodes.count == 5)
    #expect(count("reg", in: after) == 2 && count("gate", in: after) == 1)
    try expectEquivalent(before, after)
  }

  @Test(arguments: 0..<30)
  func randomNetlistsKeepTheirBehaviour(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed)
    let widths = [[1, 7, 8, 9], [31, 32, 33], [63, 64, 65], [127, 128, 129]][Int(seed % 4)]
    let before = RandomNetlists.mixed(
      widths: widths, nodes: 40, registers: seed % 2 == 0, using: &rng)
    let after = try running([DeadNodeElimination()], on: before)
    #expect(after.nodes.count <= before.nodes.count)
    let live = DeadNodeElimination.liveNodes(in: after)
    #expect(!live.contains(false))
    try expectEquivalent(before, after, seed: seed, exhaustiveBits: 10)
  }
}
