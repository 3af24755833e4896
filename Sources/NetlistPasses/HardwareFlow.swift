import NetlistIR

/// The standard hardware flow, written once: the CLI, the reports, the inference runtime and
/// every model family make the forms of a design here.
///
/// Every form keeps the ports (names, widths, order) of the netlist it starts from:
/// - **optimised** (word level): ``Optimizer/standard`` run to a fixpoint, with the gates it
///   removed credited to each pass (``GateRemoval``);
/// - **gate level**: the optimised form bit-blasted with ripple-carry adders (``BitBlast``)
///   and optimised again — what the bit-parallel evaluator (`gates64`) runs and what the
///   64-lane Verilog is emitted from (64 lanes are an emission option of this form, not a
///   form of their own);
/// - **pipelined**: the gate-level form with registers every K gate levels (``Pipelining``).
///
/// Every pass runs under ``PassManager``, so each step is verified.
public enum HardwareFlow {
  /// The optimised form of `netlist` and what the optimisation removed, counting the nodes
  /// for which `isCounted` holds (by default two-input gates and NOTs, see
  /// ``countsAsGate(_:)``; a model family counts its own gates).
  public static func optimize(
    _ netlist: Netlist, counting isCounted: (Node) -> Bool = countsAsGate
  ) throws(PassError) -> OptimizedForm {
    var optimized = netlist
    let before = optimized.nodes.count(where: isCounted)
    var count = before
    var removed = [String: Int]()
    try PassManager.runToFixpoint(Optimizer.standard, on: &optimized) { outcome, netlist in
      let after = netlist.nodes.count(where: isCounted)
      removed[outcome.name, default: 0] += count - after
      count = after
    }
    let removal = GateRemoval(
      modelGates: before, remainingGates: count,
      constantGates: removed[ConstantFolding().name, default: 0],
      bufferGates: removed[GateSimplification().name, default: 0],
      duplicateGates: removed[CommonSubexpressionMerging().name, default: 0],
      deadGates: removed[DeadNodeElimination().name, default: 0])
    return OptimizedForm(netlist: optimized, removal: removal)
  }

  /// The gate-level form of an optimised netlist: ``BitBlast`` (ripple-carry adders; a
  /// netlist already gate-level is left as it is), then the standard optimisation to a
  /// fixpoint; with the adder cells bit-blasting built.
  public static func gateLevel(_ optimized: Netlist) throws(PassError) -> GateLevelForm {
    var gates = optimized
    let blast = try PassManager.run([BitBlast()], on: &gates)
    try Optimizer.optimize(&gates)
    return GateLevelForm(netlist: gates, adders: AdderCount(reported: blast.flatMap(\.counters)))
  }

  /// The pipelined form of a combinational gate-level netlist: registers every `levels`
  /// gate levels (at least 1), with the latency they add.
  public static func pipeline(
    _ gateLevel: Netlist, every levels: Int
  ) throws(PassError) -> Pipelining.Result {
    try Pipelining(every: levels).pipeline(gateLevel)
  }

  /// All three standard forms of `netlist` (pipelining aside), computed once.
  public static func forms(
    of netlist: Netlist, counting isCounted: (Node) -> Bool = countsAsGate
  ) throws(PassError) -> HardwareForms {
    let optimized = try optimize(netlist, counting: isCounted)
    return HardwareForms(
      original: netlist, optimized: optimized, gateLevel: try gateLevel(optimized.netlist))
  }

  /// Whether a node is a two-input gate or a NOT: what ``optimize(_:counting:)`` counts
  /// unless told otherwise.
  public static func countsAsGate(_ node: Node) -> Bool {
    if case .gate = node.op { return true }
    if case .not = node.op { return true }
    return false
  }
}

/// The optimised (word-level) form and what the optimisation removed.
public struct OptimizedForm: Sendable {
  /// The netlist after the standard optimisation to a fixpoint.
  public var netlist: Netlist
  /// The counted gates the optimisation removed, by pass.
  public var removal: GateRemoval
}

/// The gate-level form and the adder cells its bit-blasting built.
public struct GateLevelForm: Sendable {
  /// The bit-blasted, optimised netlist (``NetlistIR/Netlist/isGateLevel``).
  public var netlist: Netlist
  /// Full and half adders built by ``BitBlast`` (some may have been optimised away since).
  public var adders: AdderCount
}

/// The standard forms of one netlist (see ``HardwareFlow``).
public struct HardwareForms: Sendable {
  /// The netlist as given (lowered from a model, or read from the text form).
  public var original: Netlist
  /// The optimised word-level form.
  public var optimized: OptimizedForm
  /// The gate-level form.
  public var gateLevel: GateLevelForm
}

extension AdderCount {
  /// The counts in the counters a bit-blasting pass reported (``counters`` names them).
  fileprivate init(reported counters: [PassCounter]) {
    let names = AdderCount().counters.map(\.name)
    let value = { (name: String) in counters.first { $0.name == name }?.value ?? 0 }
    self.init(full: value(names[0]), half: value(names[1]))
  }
}
