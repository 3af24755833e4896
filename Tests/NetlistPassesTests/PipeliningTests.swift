import NetlistIR
import NetlistPasses
import Testing
import _TestSupport

@Suite struct PipeliningTests {
  /// An XOR chain of `length` gates over 1-bit inputs, plus an output straight from an input.
  func chain(_ length: Int) -> Netlist {
    var n = Netlist(name: "chain")
    let x = (0...length).map { n.input("x\($0)", width: 1) }
    var acc = x[0]
    for i in 1...length { acc = n.gate(.xor, acc, x[i]) }
    n.output("deep", acc)
    n.output("shallow", n.not(x[0]))
    return n
  }

  @Test func cutsAChainEveryKLevelsAndBalancesOutputs() throws {
    let before = chain(10)
    #expect(LogicDepth.depth(of: before) == 10)
    var after = before
    let report = try Pipelining(every: 3).runReporting(&after)
    #expect(report.changed)
    #expect(report.counters[0] == PassCounter("latency (cycles)", 3))
    #expect(LogicDepth.depth(of: after) <= 3)
    #expect(after.isGateLevel)
    try expectEquivalent(before, after, latency: 3, sequences: 16, cycles: 12)
    // Both outputs are delayed by 3: the shallow one through a chain of 3 registers.
    #expect(count("reg", in: after) == report.counters[1].value)
  }

  @Test func leavesShallowNetlistsAlone() throws {
    let before = chain(4)
    var after = before
    let report = try Pipelining(every: 4).runReporting(&after)
    #expect(!report.changed && report.counters[0].value == 0)
    #expect(after == before)
  }

  @Test func refusesWordLevelAndSequentialNetlists() throws {
    let wordLevel = try parse("%0 = input \"a\" : 4\n%1 = not %0 : 4\n%2 = output \"y\" %1 : 4")
    #expect(
      throws: PassError.unsupported(
        pass: "pipeline", "node %1 (not) is not gate-level; bit-blast first")
    ) {
      try Pipelining(every: 2).pipeline(wordLevel)
    }
    let sequential = try parse(
      "%0 = input \"a\" : 1\n%1 = reg 1'h0 %0 : 1\n%2 = output \"y\" %1 : 1")
    #expect(
      throws: PassError.unsupported(
        pass: "pipeline", "node %1 is a register; only combinational netlists")
    ) {
      try Pipelining(every: 2).pipeline(sequential)
    }
  }

  @Test(arguments: 0..<12)
  func randomBitBlastedNetlists(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed &+ 300)
    let widths = [[1, 7, 8, 9], [9, 31, 33], [1, 63, 65]][Int(seed % 3)]
    let before = mixedNetlist(
      widths: widths, nodes: 8, registers: false, productBits: 600, using: &rng)
    var gates = try running([BitBlast()], on: before)
    try Optimizer.optimize(&gates)
    let k = [1, 2, 3, 5][Int(seed % 4)]
    var after = gates
    let report = try Pipelining(every: k).runReporting(&after)
    let latency = report.counters[0].value
    #expect(LogicDepth.depth(of: after) <= k)
    #expect(latency == max(0, (LogicDepth.depth(of: gates) + k - 1) / k - 1))
    try expectEquivalent(before, after, latency: latency, seed: seed, sequences: 16, cycles: 5)
    // Optimising a pipelined netlist keeps it pipelined and equivalent.
    try Optimizer.optimize(&after)
    #expect(after.isGateLevel && LogicDepth.depth(of: after) <= k)
    try expectEquivalent(before, after, latency: latency, seed: seed, sequences: 16, cycles: 5)
  }
}

@Suite struct LogicDepthTests {
  @Test func countsGateLevelsWithFreeInverters() throws {
    let n = try parse(
      """
      %0 = input "a" : 1
      %1 = input "b" : 1
      %2 = not %0 : 1
      %3 = gate and %2, %1 : 1
      %4 = not %3 : 1
      %5 = gate or %4, %0 : 1
      %6 = reg 1'h0 %5 : 1
      %7 = gate xor %6, %1 : 1
      %8 = output "y" %7 : 1
      """)
    #expect(LogicDepth.levels(of: n) == [0, 0, 0, 1, 1, 2, 0, 1, 1])
    #expect(LogicDepth.levels(of: n, inverterLevels: 1) == [0, 0, 1, 2, 3, 4, 0, 1, 1])
    #expect(LogicDepth.depth(of: n) == 2)
    #expect(LogicDepth.depth(of: n, inverterLevels: 1) == 4)
  }

  @Test func wordLevelOpsCountOneAndWiringNothing() throws {
    let n = try parse(
      """
      %0 = input "a" : 8
      %1 = add.u %0, %0 : 9
      %2 = slice 1 %1 : 8
      %3 = mul.s %2, %0 : 8
      %4 = ext.s %3 : 12
      %5 = output "y" %4 : 12
      """)
    #expect(LogicDepth.depth(of: n) == 2)
  }
}
