import BinarizedNets
import ModelLowering
import NetlistIR
import NetlistPasses
import NetlistSim

/// A binarized net as folded, streaming hardware (``ModelLowering/FoldedNetLowering``): its
/// netlist forms, its cycle model and the transaction-level result sources cosim compares.
public struct FoldedBinarizedDesign: Sendable {
  /// The net.
  public let net: BinarizedNet
  /// The foldings and the predicted cycles.
  public let cycleModel: FoldedCycleModel
  /// The netlist as lowered, optimised and bit-blasted.
  public let forms: HardwareForms

  /// Folds every layer of `net` at (`pe`, `simd`); throws ``ModelLowering/FoldingError``
  /// for a net it cannot fold and `PassError` when the passes fail.
  public init(_ net: BinarizedNet, pe: Int, simd: Int, name: String) throws {
    try self.init(net, pe: [pe], simd: [simd], name: name)
  }

  /// Folds the layers of `net` with one (`pe`, `simd`) value for every layer or one per
  /// layer (see ``ModelLowering/FoldedNetLowering``).
  public init(_ net: BinarizedNet, pe: [Int], simd: [Int], name: String) throws {
    self.net = net
    cycleModel = try FoldedNetLowering.foldings(net, pe: pe, simd: simd)
    forms = try HardwareFlow.forms(of: FoldedNetLowering.lower(net, cycleModel, name: name))
  }

  /// The sources compared per transaction: `model` (the net by its definition), then
  /// `interp`, `opt` and `gates64` running the lowered, optimised and gate-level netlists
  /// cycle by cycle.
  public func evaluators() throws(SimulationError) -> [any Evaluator] {
    [
      BinarizedNetModelEvaluator(net),
      try TransactionEvaluator(InterpreterStepper(forms.original)),
      try TransactionEvaluator(InterpreterStepper(forms.optimized.netlist, sourceName: "opt")),
      try TransactionEvaluator(GateStepper(forms.gateLevel.netlist)),
    ]
  }

  /// When the interpreter accepts and finishes each vector, fed back to back as the
  /// harness does (the cycle model predicts it: ``ModelLowering/FoldedCycleModel/schedule(samples:)``).
  public func measuredSchedule(_ vectors: [[BitVector]]) throws(SimulationError) -> FoldedSchedule {
    let run = try TransactionEvaluator(InterpreterStepper(forms.original)).timeline(vectors)
    return FoldedSchedule(accepted: run.accepted, done: run.done)
  }

  /// The cycles each transaction takes in the interpreter (one per vector).
  public func measuredCycles(_ vectors: [[BitVector]]) throws(SimulationError) -> [Int] {
    try TransactionEvaluator(InterpreterStepper(forms.original)).transactions(vectors).cycles
  }
}
