import NetlistIR

/// The standard optimisation pipeline and the pass names the CLI accepts.
public enum Optimizer {
  /// Constant folding, gate simplification, common-subexpression merging and dead-node
  /// elimination, in that order; run to a fixpoint by ``optimize(_:maxRounds:)``.
  public static let standard: [any NetlistPass] = [
    ConstantFolding(), GateSimplification(), CommonSubexpressionMerging(), DeadNodeElimination(),
  ]

  /// Runs ``standard`` until no pass changes anything (at most `maxRounds` rounds).
  @discardableResult
  public static func optimize(
    _ netlist: inout Netlist, maxRounds: Int = 16
  ) throws(PassError) -> [PassOutcome] {
    try PassManager.runToFixpoint(standard, on: &netlist, maxRounds: maxRounds)
  }

  /// The names ``pass(named:)`` knows, in the order a full lowering would run them.
  public static let passNames = [
    "const-fold", "dce", "cse", "gates", "narrow", "popcount", "bitblast", "bitblast-fast",
  ]

  /// The pass with that name (see ``passNames``).
  public static func pass(named name: String) throws(PassError) -> any NetlistPass {
    switch name {
    case "const-fold": return ConstantFolding()
    case "dce": return DeadNodeElimination()
    case "cse": return CommonSubexpressionMerging()
    case "gates": return GateSimplification()
    case "narrow": return WidthNarrowing()
    case "popcount": return PopcountLowering()
    case "bitblast": return BitBlast()
    case "bitblast-fast": return BitBlast(adders: .parallelPrefix)
    default: throw .unknownPass(name)
    }
  }
}
