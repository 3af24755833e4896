import NetlistIR
import NetlistPasses
import Testing
import _TestSupport

@Suite struct OptimizerTests {
  @Test(arguments: 0..<24)
  func standardPipelineReachesAFixpointAndKeepsBehaviour(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed &+ 900)
    let widths = [[1, 7, 8, 9], [31, 32, 33], [63, 64, 65], [127, 128, 129]][Int(seed % 4)]
    let random = RandomNetlists.mixed(
      widths: widths, nodes: 30, registers: seed % 2 == 0, using: &rng)
    let before = withConstantInputs(random, using: &rng)
    var after = before
    let outcomes = try Optimizer.optimize(&after)
    #expect(outcomes.last.map { $0.nodesAfter <= before.nodes.count } == true)
    #expect(after.nodes.count <= before.nodes.count)
    try expectEquivalent(before, after, seed: seed, exhaustiveBits: 10)
    var again = after
    #expect(try Optimizer.optimize(&again).allSatisfy { !$0.changed })
  }

  @Test(arguments: 0..<24)
  func bitBlastThenOptimize(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed &+ 1900)
    let widths = [[1, 7, 8, 9], [1, 31, 33], [9, 64, 65]][Int(seed % 3)]
    let before = withConstantInputs(
      mixedNetlist(widths: widths, nodes: 12, registers: seed % 2 == 0, using: &rng), using: &rng)
    var after = try running([BitBlast()], on: before)
    let blasted = after.nodes.count
    try Optimizer.optimize(&after)
    #expect(after.isGateLevel && after.nodes.count <= blasted)
    try expectEquivalent(before, after, seed: seed, sequences: 16, exhaustiveBits: 0)
  }

  @Test func passNamesAndErrors() throws {
    for name in Optimizer.passNames { #expect(try Optimizer.pass(named: name).name == name) }
    #expect(throws: PassError.unknownPass("fold")) { try Optimizer.pass(named: "fold") }
    #expect(
      PassError.unknownPass("fold").description
        == "unknown pass 'fold' (known: const-fold, dce, cse, gates, narrow, popcount, bitblast, bitblast-fast)"
    )
    var broken = try NetlistText.parse(
      "netlist \"b\"\n%0 = input \"a\" : 4\n%1 = not %0 : 3\n%2 = output \"y\" %1 : 3")
    #expect(throws: PassError.invalidInput(.invalidNode(NodeID(1), "result width 3 should be 4"))) {
      try PassManager.run([DeadNodeElimination()], on: &broken)
    }
    #expect(
      PassError.invalidInput(.invalidNode(NodeID(1), "result width 3 should be 4")).description
        == "invalid input netlist: node %1: result width 3 should be 4")
  }

  @Test func outcomesRecordCountsPerPass() throws {
    var n = try parse(
      """
      %0 = input "a" : 4
      %1 = const 4'h0 : 4
      %2 = or %0, %1 : 4
      %3 = buf %2 : 4
      %4 = output "y" %3 : 4
      """)
    let outcomes = try PassManager.run(Optimizer.standard, on: &n)
    #expect(outcomes.map(\.name) == ["const-fold", "gates", "cse", "dce"])
    #expect(outcomes.map(\.nodesAfter) == [4, 3, 3, 2])
    #expect(outcomes.map(\.changed) == [true, true, false, true])
  }
}
