import Foundation
import IntegerTraining
import Testing

/// Checkpoint and resume: a run stopped after some epochs, saved as a
/// ``WAGEUBNTrainingState`` (through its JSON form) and continued, ends with the parameters,
/// counters and epoch records of a run that was never interrupted.
@Suite struct ResumeTests {
  func configuration(
    _ arithmetic: WAGEUBNArithmetic, epochs: Int, schedule: (Int) -> WAGEUBNSchedule
  ) -> WAGEUBNTrainingConfiguration {
    WAGEUBNTrainingConfiguration(
      widths: [16, 12, 3], profileName: "paper", profile: .paper, plan: .reference,
      schedule: schedule(epochs), arithmetic: arithmetic, seed: 11, batchSize: 7, epochs: epochs)
  }

  func train(_ c: WAGEUBNTrainingConfiguration, from state: WAGEUBNTrainingState? = nil)
    async throws -> WAGEUBNRun
  {
    try await WAGEUBNTraining.run(
      c, train: TrainingDeterminismTests.samples(120, stream: 0),
      test: TrainingDeterminismTests.samples(30, stream: 1), threads: 2, resuming: state
    ) { _, _, _, _ in }
  }

  /// The state after a JSON round trip, as `--resume` reads it.
  func saved(_ run: WAGEUBNRun) throws -> WAGEUBNTrainingState {
    let data = try JSONEncoder().encode(WAGEUBNTrainingState(run))
    let state = try JSONDecoder().decode(WAGEUBNTrainingState.self, from: data)
    #expect(state == WAGEUBNTrainingState(run))
    return state
  }

  @Test(arguments: WAGEUBNArithmetic.allCases)
  func resumedRunEqualsUninterruptedRun(arithmetic: WAGEUBNArithmetic) async throws {
    // (first run's epochs, total): constant schedule, and the official one where the first
    // epoch lies in phase 0 for both lengths.
    let cases: [(Int, Int, (Int) -> WAGEUBNSchedule)] = [
      (2, 4, { _ in .constant(numerator: 1, denominator: 2) }),
      (1, 3, { .official(epochs: $0, numerator: 1, denominator: 2) }),
    ]
    for (first, total, schedule) in cases {
      let whole = try await train(configuration(arithmetic, epochs: total, schedule: schedule))
      let part = try await train(configuration(arithmetic, epochs: first, schedule: schedule))
      let state = try saved(part)
      let full = configuration(arithmetic, epochs: total, schedule: schedule)
      #expect(state.mismatch(with: full, trainCount: 120) == nil)
      let resumed = try await train(full, from: state)
      #expect(resumed.model.steps == whole.model.steps)
      #expect(resumed.model.network == whole.model.network, "\(arithmetic) \(first)→\(total)")
      #expect(
        resumed.model.network.weightsDigest.hexDigest
          == whole.model.network.weightsDigest.hexDigest)
      #expect(resumed.model.statistics == whole.model.statistics)
      #expect(resumed.epochs.count == total)
      for (a, b) in zip(resumed.epochs, whole.epochs) {
        #expect(
          [a.epoch, a.steps, a.overflows] == [b.epoch, b.steps, b.overflows]
            && [a.loss, a.trainAccuracy, a.testAccuracy] == [
              b.loss, b.trainAccuracy, b.testAccuracy,
            ])
      }
      // The run it continues is not the one that stopped: the parameters moved on.
      #expect(resumed.model.network != part.model.network)
    }
  }

  @Test func statesThatCannotContinueAreRefused() async throws {
    let constant: (Int) -> WAGEUBNSchedule = { _ in .constant(numerator: 1, denominator: 2) }
    let state = try saved(try await train(configuration(.integer, epochs: 2, schedule: constant)))
    var other = configuration(.integer, epochs: 4, schedule: constant)
    other.seed = 12
    #expect(state.mismatch(with: other, trainCount: 120)?.contains("another model") == true)
    let same = configuration(.integer, epochs: 2, schedule: constant)
    #expect(state.mismatch(with: same, trainCount: 120)?.contains("already has 2") == true)
    #expect(
      state.mismatch(with: configuration(.integer, epochs: 4, schedule: constant), trainCount: 50)?
        .contains("not at the end of an epoch") == true)
    // Official schedule: epoch 2 of a 2-epoch run is in phase 1, of a 4-epoch run in phase 0.
    let official: (Int) -> WAGEUBNSchedule = { .official(epochs: $0) }
    let short = try saved(try await train(configuration(.integer, epochs: 2, schedule: official)))
    #expect(
      short.mismatch(with: configuration(.integer, epochs: 4, schedule: official), trainCount: 120)?
        .contains("epoch 2 ran in another schedule phase") == true)
  }
}
