import NetlistIR
import NetlistPasses
import Testing
import _TestSupport

/// `HardwareFlow`: the standard forms are the passes they name, and the removal statistics
/// credit each pass with what it removed.
@Suite struct HardwareFlowTests {
  @Test(arguments: 0..<12)
  func formsAreTheStandardPasses(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed &+ 4100)
    let before = withConstantInputs(
      mixedNetlist(widths: [1, 7, 9], nodes: 14, registers: seed % 2 == 0, using: &rng),
      using: &rng)
    let forms = try HardwareFlow.forms(of: before)
    var optimized = before
    try Optimizer.optimize(&optimized)
    #expect(forms.original == before)
    #expect(forms.optimized.netlist == optimized)
    var gates = optimized
    let (_, adders) = try BitBlast.lower(optimized)
    try PassManager.run([BitBlast()], on: &gates)
    try Optimizer.optimize(&gates)
    #expect(forms.gateLevel.netlist == gates)
    #expect(forms.gateLevel.adders == adders)
    let r = forms.optimized.removal
    #expect(r.modelGates == before.nodes.count(where: HardwareFlow.countsAsGate))
    #expect(r.remainingGates == optimized.nodes.count(where: HardwareFlow.countsAsGate))
    #expect(
      r.modelGates - r.remainingGates
        == r.constantGates + r.bufferGates + r.duplicateGates + r.deadGates)
  }

  /// One gate of each kind the optimiser removes, each credited to its pass.
  @Test func removalIsCreditedToEachPass() throws {
    let before = try parse(
      """
      %0 = input "x" : 1
      %1 = input "y" : 1
      %2 = input "z" : 1
      %3 = gate 1 %0, %1 : 1
      %4 = gate 1 %0, %1 : 1
      %5 "dead" = gate 7 %1, %2 : 1
      %6 = gate 3 %2, %0 : 1
      %7 = const 1'h1 : 1
      %8 = gate 6 %3, %6 : 1
      %9 = gate 1 %7, %7 : 1
      %10 = gate 7 %4, %8 : 1
      %11 = output "p" %10 : 1
      %12 = output "q" %9 : 1
      """)
    let optimized = try HardwareFlow.optimize(before)
    #expect(
      optimized.removal
        == GateRemoval(
          modelGates: 7, remainingGates: 3, constantGates: 1, bufferGates: 1, duplicateGates: 1,
          deadGates: 1))
    #expect(
      optimized.removal.description
        == "7 gates → 3 after optimisation (removed: 1 dead, 1 constant, 1 pass-through, "
        + "1 duplicate)")
    let counted = try HardwareFlow.optimize(before, counting: { $0.name == "dead" })
    #expect(
      counted.removal
        == GateRemoval(
          modelGates: 1, remainingGates: 0, constantGates: 0, bufferGates: 0, duplicateGates: 0,
          deadGates: 1))
  }

  @Test func pipelinedFormHasTheLatencyOfItsLevels() throws {
    var rng = SeededRandom(seed: 5)
    let gates = RandomNetlists.gateNetwork(
      inputs: 6, layers: 6, width: 8, outputs: 3, using: &rng)
    let pipelined = try HardwareFlow.pipeline(gates, every: 2)
    let direct = try Pipelining(every: 2).pipeline(gates)
    #expect(pipelined.netlist == direct.netlist)
    #expect(pipelined.latency == direct.latency && pipelined.latency > 0)
  }
}
