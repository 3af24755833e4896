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
}
