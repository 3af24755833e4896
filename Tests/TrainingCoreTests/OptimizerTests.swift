import Foundation
import Testing

@testable import TrainingCore

@Suite struct OptimizerTests {
  /// Adam in `Double` from the paper's formulas (bias corrections by `pow`): the `Float`
  /// rows agree to float precision over 30 steps, and a 16-wide row gives the same bits as
  /// 16 scalar rows.
  @Test func adamFollowsTorchsFormulation() {
    let h = AdamHyperparameters(learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-6)
    var adam = AdamOptimizer(h)
    var w = SIMD16<Float>((0..<16).map { Float($0) / 8 - 1 })
    var m = SIMD16<Float>()
    var v = SIMD16<Float>()
    var scalars = (0..<16).map { (w: w[$0], m: Float(0), v: Float(0)) }
    var ref = (0..<16).map { (w: Double(w[$0]), m: 0.0, v: 0.0) }
    for t in 1...30 {
      let g = SIMD16<Float>((0..<16).map { sin(Float($0 * t)) })
      adam.beginStep()
      let s = adam.stepScalars
      adam.update(&w, m: &m, v: &v, gradient: g, scalars: s)
      for k in 0..<16 {
        var row = scalars[k]
        adam.update(&row.w, m: &row.m, v: &row.v, gradient: g[k], scalars: s)
        scalars[k] = row
        let gk = Double(g[k])
        ref[k].m = 0.8 * ref[k].m + 0.2 * gk
        ref[k].v = 0.99 * ref[k].v + 0.01 * gk * gk
        let mHat = ref[k].m / (1 - pow(0.8, Double(t)))
        let denominator = ref[k].v.squareRoot() / (1 - pow(0.99, Double(t))).squareRoot() + 1e-6
        ref[k].w -= 0.05 * mHat / denominator
      }
    }
    #expect(adam.step == 30)
    for k in 0..<16 {
      #expect(w[k].bitPattern == scalars[k].w.bitPattern, "lane \(k)")
      #expect(abs(Double(w[k]) - ref[k].w) < 1e-5, "lane \(k): \(w[k]) vs \(ref[k].w)")
    }
  }

  /// Resuming at step t gives the same bias corrections as taking t steps, even for step
  /// counts far beyond where the powers underflow to 0.
  @Test func adamResumesAtAStepCount() {
    let h = AdamHyperparameters(learningRate: 0.01)
    var stepped = AdamOptimizer(h)
    for _ in 0..<1000 { stepped.beginStep() }
    #expect(AdamOptimizer(h, step: 1000) == stepped)
    var late = AdamOptimizer(h, step: 1 << 62)
    late.beginStep()
    #expect(late.stepScalars == (0.01, 1))
  }

  @Test func adamRejectsBadHyperparameters() {
    #expect(throws: TrainingError.invalidOption("learning rate must be positive, got inf")) {
      try AdamHyperparameters(learningRate: .infinity).validate()
    }
    #expect(throws: TrainingError.invalidOption("Adam betas must be in [0, 1)")) {
      try AdamHyperparameters(learningRate: 1, beta2: 1).validate()
    }
  }

  /// torch.optim.SGD(momentum=0.9, weight_decay=0.1): the buffer starts as the first
  /// gradient, then b ← 0.9·b + g; worked by hand for w0 = 1, g = 0.5 then 0.25.
  @Test func sgdMomentumMatchesTorch() throws {
    var sgd = try SGDMomentum(learningRate: 0.5, momentum: 0.9, weightDecay: 0.1)
    var w: Float = 1
    var buffer: Float = 0
    sgd.beginStep()
    sgd.update(&w, buffer: &buffer, gradient: 0.5)  // g' = 0.6, b = 0.6, w = 0.7
    #expect(buffer == 0.6 && w == 1 - 0.5 * Float(0.6))
    sgd.beginStep()
    sgd.update(&w, buffer: &buffer, gradient: 0.25)  // g' = 0.32, b = 0.86, w = 0.27
    #expect(abs(buffer - 0.86) < 1e-6 && abs(w - 0.27) < 1e-6)
    #expect(throws: TrainingError.invalidOption("momentum must be in [0, 1), got 1.0")) {
      try SGDMomentum(learningRate: 0.1, momentum: 1)
    }
  }
}
