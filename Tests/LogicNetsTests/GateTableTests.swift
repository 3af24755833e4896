import Foundation
import Testing
import _TestSupport

@testable import LogicNets

/// The relaxation as the trainer uses it: GateSoftmax's collapse and exp (the gate table
/// itself is tested in BitCoreTests).
@Suite struct GateTableTests {
  /// The softmax mixture Σ p_i·op_i(a, b), in Double with difflogic's shapes, against the
  /// collapsed Float coefficients.
  @Test func softmaxMixtureCollapsesToFourCoefficients() {
    var rng = SeededRandom(seed: 0x5EED_0001)
    for trial in 0..<200 {
      var w = SIMD16<Float>()
      for g in 0..<16 { w[g] = Float.random(in: -4...4, using: &rng) }
      let p = GateSoftmax.softmax(w)
      let c = GateSoftmax.collapse(p)
      let a = Double.random(in: 0...1, using: &rng)
      let b = Double.random(in: 0...1, using: &rng)
      let maxW = (0..<16).map { Double(w[$0]) }.max()!
      let e = (0..<16).map { Foundation.exp(Double(w[$0]) - maxW) }
      let total = e.reduce(0, +)
      var mixture = 0.0
      for g in 0..<16 { mixture += e[g] / total * GateFunction(table: UInt8(g)).relaxed(a, b) }
      let collapsed = Double(c[0]) + Double(c[1]) * a + Double(c[2]) * b + Double(c[3]) * a * b
      #expect(abs(mixture - collapsed) < 2e-6, "trial \(trial): \(mixture) vs \(collapsed)")
      #expect(abs(Double(p.sum()) - 1) < 1e-6)
    }
  }
}
