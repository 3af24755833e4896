import Foundation
import Testing
import _TestSupport

@testable import BinarizedNets

/// The convolutional front in training: the exported integer net (convolutions with folded
/// thresholds, max-pools, dense layers) computes what the eval-mode float model computes —
/// the same output dots on every sample — on random and trained nets; training is the same
/// for any thread count, learns, and its state file reads back.
@Suite struct TrainingConvTests {
  /// Random batch-norm parameters on `layer`, on the scale of dots of `spread` (the
  /// weights' integer values times `scale`), γ of both signs and sometimes 0.
  static func randomizeBatchNorm(
    _ layer: inout BnnLayerState, scale: Float, spread: Float, using random: inout SeededRandom
  ) {
    for o in layer.gamma.indices {
      let kind = Int.random(in: 0..<10, using: &random)
      layer.gamma[o] =
        kind == 0 ? 0 : Float.random(in: 0.1...2, using: &random) * (kind < 4 ? -1 : 1)
      layer.beta[o] = Float.random(in: -1...1, using: &random)
      layer.runningMean[o] = Float.random(in: -spread...spread, using: &random) * scale
      layer.runningVariance[o] =
        Float.random(in: 0.01...max(0.02, spread * spread), using: &random) * scale * scale
    }
  }

  /// A random net with a convolutional front: image, 1–3 convolutions (kernel 1–3, stride
  /// 1–2, any padding below the kernel; a max-pool after some), 1–2 dense layers.
  static func randomState(seed: UInt64) -> BnnTrainingState {
    var random = SeededRandom(seed: seed)
    let integer = Bool.random(using: &random)
    let input: InputFormat =
      integer
      ? .integers(bits: Int.random(in: 2...8, using: &random), signed: Bool.random(using: &random))
      : .bits
    let image = ImageShape(
      channels: Int.random(in: 1...2, using: &random),
      height: Int.random(in: 4...8, using: &random),
      width: Int.random(in: 4...8, using: &random))
    var features: [FeatureLayerSpec] = []
    var shape = image
    for l in 0..<Int.random(in: 1...3, using: &random) {
      var choices: [TrainingWeights] = [.binary, .ternary, .ternaryPlinear]
      if l == 0 && integer { choices.append(.integer(bits: Int.random(in: 2...8, using: &random))) }
      let kernel = Int.random(in: 1...min(3, shape.height, shape.width), using: &random)
      let conv = FeatureLayerSpec.convolution(
        weights: choices.randomElement(using: &random)!,
        channels: Int.random(in: 2...5, using: &random), kernel: kernel,
        stride: Int.random(in: 1...2, using: &random),
        padding: Int.random(in: 0..<kernel, using: &random))
      features.append(conv)
      shape = conv.outputShape(shape)
      let pool = FeatureLayerSpec.maxPool(size: 2, stride: Int.random(in: 1...2, using: &random))
      if shape.height >= 2, shape.width >= 2, Bool.random(using: &random) {
        features.append(pool)
        shape = pool.outputShape(shape)
      }
    }
    let dense = (0..<Int.random(in: 1...2, using: &random)).map { _ in
      DenseLayerSpec(
        weights: [.binary, .ternary, .ternaryPlinear].randomElement(using: &random)!,
        outputs: Int.random(in: 2...10, using: &random))
    }
    let config = BnnTrainingConfig(
      input: input, inputs: image.count, layers: dense, seed: seed, image: image,
      features: features)
    var state = BnnTrainingState(config: config)
    let magnitude = Float(BinarizedNet.magnitude(input))
    for (l, q) in state.quantizedFeatures().enumerated() {
      guard let q else { continue }
      let shape = config.featureShapes[l]
      guard case .convolution(_, _, let kernel, _, _) = features[l] else { continue }
      let spread =
        Float(shape.channels * kernel * kernel).squareRoot() * (l == 0 ? magnitude : 1)
      randomizeBatchNorm(&state.features[l], scale: q.scale, spread: spread, using: &random)
    }
    let quantized = state.quantizedLayers()
    for l in dense.indices where l + 1 < dense.count {
      randomizeBatchNorm(
        &state.layers[l], scale: quantized[l].scale,
        spread: Float(config.fanIn(l)).squareRoot(), using: &random)
    }
    return state
  }

