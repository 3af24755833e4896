import Foundation
import Testing
import _TestSupport

@testable import BinarizedNets

/// The integer net a trainer exports computes what its float model computes in eval mode
/// (quantized weights, running batch-norm statistics, sign): the same output dot products,
/// hence the same classes, on random states and inputs and on trained ones.
@Suite struct TrainingFoldTests {
  /// A random net: layer modes, widths, latent weights and batch-norm statistics (γ of
  /// both signs and sometimes 0, means and variances on the scale of the layer's dots).
  static func randomState(seed: UInt64) -> BnnTrainingState {
    var random = SeededRandom(seed: seed)
    let integer = Bool.random(using: &random)
    let input: InputFormat =
      integer
      ? .integers(bits: Int.random(in: 2...8, using: &random), signed: Bool.random(using: &random))
      : .bits
    let inputs = Int.random(in: 3...40, using: &random)
    var specs: [DenseLayerSpec] = []
    let count = Int.random(in: 1...4, using: &random)
    for l in 0..<count {
      var choices: [TrainingWeights] = [.binary, .ternary, .ternaryPlinear]
      if l == 0 && integer {
        choices.append(.integer(bits: Int.random(in: 2...10, using: &random)))
      }
      specs.append(
        DenseLayerSpec(
          weights: choices.randomElement(using: &random)!,
          outputs: Int.random(in: 2...24, using: &random)))
    }
    var state = BnnTrainingState(
      config: BnnTrainingConfig(input: input, inputs: inputs, layers: specs, seed: seed))
    let quantized = state.quantizedLayers()
    for l in specs.indices where l + 1 < specs.count {
      let scale = quantized[l].scale
      let magnitude = Float(state.inputMagnitude(layer: l))
      let spread = Float(state.config.fanIn(l)).squareRoot() * magnitude
      for o in 0..<specs[l].outputs {
        let kind = Int.random(in: 0..<10, using: &random)
        state.layers[l].gamma[o] =
          kind == 0 ? 0 : Float.random(in: 0.1...2, using: &random) * (kind < 4 ? -1 : 1)
        state.layers[l].beta[o] = Float.random(in: -1...1, using: &random)
        state.layers[l].runningMean[o] = Float.random(in: -spread...spread, using: &random) * scale
        state.layers[l].runningVariance[o] =
          Float.random(in: 0.01...(spread * spread), using: &random) * scale * scale
      }
    }
    return state
  }

  static func randomSample(_ config: BnnTrainingConfig, using random: inout SeededRandom) -> [Int] {
    switch config.input {
    case .bits: return (0..<config.inputs).map { _ in Int.random(in: 0...1, using: &random) }
    case .integers(let bits, let signed):
      let range = signed ? -(1 << (bits - 1))...((1 << (bits - 1)) - 1) : 0...((1 << bits) - 1)
      return (0..<config.inputs).map { _ in Int.random(in: range, using: &random) }
    }
  }

  /// Every sample's integer scores (reference evaluator and bit-packed runtime) equal the
  /// float model's output dots.
  static func expectAgreement(_ state: BnnTrainingState, samples: [[Int]]) throws {
    let net = try state.exportNet()
    let runtime = PackedBinarizedNet(net)
    let packed = runtime.run(samples.flatMap { $0 }, samples: samples.count)
    let k = net.classes
    for (s, sample) in samples.enumerated() {
      let float = state.evaluationScores(sample)
      let integer = net.referenceScores(sample)
      #expect(float == integer.map(Double.init), "sample \(s): \(sample)")
      #expect(Array(packed.scores[(s * k)..<((s + 1) * k)]) == integer)
    }
  }

  @Test(arguments: 0..<40)
  func foldedNetEqualsTheFloatModelOnRandomNets(seed: Int) throws {
    let state = Self.randomState(seed: UInt64(seed))
    var random = SeededRandom(seed: UInt64(1000 + seed))
    let samples = (0..<60).map { _ in Self.randomSample(state.config, using: &random) }
    try Self.expectAgreement(state, samples: samples)
  }

  /// A small training set: class = whether the first half of the inputs outnumbers the rest.
  static func toyData(inputs: Int, count: Int, seed: UInt64) throws -> BnnDataset {
    var random = SeededRandom(seed: seed)
    var values: [Int] = []
    var labels: [Int] = []
    for _ in 0..<count {
      let x = (0..<inputs).map { _ in Int.random(in: 0...1, using: &random) }
      values += x
      labels.append(x[..<(inputs / 2)].reduce(0, +) > x[(inputs / 2)...].reduce(0, +) ? 1 : 0)
    }
    return try BnnDataset(inputs: inputs, values: values, labels: labels)
  }

  static func config(threads: Int, qmode: Binarization, epochs: Int = 2) -> BnnTrainingConfig {
    BnnTrainingConfig(
      input: .bits, inputs: 12,
      layers: [
        DenseLayerSpec(weights: .ternary, outputs: 16),
        DenseLayerSpec(weights: .ternaryPlinear, outputs: 12),
        DenseLayerSpec(weights: .binary, outputs: 2),
      ],
      estimator: .reste(power: 2, threshold: 1.5), binarization: qmode, seed: 7, epochs: epochs,
      batchSize: 16, learningRate: 0.02, threads: threads)
  }

