import NetlistIR
import NetlistSim

/// Another evaluator under a different source name — for example the reference interpreter
/// on the optimised netlist reported as `opt` beside `interp` on the original.
public struct NamedEvaluator: Evaluator {
  /// The name reported in comparisons.
  public let sourceName: String
  /// The evaluator that computes.
  public let inner: any Evaluator

  /// `inner`, reported as `name`.
  public init(_ name: String, _ inner: any Evaluator) {
    self.sourceName = name
    self.inner = inner
  }

  /// The outputs of `inner`.
  public func run(_ vectors: [[BitVector]]) throws(SimulationError) -> [[BitVector]] {
    try inner.run(vectors)
  }
}
