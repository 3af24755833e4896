import Foundation
import Testing
import _TestSupport

@testable import LogicNets

/// The spec's table (`shared/spec/difflogic.md` §1): outputs for (a,b) = 00, 01, 10, 11.
private let specTruthTable: [[Int]] = [
  [0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0], [0, 0, 1, 1], [0, 1, 0, 0], [0, 1, 0, 1],
  [0, 1, 1, 0], [0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 1], [1, 0, 1, 0], [1, 0, 1, 1],
  [1, 1, 0, 0], [1, 1, 0, 1], [1, 1, 1, 0], [1, 1, 1, 1],
]

@Suite struct GateTableTests {
  @Test func truthTablesMatchTheSpecAndTheId() {
    for gate in 0..<16 {
      let rows = [(false, false), (false, true), (true, false), (true, true)]
      let outputs = rows.map { LogicGate.apply(UInt8(gate), $0.0, $0.1) ? 1 : 0 }
      #expect(outputs == specTruthTable[gate], "gate \(gate)")
      #expect(outputs.reduce(0) { $0 * 2 + $1 } == gate, "the id is the MSB-first table")
    }
  }

  @Test func relaxedGatesEqualTheTruthTableAtTheCorners() {
    for gate in UInt8(0)..<16 {
      for (row, (a, b)) in [(0.0, 0.0), (0, 1), (1, 0), (1, 1)].enumerated() {
        #expect(LogicGate.relaxed(gate, a, b) == Double(specTruthTable[Int(gate)][row]))
      }
    }
  }

  /// On a grid of dyadic points every product and sum is exact in Double, so difflogic's
  /// expression shapes and the bilinear form must agree exactly.
  @Test func bilinearCoefficientsEqualTheRelaxedGates() {
    for gate in UInt8(0)..<16 {
      let (c0, c1, c2, c3) = LogicGate.coefficients[Int(gate)]
      for i in 0...32 {
        for j in 0...32 {
          let a = Double(i) / 32
          let b = Double(j) / 32
          let bilinear = Double(c0) + Double(c1) * a + Double(c2) * b + Double(c3) * a * b
          #expect(LogicGate.relaxed(gate, a, b) == bilinear, "gate \(gate) at (\(a), \(b))")
        }
      }
    }
  }

  @Test func wordGatesMatchBooleanGatesOnEveryLane() {
    let a: UInt64 = 0xF0F0_F0F0_CCCC_AAAA
    let b: UInt64 = 0xFF00_FF00_F0F0_CCCC
    for gate in UInt8(0)..<16 {
      let word = LogicGate.apply(gate, words: a, b)
      for lane in 0..<64 {
        let bit = { (w: UInt64) in (w >> UInt64(lane)) & 1 == 1 }
        #expect(bit(word) == LogicGate.apply(gate, bit(a), bit(b)), "gate \(gate) lane \(lane)")
      }
    }
  }

  @Test func namesFollowDifflogic() {
    #expect(LogicGate.names[1] == "and" && LogicGate.names[6] == "xor")
    #expect(LogicGate.names[11] == "implied_by" && LogicGate.names[14] == "not_and")
  }

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
      for g in 0..<16 { mixture += e[g] / total * LogicGate.relaxed(UInt8(g), a, b) }
      let collapsed = Double(c[0]) + Double(c[1]) * a + Double(c[2]) * b + Double(c[3]) * a * b
      #expect(abs(mixture - collapsed) < 2e-6, "trial \(trial): \(mixture) vs \(collapsed)")
      #expect(abs(Double(p.sum()) - 1) < 1e-6)
    }
  }
}