  @Test func trainedNetsFoldExactlyAndLearn() async throws {
    let data = try Self.toyData(inputs: 12, count: 200, seed: 1)
    var trainer = try BnnTrainer(config: Self.config(threads: 2, qmode: .det, epochs: 6))
    let report = try await trainer.train(on: data, test: data)
    #expect(report.log.count == 6)
    #expect(report.best.trainAccuracy > 0.75, "\(report.log.map(\.line))")
    var random = SeededRandom(seed: 9)
    let samples = (0..<100).map { _ in Self.randomSample(trainer.state.config, using: &random) }
    try Self.expectAgreement(trainer.state, samples: samples)
    try Self.expectAgreement(report.bestModel.state, samples: samples)
  }

  @Test(arguments: [Binarization.det, .stoch])
  func resultsDoNotDependOnThreads(qmode: Binarization) async throws {
    let data = try Self.toyData(inputs: 12, count: 90, seed: 2)
    var digests: [String] = []
    for threads in [1, 2, 3] {
      var trainer = try BnnTrainer(config: Self.config(threads: threads, qmode: qmode))
      let report = try await trainer.train(on: data)
      digests.append(trainer.state.weightsDigest.hexDigest)
      digests.append(report.bestModel.state.weightsDigest.hexDigest)
    }
    #expect(Set(digests.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)).count == 1)
    #expect(Set(digests.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)).count == 1)
    // A different seed trains a different net (the digest can tell runs apart).
    var other = Self.config(threads: 1, qmode: qmode)
    other.seed = 8
    var trainer = try BnnTrainer(config: other)
    _ = try await trainer.train(on: data)
    #expect(trainer.state.weightsDigest.hexDigest != digests[0])
  }

  @Test func stateFileRoundTripsAndResumesBitForBit() async throws {
    let data = try Self.toyData(inputs: 12, count: 70, seed: 4)
    var whole = try BnnTrainer(config: Self.config(threads: 1, qmode: .stoch, epochs: 3))
    _ = try await whole.train(on: data)
    var first = try BnnTrainer(config: Self.config(threads: 1, qmode: .stoch, epochs: 2))
    _ = try await first.train(on: data)
    let text = first.state.fileText()
    let options = Self.config(threads: 2, qmode: .stoch, epochs: 1)
    let loaded = try BnnTrainingState(fileData: Data(text.utf8), options: options)
    var expected = first.state
    expected.config = options
    #expect(loaded == expected)
    var second = try BnnTrainer(config: options, resuming: loaded)
    _ = try await second.train(on: data)
    #expect(second.state.weightsDigest.hexDigest == whole.state.weightsDigest.hexDigest)
    #expect(second.state.step == whole.state.step)
    let broken = text.replacingOccurrences(of: "\"qmode\": \"stoch\"", with: "\"qmode\": \"fast\"")
    #expect(throws: BnnTrainingError.state("field 'qmode': expected 'det' or 'stoch'")) {
      try BnnTrainingState(fileData: Data(broken.utf8), options: options)
    }
  }
}

/// The output batch norm (`--output-bn`) as the per-class affine of the integer dots.
@Suite struct TrainingOutputAffineTests {
  @Test func affineOfTheDotsIsTheEvalModeBatchNorm() throws {
    var state = BnnTrainingState(
      config: BnnTrainingConfig(
        input: .integers(bits: 4, signed: false), inputs: 6,
        layers: [
          DenseLayerSpec(weights: .integer(bits: 5), outputs: 5),
          DenseLayerSpec(weights: .ternary, outputs: 3),
        ],
        outputBatchNorm: true, seed: 4))
    state.layers[1].gamma = [1.5, -0.5, 0.25]
    state.layers[1].beta = [0.1, -0.3, 0.7]
    state.layers[1].runningMean = [0.2, -0.1, 0.05]
    state.layers[1].runningVariance = [0.5, 2, 0.3]
    let quantized = state.quantizedLayers()
    let affine = try #require(try state.outputAffine(quantized[1]))
    var random = SeededRandom(seed: 2)
    for _ in 0..<50 {
      let sample = (0..<6).map { _ in Int.random(in: 0...15, using: &random) }
      let float = state.evaluationScores(sample)
      // The integer dots of the last layer, from a net without the affine.
      var plain = state
      plain.config.outputBatchNorm = false
      let dots = try plain.exportNet().referenceScores(sample)
      for c in 0..<3 {
        let y = Double(affine.scale[c]) * Double(dots[c]) + Double(affine.offset[c])
        #expect(abs(y - float[c]) <= 1e-5 * max(1, abs(float[c])), "class \(c)")
      }
    }
    state.config.outputBatchNorm = false
    #expect(try state.outputAffine(quantized[1]) == nil)
  }
}
