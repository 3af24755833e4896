import Testing
import _TestSupport

@testable import LogicNets

/// Weights digests of short training runs, pinned from the trainer before the training core
/// was extracted: any change to batching, shuffling, reduction order, Adam or the kernels
/// shows up here. Residual initialisation keeps them independent of `CounterRNG.normal`.
@Suite struct PinnedDigestTests {
  private static func data() throws -> LogicDataset {
    var rng = SeededRandom(seed: 77)
    let bits = (0..<150 * 10).map { _ in UInt8.random(in: 0...1, using: &rng) }
    let labels = (0..<150).map { (s: Int) -> Int32 in
      let x: UInt8 = bits[s * 10] ^ (bits[s * 10 + 4] & bits[s * 10 + 7])
      return Int32(x)
    }
    return try LogicDataset(bits: bits, inputs: 10, labels: labels)
  }

  struct Case: Sendable, CustomStringConvertible {
    var name: String
    var tileWidth: Int
    var partitions: Int
    var threads: Int
    var connections: ConnectionScheme
    var gradFactor: Float
    var validation: Bool
    var learningRate: Float = 0.05
    var final: String
    var best: String
    var bestIteration: Int
    var description: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "tile 8, 1 part", tileWidth: 8, partitions: 1, threads: 1, connections: .random,
      gradFactor: 1, validation: false,
      final: "4f313cd91e6725ca22b9a5bcf5606e0b0ce4c6c0e4562599473424c5d6442445",
      best: "4f313cd91e6725ca22b9a5bcf5606e0b0ce4c6c0e4562599473424c5d6442445", bestIteration: 40),
    Case(
      name: "tile 16, 3 parts, 2 threads", tileWidth: 16, partitions: 3, threads: 2,
      connections: .unique, gradFactor: 1.5, validation: false,
      final: "b6cc5781b42cecfba5a30b16acc8df3007f83ad965914209db13ace0f5b705a9",
      best: "b6cc5781b42cecfba5a30b16acc8df3007f83ad965914209db13ace0f5b705a9",
      bestIteration: 40),
    Case(
      name: "tile 8, 2 parts, validation", tileWidth: 8, partitions: 2, threads: 2,
      connections: .random, gradFactor: 1, validation: true,
      final: "f0d397afd4f9d13d1edbb45767c7557aa76973ee7be239da783a8feff76729ad",
      best: "f0d397afd4f9d13d1edbb45767c7557aa76973ee7be239da783a8feff76729ad",
      bestIteration: 40),
    Case(
      name: "tile 16, 2 parts, validation, lr 0.5", tileWidth: 16, partitions: 2, threads: 1,
      connections: .random, gradFactor: 1, validation: true, learningRate: 0.5,
      final: "3572ff963db519f7fe3bb3521e3c8fbab9a0933dc36e30d42553bb4fc8f769c9",
      best: "3572ff963db519f7fe3bb3521e3c8fbab9a0933dc36e30d42553bb4fc8f769c9", bestIteration: 40),
  ]

  @Test(arguments: cases)
  func trainingReproducesPinnedDigests(_ c: Case) async throws {
    let all = try Self.data()
    let config = LogicNetConfig(
      inputs: 10, layerWidths: [24, 20, 12], classes: 2, tau: 1.5, connections: c.connections,
      initialization: .residual(z: 2), seed: 9, gradFactor: c.gradFactor)
    var trainer = try LogicNetTrainer(
      model: LogicNetModel(config: config),
      options: TrainingOptions(
        iterations: 40, batchSize: 32, learningRate: c.learningRate, threads: c.threads,
        partitions: c.partitions, tileWidth: c.tileWidth, evaluationInterval: 5))
    let train = c.validation ? all.prefix(110) : all
    let validation =
      c.validation
      ? try LogicDataset(
        values: Array(all.values[(110 * 10)...]), inputs: 10, labels: Array(all.labels[110...]))
      : nil
    let report = try await trainer.train(on: train, validation: validation)
    #expect(report.finalModel.weightsDigest.hexDigest == c.final)
    #expect(report.bestModel.weightsDigest.hexDigest == c.best)
    #expect(report.best.iteration == c.bestIteration)
  }
}
