import NetlistIR
import NetlistPasses

extension NetlistReport {
  /// Measures a netlist: ``measure(_:optimization:invocation:)`` of `netlist`, or with
  /// `optimize` of ``optimized(_:)``'s result.
  public static func make(
    for netlist: Netlist, optimize: Bool = false, invocation: [String] = []
  ) throws(ReportError) -> NetlistReport {
    guard optimize else { return try measure(netlist, invocation: invocation) }
    let (reported, summary) = try optimized(netlist)
    return try measure(reported, optimization: summary, invocation: invocation)
  }

  /// `netlist` after width narrowing by range analysis and the standard optimisation to a
  /// fixpoint (see ``OptimizationSummary``), and what they did.
  public static func optimized(
    _ netlist: Netlist
  ) throws(ReportError) -> (netlist: Netlist, summary: OptimizationSummary) {
    try verify(netlist)
    do throws(PassError) {
      var reported = netlist
      let plan = WidthNarrowing.plan(for: netlist)
      let narrowing = try PassManager.run([WidthNarrowing()], on: &reported)
      let outcomes = try Optimizer.optimize(&reported)
      let summary = OptimizationSummary(
        input: netlist, plan: plan, narrowing: narrowing[0], optimisation: outcomes,
        nodesAfter: reported.nodes.count)
      return (reported, summary)
    } catch {
      throw .passFailed(error)
    }
  }

  /// The report of `netlist` as it is. Gate-level numbers come from its gate-level form
  /// (``NetlistPasses/HardwareFlow``, see ``GateLevelCells``); `optimization` (from
  /// ``optimized(_:)``) and `invocation` (the CLI passes its command line) are recorded as
  /// given. Deterministic: the same arguments give the same report.
  public static func measure(
    _ netlist: Netlist, optimization: OptimizationSummary? = nil, invocation: [String] = []
  ) throws(ReportError) -> NetlistReport {
    try verify(netlist)
    let gates: GateLevelForm
    do throws(PassError) {
      gates = try HardwareFlow.gateLevel(HardwareFlow.optimize(netlist).netlist)
    } catch {
      throw .passFailed(error)
    }
    let gateLevel = GateLevelCells(
      gateLevel: gates.netlist, adders: gates.adders, tables: CostTable.all)
    return NetlistReport(
      format: formatName, version: 1, generator: "bittrue Reports \(generatorVersion)",
      invocation: invocation, design: DesignSummary(netlist), optimization: optimization,
      wordLevel: WordLevelCells(netlist), gateLevel: gateLevel,
      timing: TimingSummary(netlist, logicDepth: gateLevel.logicDepth),
      widths: SignalWidths(netlist, ranges: RangeAnalysis.ranges(of: netlist)),
      costTables: CostTable.all, yosys: nil)
  }

  private static func verify(_ netlist: Netlist) throws(ReportError) {
    do throws(NetlistError) {
      try NetlistVerifier.verify(netlist)
    } catch {
      throw .invalidNetlist(error)
    }
  }
}
