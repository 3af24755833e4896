import Testing

@testable import TrainingCore

/// A one-parameter family: w moves toward the mean of the batch's targets by plain SGD; a
/// `poison` step makes the parameter or the loss non-finite.
private struct MeanFamily: TrainingFamily {
  var w: Float = 0
  var poisonAt: Int? = nil
  var poisonLoss = false
  var steps = 0

  mutating func step(batch: [Int], of samples: [Float]) async -> StepOutcome {
    steps += 1
    let mean = batch.map { samples[$0] }.reduce(0, +) / Float(batch.count)
    let loss = Double((w - mean) * (w - mean))
    w -= 0.5 * (w - mean)
    if steps == poisonAt {
      if poisonLoss { return StepOutcome(loss: .nan, parametersFinite: true) }
      w = .infinity
    }
    return StepOutcome(loss: loss, parametersFinite: w.isFinite)
  }

  var model: Float { w }
}

@Suite struct TrainingLoopTests {
  private let samples: [Float] = [1, 2, 3, 4, 5, 6, 7]
  private let stream = RandomStream(family: .logicNets, purpose: 5, name: "shuffle", index: "epoch")

  private func loop(iterations: Int, every: Int) -> TrainingLoop {
    TrainingLoop(
      iterations: iterations, evaluationInterval: every,
      batcher: EpochBatcher(batchSize: 3, shuffle: stream, seed: 1))
  }

  @Test func evaluatesOnScheduleAndContinuesAcrossRuns() async throws {
    var family = MeanFamily()
    var loop = loop(iterations: 10, every: 4)
    let report = try await loop.run(&family, samples: samples, sampleCount: 7) { w in
      EvaluationResult(train: Double(1 / (1 + abs(w - 4))), validation: nil, test: nil)
    }
    #expect(report.log.map(\.iteration) == [4, 8, 10])
    #expect(report.log.map(\.epoch) == [1, 2, 3])
    #expect(report.finalModel == family.w)
    #expect(report.best == report.log.max { $0.trainAccuracy < $1.trainAccuracy })
    let again = try await loop.run(&family, samples: samples, sampleCount: 7) { _ in
      EvaluationResult(train: 0.5, validation: nil, test: nil)
    }
    #expect(again.log.map(\.iteration) == [14, 18, 20])
    #expect(loop.iteration == 20)
  }

  @Test(arguments: [false, true])
  func stopsAtTheFirstNonFiniteStep(poisonLoss: Bool) async {
    var family = MeanFamily(poisonAt: 3, poisonLoss: poisonLoss)
    var loop = loop(iterations: 10, every: 0)
    await #expect(
      throws: TrainingError.notFinite(iteration: 3, what: poisonLoss ? .loss : .parameters)
    ) {
      try await loop.run(&family, samples: samples, sampleCount: 7) { _ in
        EvaluationResult(train: 1, validation: nil, test: nil)
      }
    }
    #expect(
      TrainingError.notFinite(iteration: 3, what: .parameters).description
        == "training diverged at iteration 3: the parameters are not finite")
  }

  @Test func limitsNameTheOffendingValue() {
    #expect(
      throws: TrainingError.invalidOption("threads must be in 1...1024, got 4611686018427387904")
    ) {
      try TrainingLimits.check(threads: 1 << 62, partitions: 1)
    }
    #expect(
      throws: TrainingError.invalidOption("partitions must be in 1...1024, got 1099511627776")
    ) {
      try TrainingLimits.check(threads: 1, partitions: 1 << 40)
    }
    #expect(
      throws: TrainingError.invalidOption(
        "1024 partitions × 65537 rows exceed the worker budget of 67108864 rows; use fewer "
          + "partitions")
    ) {
      try TrainingLimits.check(partitions: 1024, rowsPerWorker: 65537)
    }
    #expect(throws: Never.self) { try TrainingLimits.check(partitions: 1024, rowsPerWorker: 65536) }
  }
}
