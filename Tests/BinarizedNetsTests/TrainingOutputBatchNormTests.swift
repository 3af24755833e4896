import Testing
import _TestSupport

@testable import BinarizedNets

/// `--output-bn` end to end: the exported net's class (its exact fixed-point affine of the
/// integer dots) is the eval-mode float model's class on every sample whose float scores are
/// not tied, on random and trained nets.
@Suite struct TrainingOutputBatchNormTests {
  /// A random net of ``TrainingFoldTests/randomState(seed:)`` with an output batch norm of
  /// random γ (both signs, sometimes 0), β and statistics on the scale of the class dots.
  static func randomState(seed: UInt64) -> BnnTrainingState {
    var state = TrainingFoldTests.randomState(seed: seed)
    state.config.outputBatchNorm = true
    var random = SeededRandom(seed: seed ^ 0x5eed)
    let l = state.config.layers.count - 1
    let outputs = state.config.layers[l].outputs
    let scale = state.quantizedLayers()[l].scale
    let spread = Float(state.config.fanIn(l)).squareRoot() * Float(state.inputMagnitude(layer: l))
    var layer = state.layers[l]
    layer.gamma = (0..<outputs).map { _ in
      let kind = Int.random(in: 0..<10, using: &random)
      return kind == 0 ? 0 : Float.random(in: 0.1...2, using: &random) * (kind < 3 ? -1 : 1)
    }
    layer.beta = (0..<outputs).map { _ in Float.random(in: -1...1, using: &random) }
    layer.runningMean = (0..<outputs).map { _ in
      Float.random(in: -spread...spread, using: &random) * scale
    }
    layer.runningVariance = (0..<outputs).map { _ in
      Float.random(in: 0.01...(spread * spread), using: &random) * scale * scale
    }
    layer.m = [Float](repeating: 0, count: layer.latent.count + 2 * outputs)
    layer.v = layer.m
    state.layers[l] = layer
    return state
  }

  /// The first index of the largest score and whether the runner-up is clearly below it
  /// (a relative gap of more than 1e−5: float32 parameters against `Double` arithmetic).
  static func decided(_ scores: [Double]) -> (class: Int, clear: Bool) {
    let best = scores.indices.max {
      scores[$0] < scores[$1] || (scores[$0] == scores[$1] && $0 > $1)
    }!
    let runnerUp = scores.indices.filter { $0 != best }.map { scores[$0] }.max() ?? -.infinity
    return (best, scores[best] - runnerUp > 1e-5 * max(1, abs(scores[best])))
  }

  /// Every clearly decided sample gets the float model's class from the integer net, its
  /// packed runtime agrees with the reference, and enough samples are decided to mean it.
  static func expectSameClasses(_ state: BnnTrainingState, samples: [[Int]]) throws {
    let net = try state.exportNet()
    #expect(net.outputAffine != nil)
    let packed = PackedBinarizedNet(net).run(samples.flatMap { $0 }, samples: samples.count)
    let k = net.classes
    var clear = 0
    for (s, sample) in samples.enumerated() {
      let integer = net.referenceScores(sample)
      #expect(Array(packed.scores[(s * k)..<((s + 1) * k)]) == integer)
      let float = decided(state.evaluationScores(sample))
      guard float.clear else { continue }
      clear += 1
      #expect(BinarizedNet.argmax(integer[...]) == float.class, "sample \(s): \(sample)")
    }
    #expect(clear * 2 >= samples.count, "\(clear) of \(samples.count) samples decided")
  }

  @Test(arguments: 0..<30)
  func foldedClassIsTheFloatClassOnRandomNets(seed: Int) throws {
    let state = Self.randomState(seed: UInt64(seed))
    var random = SeededRandom(seed: UInt64(2000 + seed))
    let samples = (0..<60).map { _ in TrainingFoldTests.randomSample(state.config, using: &random) }
    try Self.expectSameClasses(state, samples: samples)
  }

  @Test func trainedWithAnOutputBatchNormItFoldsAndLearns() async throws {
    let data = try TrainingFoldTests.toyData(inputs: 12, count: 200, seed: 1)
    var config = TrainingFoldTests.config(threads: 2, qmode: .det, epochs: 6)
    config.outputBatchNorm = true
    var trainer = try BnnTrainer(config: config)
    let report = try await trainer.train(on: data, test: data)
    #expect(report.best.trainAccuracy > 0.75, "\(report.log.map(\.line))")
    var random = SeededRandom(seed: 9)
    let samples = (0..<100).map { _ in
      TrainingFoldTests.randomSample(trainer.state.config, using: &random)
    }
    try Self.expectSameClasses(trainer.state, samples: samples)
    try Self.expectSameClasses(report.bestModel.state, samples: samples)
    // The same run on one thread is the same state.
    config.threads = 1
    var single = try BnnTrainer(config: config)
    _ = try await single.train(on: data, test: data)
    #expect(single.state.weightsDigest.hexDigest == trainer.state.weightsDigest.hexDigest)
  }
}
