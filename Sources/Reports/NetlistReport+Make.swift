import NetlistIR
import NetlistPasses

extension NetlistReport {
  /// Measures a netlist.
  ///
  /// With `optimize`, the reported netlist is `netlist` after width narrowing by range
  /// analysis and the standard optimisation (see ``OptimizationSummary``); otherwise it is
  /// `netlist` itself. Gate-level numbers always come from a gate-level copy of the
  /// reported netlist (see ``GateLevelCells``). `invocation` is recorded as given (the CLI
  /// passes its command line). Deterministic: the same netlist and arguments give the same
  /// report.
  public static func make(
    for netlist: Netlist, optimize: Bool = false, invocation: [String] = []
  ) throws(ReportError) -> NetlistReport {
    do throws(NetlistError) {
      try NetlistVerifier.verify(netlist)
    } catch {
      throw .invalidNetlist(error)
    }
    do throws(PassError) {
      var reported = netlist
      var optimization: OptimizationSummary?
      if optimize {
        let plan = WidthNarrowing.plan(for: netlist)
        let narrowing = try PassManager.run([WidthNarrowing()], on: &reported)
        let outcomes = try Optimizer.optimize(&reported)
        optimization = OptimizationSummary(
          input: netlist, plan: plan, narrowing: narrowing[0], optimisation: outcomes,
          nodesAfter: reported.nodes.count)
      }
      let (gates, adders) = try GateLevelCells.lower(reported)
      let gateLevel = GateLevelCells(gateLevel: gates, adders: adders, tables: CostTable.all)
      return NetlistReport(
        format: formatName, version: 1, generator: "bittrue Reports \(generatorVersion)",
        invocation: invocation, design: DesignSummary(reported), optimization: optimization,
        wordLevel: WordLevelCells(reported), gateLevel: gateLevel,
        timing: TimingSummary(reported, logicDepth: gateLevel.logicDepth),
        widths: SignalWidths(reported, ranges: RangeAnalysis.ranges(of: reported)),
        costTables: CostTable.all, yosys: nil)
    } catch {
      throw .passFailed(error)
    }
  }
}
