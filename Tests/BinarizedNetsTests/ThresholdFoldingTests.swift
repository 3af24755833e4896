import BinarizedNets
import Testing
import _TestSupport

/// Batch norm folded into integer thresholds, against exact evaluations.
@Suite struct ThresholdFoldingTests {
  /// Parameters whose threshold is exactly the integer `t0` (BN = 0 there, a tie that
  /// fires): √(σ²+ε) = s and β·s/γ are short dyadic numbers, so μ = t0 + b + β·s/γ is exact
  /// in float32. Moving μ one ulp either way must move the threshold the right way.
  @Test func tiesAndOneUlpAwayAreExact() throws {
    var random = SeededRandom(seed: 12)
    for trial in 0..<400 {
      let s = Double(Int.random(in: 1...64, using: &random)) / 8
      let gamma =
        Double(Bool.random(using: &random) ? 1 : -1)
        * Double(1 << Int.random(in: 0...4, using: &random)) / 4
      let beta = Double(Int.random(in: -200...200, using: &random)) / 16
      let bias = Double(Int.random(in: -100...100, using: &random)) / 4
      let t0 = Int.random(in: -30...30, using: &random)
      let mean = Double(t0) + bias + beta * s / gamma
      #expect(Double(Float(mean)) == mean && Double(Float(s * s)) == s * s)
      let p = BatchNormParameters(
        gamma: Float(gamma), beta: Float(beta), mean: Float(mean), variance: Float(s * s),
        epsilon: 0, bias: Float(bias))
      let bound = 100
      let atTie = try ThresholdFolding.fold(p, dotBound: bound)
      #expect(atTie == (gamma > 0 ? .atLeast(t0) : .atMost(t0)), "trial \(trial)")
      var up = p
      up.mean = Float(mean).nextUp
      #expect(
        try ThresholdFolding.fold(up, dotBound: bound)
          == (gamma > 0 ? .atLeast(t0 + 1) : .atMost(t0)), "trial \(trial) up")
      var down = p
      down.mean = Float(mean).nextDown
      #expect(
        try ThresholdFolding.fold(down, dotBound: bound)
          == (gamma > 0 ? .atLeast(t0) : .atMost(t0 - 1)), "trial \(trial) down")
    }
  }

  /// Random float32 parameters: the folded activation agrees with BN(dot + b) ≥ 0 evaluated
  /// in Double wherever that value is not within 1e-9 of 0 (where Double could be wrong).
  @Test func randomParametersMatchTheDefinition() throws {
    var random = SeededRandom(seed: 7)
    for trial in 0..<300 {
      func value(_ range: ClosedRange<Double>) -> Float {
        Float(Double.random(in: range, using: &random))
      }
      let p = BatchNormParameters(
        gamma: value(-3...3), beta: value(-3...3), mean: value(-40...40),
        variance: value(0...20), epsilon: 1e-5, bias: value(-5...5))
      let bound = 64
      let folded = try ThresholdFolding.fold(p, dotBound: bound)
      for dot in -bound...bound {
        let bn =
          Double(p.gamma) * (Double(dot) + Double(p.bias) - Double(p.mean))
          / (Double(p.variance) + Double(p.epsilon)).squareRoot() + Double(p.beta)
        guard abs(bn) > 1e-9 else { continue }
        #expect(folded.fires(dot) == (bn >= 0), "trial \(trial), dot \(dot), \(p)")
      }
    }
  }

  @Test func zeroGammaIsConstantAndFarThresholdsClamp() throws {
    let zero = BatchNormParameters(gamma: 0, beta: -0.5, mean: 3, variance: 1, epsilon: 0)
    #expect(try ThresholdFolding.fold(zero, dotBound: 10) == .constant(false))
    var positive = zero
    positive.beta = 0
    #expect(try ThresholdFolding.fold(positive, dotBound: 10) == .constant(true))
    let high = BatchNormParameters(gamma: 1, beta: 0, mean: 1e6, variance: 1, epsilon: 0)
    #expect(try ThresholdFolding.fold(high, dotBound: 10) == .atLeast(11))
    let low = BatchNormParameters(gamma: -1, beta: 0, mean: 1e6, variance: 1, epsilon: 0)
    #expect(try ThresholdFolding.fold(low, dotBound: 10) == .atMost(10))
  }

  @Test func badParametersAreOneLineErrors() {
    let nan = BatchNormParameters(gamma: 1, beta: .nan, mean: 0, variance: 1, epsilon: 0)
    #expect(throws: BinarizedNetError.batchNorm("'beta' is not finite")) {
      try ThresholdFolding.fold(nan, dotBound: 4)
    }
    let zero = BatchNormParameters(gamma: 1, beta: 0, mean: 0, variance: 0, epsilon: 0)
    #expect(throws: BinarizedNetError.batchNorm("'variance' + 'epsilon' is zero")) {
      try ThresholdFolding.fold(zero, dotBound: 4)
    }
    let negative = BatchNormParameters(gamma: 1, beta: 0, mean: 0, variance: -1, epsilon: 0)
    #expect(throws: BinarizedNetError.batchNorm("'variance' is negative")) {
      try ThresholdFolding.fold(negative, dotBound: 4)
    }
  }
}
