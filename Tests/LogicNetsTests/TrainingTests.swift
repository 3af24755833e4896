import Foundation
import Testing
import _TestSupport

@testable import LogicNets

/// All 256 inputs of 8 bits, labelled by (x0 XOR x1) OR (x2 AND x3 AND NOT x7).
private func synthetic() throws -> LogicDataset {
  var bits: [UInt8] = []
  var labels: [Int32] = []
  for v in 0..<256 {
    let x = (0..<8).map { UInt8((v >> $0) & 1) }
    bits += x
    labels.append(Int32((x[0] ^ x[1]) | (x[2] & x[3] & (1 - x[7]))))
  }
  return try LogicDataset(bits: bits, inputs: 8, labels: labels)
}

@Suite struct TrainingTests {
  @Test func learnsASmallBooleanFunction() async throws {
    let data = try synthetic()
    let config = LogicNetConfig(
      inputs: 8, layerWidths: [32, 32, 16], classes: 2, tau: 1, connections: .random, seed: 1)
    var trainer = try LogicNetTrainer(
      model: LogicNetModel(config: config),
      options: TrainingOptions(iterations: 600, batchSize: 32, evaluationInterval: 100))
    let report = try await trainer.train(on: data, test: data)
    #expect(report.best.trainAccuracy >= 0.95, "\(report.log.map(\.line))")
    #expect(report.bestModel.discretized().accuracy(data.packedBits, labels: data.labels) >= 0.95)
    #expect(report.log.count == 6)
    #expect(report.log.first!.loss > report.log.last!.loss)
  }

  /// The result depends on the partitions, never on the thread count or scheduling.
  @Test func sameSeedAndPartitionsGiveTheSameWeightsForAnyThreadCount() async throws {
    let data = try synthetic()
    let config = LogicNetConfig(
      inputs: 8, layerWidths: [40, 24], classes: 2, tau: 2, connections: .random, seed: 5)
    var digests: [String] = []
    for threads in [1, 2, 3] {
      var trainer = try LogicNetTrainer(
        model: LogicNetModel(config: config),
        options: TrainingOptions(iterations: 30, batchSize: 50, threads: threads, partitions: 3))
      digests.append(try await trainer.train(on: data).finalModel.weightsDigest.hexDigest)
    }
    #expect(Set(digests).count == 1, "\(digests)")
    var otherSeed = try LogicNetTrainer(
      model: LogicNetModel(
        config: LogicNetConfig(
          inputs: 8, layerWidths: [40, 24], classes: 2, tau: 2, connections: .random, seed: 6)),
      options: TrainingOptions(iterations: 30, batchSize: 50, partitions: 3))
    #expect(try await otherSeed.train(on: data).finalModel.weightsDigest.hexDigest != digests[0])
  }