  @Test(arguments: 0..<40)
  func foldedConvNetEqualsTheFloatModelOnRandomNets(seed: Int) throws {
    let state = Self.randomState(seed: UInt64(seed))
    try state.config.validate()
    var random = SeededRandom(seed: UInt64(3000 + seed))
    let samples = (0..<40).map { _ in TrainingFoldTests.randomSample(state.config, using: &random) }
    try TrainingFoldTests.expectAgreement(state, samples: samples)
  }

  /// Unrolling the windows and folding row gradients back are adjoint:
  /// `⟨unroll(x), r⟩ = ⟨x, fold(r)⟩` (every tap lands on its pixel, padding on nothing).
  @Test(arguments: 0..<10)
  func unrollAndFoldAreAdjoint(seed: Int) throws {
    var random = SeededRandom(seed: UInt64(seed))
    let image = ImageShape(
      channels: Int.random(in: 1...3, using: &random),
      height: Int.random(in: 3...7, using: &random),
      width: Int.random(in: 3...7, using: &random))
    let kernel = Int.random(in: 1...3, using: &random)
    let layer = ConvolutionLayer(
      mode: .binary, inputChannels: image.channels, outputChannels: 2, kernel: kernel,
      stride: Int.random(in: 1...2, using: &random),
      padding: Int.random(in: 0..<kernel, using: &random), weights: [], activations: [])
    let stage = ConvStage(image: image, layer: layer, weights: .binary)
    let samples = 2
    let x = (0..<(samples * image.count)).map { _ in Double(Int.random(in: -3...3, using: &random))
    }
    let rows = stage.unroll(x.map(Float.init), samples: samples)
    let r = (0..<rows.count).map { _ in Double(Int.random(in: -3...3, using: &random)) }
    let folded = stage.fold(r.map(Float.init), samples: samples)
    let left = zip(rows, r).reduce(0.0) { $0 + Double($1.0) * $1.1 }
    let right = zip(x, folded).reduce(0.0) { $0 + $1.0 * Double($1.1) }
    #expect(left == right)
    #expect(left != 0 || r.allSatisfy { $0 == 0 } || rows.allSatisfy { $0 == 0 })
  }

  /// 1×6×6 bit images; class 1 when the left half has more ones than the right.
  static func toyImages(count: Int, seed: UInt64) throws -> BnnDataset {
    var random = SeededRandom(seed: seed)
    var values: [Int] = []
    var labels: [Int] = []
    for _ in 0..<count {
      let x = (0..<36).map { _ in Int.random(in: 0...1, using: &random) }
      values += x
      let left = (0..<36).filter { $0 % 6 < 3 }.reduce(0) { $0 + x[$1] }
      labels.append(left * 2 > x.reduce(0, +) ? 1 : 0)
    }
    return try BnnDataset(inputs: 36, values: values, labels: labels)
  }

  static func config(threads: Int) -> BnnTrainingConfig {
    BnnTrainingConfig(
      input: .bits, inputs: 36, layers: [DenseLayerSpec(weights: .binary, outputs: 2)],
      seed: 5, epochs: 4, batchSize: 16, learningRate: 0.02, threads: threads,
      image: ImageShape(channels: 1, height: 6, width: 6),
      features: [
        .convolution(weights: .ternary, channels: 6, kernel: 3, stride: 1, padding: 1),
        .maxPool(size: 2, stride: 2),
      ])
  }

