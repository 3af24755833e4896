import NetlistIR
import NetlistSim

/// Another evaluator under a different source name — for example the reference interpreter
/// on the optimised netlist reported as `opt` beside `interp` on the original.
package struct NamedEvaluator: Evaluator {
  /// The name reported in comparisons.
  package let sourceName: String
  /// The evaluator that computes.
  package let inner: any Evaluator

  /// `inner`, reported as `name`.
  package init(_ name: String, _ inner: any Evaluator) {
    self.sourceName = name
    self.inner = inner
  }

  /// The outputs of `inner`.
  package func run(_ vectors: [[BitVector]]) throws(SimulationError) -> [[BitVector]] {
    try inner.run(vectors)
  }
}
