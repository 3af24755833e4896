import Foundation
import Testing
import _TestSupport

@testable import BinarizedNets

/// Magnitude pruning of a training state (``BnnTrainingState/pruned(sparsity:)``) and
/// fine-tuning with the mask fixed.
@Suite struct PruningTrainingTests {
  static func config(epochs: Int) -> BnnTrainingConfig {
    BnnTrainingConfig(
      input: .bits, inputs: 12,
      layers: [
        DenseLayerSpec(weights: .binary, outputs: 16),
        DenseLayerSpec(weights: .ternary, outputs: 12),
        DenseLayerSpec(weights: .ternaryPlinear, outputs: 2),
      ],
      seed: 3, epochs: epochs, batchSize: 16, learningRate: 0.02, threads: 2)
  }

  /// A one-layer state of `mode` with the given latent weights (3 inputs, 2 outputs).
  static func state(_ mode: TrainingWeights, latent: [Float]) -> BnnTrainingState {
    let config = BnnTrainingConfig(
      input: .bits, inputs: 3, layers: [DenseLayerSpec(weights: mode, outputs: 2)])
    var state = BnnTrainingState(config: config)
    state.layers[0].latent = latent
    return state
  }

  @Test func smallestMagnitudesArePrunedFirst() throws {
    // |W| order: 0.05 (4), 0.1 (1), 0.3 (5) go at sparsity 0.5; the binary layer deploys
    // as ternary.
    let binary = try Self.state(.binary, latent: [0.9, -0.1, 0.5, -0.7, 0.05, 0.3])
      .pruned(sparsity: 0.5)
    #expect(binary.layers[0].pruned == [false, true, false, false, true, true])
    #expect(binary.layers[0].latent == [0.9, 0, 0.5, -0.7, 0, 0])
    let net = try binary.exportNet()
    #expect(net.layers[0].mode == .ternary && net.layers[0].weights == [1, 0, 1, -1, 0, 0])
    // plinear: q = [1, −1, 0, 1, 0, 1]; zeros first (2, 4), then the +1 with P = 0.1 (3).
    let p: [Float] = [0.9, -0.2, 0.4, 0.1, -0.3, 0.6]
    let n: [Float] = [-0.5, 0.7, 0.8, -0.1, -0.2, -0.05]
    let plinear = try Self.state(.ternaryPlinear, latent: p + n).pruned(sparsity: 0.5)
    #expect(plinear.layers[0].pruned == [false, false, true, true, true, false])
    #expect(try plinear.exportNet().layers[0].weights == [1, -1, 0, 0, 0, 1])
    #expect(throws: BnnTrainingError.self) { try binary.pruned(sparsity: 1.5) }
  }

  @Test func prunedWeightsStayZeroThroughFineTuning() async throws {
    let data = try TrainingFoldTests.toyData(inputs: 12, count: 200, seed: 2)
    var trainer = try BnnTrainer(config: Self.config(epochs: 3))
    let trained = try await trainer.train(on: data).bestModel.state
    let pruned = try trained.pruned(sparsity: 0.6)
    var config = pruned.config
    config.epochs = 2
    var tuner = try BnnTrainer(config: config, resuming: pruned)
    let report = try await tuner.train(on: data)
    let tuned = report.bestModel.state
    #expect(tuned.step > pruned.step)
    for state in [pruned, tuned] {
      let net = try state.exportNet()
      #expect(net.layers[0].mode == .ternary)
      for (l, layer) in net.layers.enumerated() {
        let mask = try #require(state.layers[l].pruned)
        #expect(mask == pruned.layers[l].pruned)
        #expect(mask.count { $0 } >= Int((0.6 * Double(mask.count)).rounded(.up)))
        #expect(zip(mask, layer.weights).allSatisfy { !$0 || $1 == 0 }, "layer \(l)")
      }
    }
    var random = SeededRandom(seed: 9)
    let samples = (0..<40).map { _ in (0..<12).map { _ in Int.random(in: 0...1, using: &random) } }
    try TrainingFoldTests.expectAgreement(tuned, samples: samples)
    // The state file keeps the masks, and a mask of the wrong size is an error.
    let read = try BnnTrainingState(fileData: Data(tuned.fileText().utf8), options: config)
    #expect(read == tuned)
    let broken = tuned.fileText().replacingOccurrences(of: "\"pruned\": [1,", with: "\"pruned\": [")
    #expect(throws: BnnTrainingError.self) {
      try BnnTrainingState(fileData: Data(broken.utf8), options: config)
    }
  }
}