  @Test func trainedConvNetsFoldExactlyLearnAndIgnoreThreads() async throws {
    let data = try Self.toyImages(count: 240, seed: 2)
    var trainer = try BnnTrainer(config: Self.config(threads: 2))
    let report = try await trainer.train(on: data, test: data)
    #expect(report.best.trainAccuracy > 0.7, "\(report.log.map(\.line))")
    var random = SeededRandom(seed: 4)
    let samples = (0..<60).map { _ in
      TrainingFoldTests.randomSample(trainer.state.config, using: &random)
    }
    try TrainingFoldTests.expectAgreement(trainer.state, samples: samples)
    var single = try BnnTrainer(config: Self.config(threads: 1))
    _ = try await single.train(on: data, test: data)
    #expect(single.state.features == trainer.state.features)
    #expect(single.state.layers == trainer.state.layers)
    #expect(single.state.weightsDigest.hexDigest == trainer.state.weightsDigest.hexDigest)
    // The state file reads back to the same state.
    let text = trainer.state.fileText()
    #expect(text.contains("\"layers\": \"conv3x3-ternary:6,maxpool2,binary:2\""))
    let loaded = try BnnTrainingState(
      fileData: Data(text.utf8), options: Self.config(threads: 1))
    var expected = trainer.state
    expected.config.threads = 1
    #expect(loaded == expected)
  }

  @Test(arguments: [
    ("conv3x3-int8:16,conv3x3s2p0-binary:32,maxpool2,binary:10", 3),
    ("conv5x5p0-plinear:4,maxpool3s2,ternary:3", 2),
  ])
  func layerListsParse(text: String, front: Int) throws {
    let (features, dense) = try FeatureLayerSpec.parseNet(text)
    #expect(features.count == front)
    #expect(
      (features.map(\.name) + dense.map { "\($0.weights.name):\($0.outputs)" })
        .joined(separator: ",") == text)
  }

  @Test(arguments: [
    ("conv3x3-binary:8", "--layers: expected dense layers after the convolutional front"),
    (
      "binary:8,maxpool2,binary:2",
      "--layers: 'maxpool2' after a dense layer (feature layers come first)"
    ),
    (
      "conv3x4-binary:8,binary:2",
      "--layers: 'conv3x4-binary:8' is not convKxK[sS][pP]-WEIGHTS:CHANNELS or maxpoolN[sS] (e.g. conv3x3-binary:32, maxpool2)"
    ),
    (
      "conv3x3p3-binary:8,binary:2",
      "--layers: 'conv3x3p3-binary:8': stride 1...64 and padding below the kernel"
    ),
    (
      "maxpool2x,binary:2",
      "--layers: 'maxpool2x' is not convKxK[sS][pP]-WEIGHTS:CHANNELS or maxpoolN[sS] (e.g. conv3x3-binary:32, maxpool2)"
    ),
  ])
  func badLayerListsAreOneLineErrors(text: String, message: String) {
    #expect(throws: BnnTrainingError.invalidOption(message)) {
      try FeatureLayerSpec.parseNet(text)
    }
  }

  @Test func badFrontsAreRejectedByTheConfiguration() {
    var config = Self.config(threads: 1)
    config.features = [.maxPool(size: 2, stride: 2)] + config.features
    #expect(
      throws: BnnTrainingError.invalidOption("--layers: a max-pool must follow a convolution")
    ) {
      try config.validate()
    }
    config = Self.config(threads: 1)
    config.image = nil
    #expect(
      throws: BnnTrainingError.invalidOption(
        "--layers: convolution and max-pool layers need --image C,H,W")
    ) { try config.validate() }
    config = Self.config(threads: 1)
    config.features = [
      .convolution(weights: .binary, channels: 2, kernel: 7, stride: 1, padding: 0)
    ]
    #expect(
      throws: BnnTrainingError.invalidOption(
        "--layers: conv7x7p0-binary:2 does not fit its 1×6×6 input")
    ) { try config.validate() }
  }
}
