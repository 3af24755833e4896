import NetlistIR
import NetlistPasses
import Reports
import Testing

@Suite struct TimingTests {
  @Test func combinationalUnbalancedAndFeedback() throws {
    let combinational = try report(
      """
      %0 = input "a" : 4
      %1 = not %0 : 4
      %2 = output "y" %1 : 4
      """)
    #expect(combinational.timing.latency == .init(kind: "combinational", cycles: 0))
    // One path through a register, one around it.
    let unbalanced = try report(
      """
      %0 = input "a" : 4
      %1 = reg 4'h0 %0 : 4
      %2 = add.u %0, %1 : 5
      %3 = output "y" %2 : 5
      """)
    #expect(
      unbalanced.timing.latency == .init(kind: "unbalanced", minimumCycles: 0, maximumCycles: 1))
    let accumulator = try report(
      """
      %0 = input "a" : 4
      %1 = reg 4'h0 %2 : 4
      %2 = add.u %0, %1 : 4
      %3 = output "y" %1 : 4
      """)
    #expect(accumulator.timing.latency == .init(kind: "feedback"))
  }

  /// The latency found from the structure equals the one the pipelining pass reports, and
  /// the depth drops to the stage size.
  @Test(arguments: [1, 2, 3, 5, 8])
  func pipelinedAdder(levels: Int) throws {
    var netlist = Netlist(name: "adder")
    netlist.output(
      "s", netlist.add(netlist.input("a", width: 8), netlist.input("b", width: 8), .unsigned))
    var pipelined = netlist
    let outcomes = try PassManager.run(
      [BitBlast(), Pipelining(every: levels)], on: &pipelined)
    let latency = try #require(outcomes[1].counters.first { $0.name == "latency (cycles)" })
    let r = try NetlistReport.make(for: pipelined)
    #expect(r.timing.latency == .init(kind: "pipelined", cycles: latency.value))
    #expect(latency.value == (15 + levels - 1) / levels - 1)
    #expect(r.timing.logicDepth == min(levels, 15))
    #expect(r.gateLevel.twoInputGates == 5 * 8 - 3)
  }
}