  @Test func rejectsDataThatDoesNotFitTheModel() async throws {
    let config = LogicNetConfig(
      inputs: 3, layerWidths: [4], classes: 2, tau: 1, connections: .random)
    var trainer = try LogicNetTrainer(
      model: LogicNetModel(config: config), options: TrainingOptions(iterations: 1))
    let wrongWidth = try LogicDataset(bits: [0, 1], inputs: 2, labels: [0])
    await #expect(throws: LogicNetsError.invalidData("training data has 2 inputs, the model 3")) {
      try await trainer.train(on: wrongWidth)
    }
    let badLabel = try LogicDataset(bits: [0, 1, 1], inputs: 3, labels: [2])
    await #expect(
      throws: LogicNetsError.invalidData(
        "training data: sample 0 has label 2, the model has 2 classes")
    ) {
      try await trainer.train(on: badLabel)
    }
    #expect(throws: LogicNetsError.invalidData("sample 0, input 1: value 2.0 is outside [0, 1]")) {
      try LogicDataset(values: [0, 2], inputs: 2, labels: [0])
    }
  }

  /// A loss temperature or learning rate that overflows stops training at the step where
  /// it happens, with an error naming it, instead of finishing with NaN logits.
  @Test func divergingTrainingStopsAtTheFirstNonFiniteStep() async throws {
    let data = try synthetic()
    func run(tau: Float, learningRate: Float) async -> String {
      let config = LogicNetConfig(
        inputs: 8, layerWidths: [16, 8], classes: 2, tau: tau, connections: .random, seed: 2)
      do {
        var trainer = try LogicNetTrainer(
          model: LogicNetModel(config: config),
          options: TrainingOptions(iterations: 20, batchSize: 16, learningRate: learningRate))
        _ = try await trainer.train(on: data)
        return "no error"
      } catch { return error.description }
    }
    #expect(
      await run(tau: .leastNonzeroMagnitude, learningRate: 0.01)
        == "training diverged at iteration 1: the loss is not finite")
    #expect(
      await run(tau: 1, learningRate: 3e38)
        == "training diverged at iteration 1: the parameters are not finite")
  }

  /// Sizes that would exhaust memory or overflow are one-line errors before any allocation.
  @Test func oversizedConfigurationsAreRejected() throws {
    func message(_ widths: [Int], inputs: Int = 8) -> String {
      do {
        try LogicNetConfig(inputs: inputs, layerWidths: widths, classes: 1, tau: 1).validate()
        return "valid"
      } catch { return error.description }
    }
    #expect(
      message([999_999_999])
        == "invalid configuration: more than 16777216 gates in layers 0...0 (16 trainable logits each)"
    )
    #expect(
      message([8, 9_000_000_000_000_000_000, 9_000_000_000_000_000_000])
        == "invalid configuration: more than 16777216 gates in layers 0...1 (16 trainable logits each)"
    )
    #expect(
      message(Array(repeating: 1, count: 4097))
        == "invalid configuration: a net has 1...4096 layers, got 4097")
    #expect(
      message([8], inputs: 1 << 21)
        == "invalid configuration: inputs must be in 1...1048576, got 2097152")
    #expect(message(Array(repeating: 4096, count: 4096)) == "valid")
    func options(threads: Int = 1, partitions: Int = 2) -> String {
      do {
        try TrainingOptions(iterations: 1, threads: threads, partitions: partitions).validate()
        return "valid"
      } catch { return error.description }
    }
    #expect(
      options(partitions: 1_099_511_627_776)
        == "invalid training option: partitions must be in 1...1024, got 1099511627776")
    #expect(
      options(threads: 4_611_686_018_427_387_904)
        == "invalid training option: threads must be in 1...1024, got 4611686018427387904")
    #expect(TrainingOptions(iterations: 1, threads: 7).partitions == 2)
    let wide = try LogicNetModel(
      config: LogicNetConfig(
        inputs: 8, layerWidths: [100_000], classes: 1, tau: 1, connections: .random,
        initialization: .residual(z: 1)))
    #expect(
      throws: LogicNetsError.training(
        .invalidOption(
          "1024 partitions × 100000 rows exceed the worker budget of 67108864 rows; use fewer "
            + "partitions"))
    ) {
      try LogicNetTrainer(model: wide, options: TrainingOptions(iterations: 1, partitions: 1024))
    }
  }

  /// The default partition count is a constant: with default options the weights do not
  /// change with the thread count.
  @Test func defaultOptionsGiveTheSameWeightsForAnyThreadCount() async throws {
    let data = try synthetic()
    let config = LogicNetConfig(
      inputs: 8, layerWidths: [40, 24], classes: 2, tau: 2, connections: .random, seed: 8)
    var digests: Set<String> = []
    for threads in [1, 2, 4] {
      var trainer = try LogicNetTrainer(
        model: LogicNetModel(config: config),
        options: TrainingOptions(iterations: 20, batchSize: 50, threads: threads))
      digests.insert(try await trainer.train(on: data).finalModel.weightsDigest.hexDigest)
    }
    #expect(digests.count == 1)
  }
}
