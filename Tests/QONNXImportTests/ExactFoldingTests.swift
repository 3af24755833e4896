import BinarizedNets
import Testing
import _TestSupport

@testable import QONNXImport

/// The import's exact folding of a neuron's affine chain against
/// ``BinarizedNets/ThresholdFolding`` (a separate implementation of the same inequality), and
/// against the chain evaluated in rationals at every dot.
@Suite struct ExactFoldingTests {
  /// A float of a few significant bits, sometimes zero or negative, to make ties likely.
  static func small(_ rng: inout SeededRandom, positive: Bool = false) -> Float {
    let m = Float(Int.random(in: positive ? 1...15 : -15...15, using: &rng))
    return m * Float(sign: .plus, exponent: Int.random(in: -4...2, using: &rng), significand: 1)
  }

  @Test func batchNormAfterABiasFoldsAsThresholdFoldingDoes() throws {
    var rng = SeededRandom(seed: 12)
    for trial in 0..<3000 {
      let p = BatchNormParameters(
        gamma: Self.small(&rng), beta: Self.small(&rng), mean: Self.small(&rng),
        variance: Self.small(&rng, positive: true), epsilon: trial % 3 == 0 ? 0 : 1e-5,
        bias: Self.small(&rng))
      let bound = Int.random(in: 0...40, using: &rng)
      var neuron = NeuronAffine(scale: .one)
      neuron.add(Dyadic(p.bias))
      let applied = neuron.batchNorm(
        gamma: Dyadic(p.gamma), beta: Dyadic(p.beta), mean: Dyadic(p.mean),
        variance: Dyadic(p.variance) + Dyadic(p.epsilon))
      #expect(applied)
      let want = try ThresholdFolding.fold(p, dotBound: bound)
      #expect(neuron.activation(bound: bound) == want, "trial \(trial): \(p), bound \(bound)")
    }
  }

  @Test func aScaledMulAddChainFoldsToItsSignAtEveryDot() {
    var rng = SeededRandom(seed: 5)
    for trial in 0..<2000 {
      // y = m·(s·d + b) + a, all dyadic: the sign decided directly in rationals.
      let s = Self.small(&rng, positive: true)
      let (b, m, a) = (Self.small(&rng), Self.small(&rng), Self.small(&rng))
      var neuron = NeuronAffine(scale: Dyadic(s))
      neuron.add(Dyadic(b))
      neuron.multiply(by: Dyadic(m))
      neuron.add(Dyadic(a))
      let bound = 20
      let activation = neuron.activation(bound: bound)
      for d in -bound...bound {
        let y = Dyadic(m) * (Dyadic(s) * Dyadic(d) + Dyadic(b)) + Dyadic(a)
        #expect(activation.fires(d) == (y.signum >= 0), "trial \(trial), d \(d)")
      }
    }
  }

  @Test func floatsRoundTripThroughDyadics() {
    let values: [Float] = [
      0, -0.0, 1, -1, 0.1, -3.75, .leastNonzeroMagnitude, .leastNormalMagnitude,
      .greatestFiniteMagnitude, -.greatestFiniteMagnitude, 1e-40,
    ]
    for x in values { #expect(Dyadic(x).exactFloat == x) }
    // 1 + 2^-30 is no float32.
    #expect(
      (Dyadic(1) + Dyadic(Float(sign: .plus, exponent: -30, significand: 1))).exactFloat == nil)
    #expect((Dyadic(Float(0.1)) * Dyadic(Float(0.1))).exactFloat == nil)
  }
}
