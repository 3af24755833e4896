import Foundation
import Testing

@testable import TrainingCore

@Suite struct HeadTests {
  @Test func expIsWithinTwoUlpsOfTheLibraryExp() {
    var worst: Float = 0
    for i in 0..<20_000 {
      let x = -87 + Float(i) * (175 / 20_000)
      let ours = DeterministicMath.exp(x)
      let reference = Float(Foundation.exp(Double(x)))
      worst = max(worst, abs(ours - reference) / reference.ulp)
    }
    #expect(worst <= 2, "worst error \(worst) ulp")
  }

  /// Loss and gradient against a `Double` reference of softmax cross-entropy; the gradient
  /// also against central finite differences of that reference.
  @Test func crossEntropyMatchesADoubleReference() {
    let scores: [Float] = [0.3, -1.2, 2.5, 0.0, 1.1]
    func reference(_ z: [Double], label: Int) -> Double {
      let top = z.max()!
      return log(z.map { exp($0 - top) }.reduce(0, +)) + top - z[label]
    }
    for label in 0..<scores.count {
      var z = scores
      let loss = SoftmaxCrossEntropy.apply(&z, label: label, scale: 0.5)
      let base = scores.map(Double.init)
      #expect(abs(loss - reference(base, label: label)) < 1e-6)
      for c in 0..<scores.count {
        var plus = base
        var minus = base
        plus[c] += 1e-5
        minus[c] -= 1e-5
        let numeric =
          (reference(plus, label: label) - reference(minus, label: label)) / 2e-5 * 0.5
        #expect(abs(Double(z[c]) - numeric) < 1e-5, "label \(label) class \(c)")
      }
    }
  }

  /// A hopeless sample's loss is capped by the least normal probability, not infinite.
  @Test func crossEntropyLossStaysFinite() {
    var z: [Float] = [0, 200, 200]
    #expect(
      SoftmaxCrossEntropy.apply(&z, label: 0, scale: 1) == -log(Double(Float.leastNormalMagnitude)))
  }
}
