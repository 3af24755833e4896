import BitCore
import TrainingCore

/// Everything that decides a WAGEUBN training run's result (the thread count does not).
public struct WAGEUBNTrainingConfiguration: Sendable, Hashable, Codable {
  /// Input width first, class count last (`mlp:784-256-10` is `[784, 256, 10]`).
  public var widths: [Int]
  /// `paper`, `officialCode` or `hardware`.
  public var profileName: String
  /// The quantizers' options.
  public var profile: WAGEUBNProfile
  /// The declared accumulators.
  public var plan: AccumulatorPlan
  /// Learning rate and gradient scale per epoch.
  public var schedule: WAGEUBNSchedule
  /// Integer or float reference.
  public var arithmetic: WAGEUBNArithmetic
  /// The seed of every random choice.
  public var seed: UInt64
  /// Samples per step (the official recipe's 64).
  public var batchSize: Int
  /// Epochs.
  public var epochs: Int
  /// The error quantizers' widths.
  public var bits: WAGEUBNBitWidths
  /// The network's layout (an MLP of ``widths`` unless given).
  public var architecture: WAGEUBNArchitecture

  /// A configuration.
  public init(
    widths: [Int], profileName: String, profile: WAGEUBNProfile, plan: AccumulatorPlan,
    schedule: WAGEUBNSchedule, arithmetic: WAGEUBNArithmetic, seed: UInt64, batchSize: Int,
    epochs: Int, bits: WAGEUBNBitWidths = .standard, architecture: WAGEUBNArchitecture? = nil
  ) {
    self.widths = widths
    self.profileName = profileName
    self.profile = profile
    self.plan = plan
    self.schedule = schedule
    self.arithmetic = arithmetic
    self.seed = seed
    self.batchSize = batchSize
    self.epochs = epochs
    self.bits = bits
    self.architecture = architecture ?? .mlp(widths)
  }
}

/// Samples as activation codes: `codes[s·features + i]` in `−127 … 127` (units `2^−7`).
public struct WAGEUBNSamples: Sendable {
  /// The codes, sample-major.
  public var codes: [Int8]
  /// One label per sample.
  public var labels: [Int]
  /// Codes per sample.
  public var features: Int

  /// Samples.
  public init(codes: [Int8], labels: [Int], features: Int) {
    precondition(codes.count == labels.count * features, "one row of codes per label")
    self.codes = codes
    self.labels = labels
    self.features = features
  }

  /// Number of samples.
  public var count: Int { labels.count }
}

/// The state training hands to evaluation and checkpoints: the network and its counters.
public struct WAGEUBNModel: Sendable {
  /// The parameters.
  public var network: WAGEUBNNetwork
  /// The counters of each layer so far.
  public var statistics: [LayerStatistics]
  /// Steps taken.
  public var steps: Int
  /// The captured tensors, when the run captured any.
  public var capture: WAGEUBNCapture?
}

/// One evaluation, at the end of an epoch.
public struct WAGEUBNEpochRecord: Sendable, Hashable, Codable {
  /// The epoch (1-based: after this many epochs).
  public var epoch: Int
  /// Steps so far.
  public var steps: Int
  /// Mean training loss over the epoch's steps.
  public var loss: Double
  /// Accuracy on the first ≤ 10,000 training samples.
  public var trainAccuracy: Double
  /// Accuracy on the test set.
  public var testAccuracy: Double
  /// Accumulator overflows so far (all layers and products).
  public var overflows: Int
  /// Seconds since training began (evaluation included).
  public var seconds: Double
}

/// The trainer ``TrainingLoop`` runs.
struct WAGEUBNTrainer: TrainingFamily {
  var network: WAGEUBNNetwork
  var statistics: [LayerStatistics]
  var steps = 0
  let configuration: WAGEUBNTrainingConfiguration
  let stepsPerEpoch: Int
  let stochasticSeed: UInt64
  let threads: Int
  /// The tensors captured so far (`--capture`), if asked for.
  var capture: WAGEUBNCapture?

  mutating func step(batch: [Int], of samples: WAGEUBNSamples) async -> StepOutcome {
    let n = samples.features
    var inputs = [Int64](repeating: 0, count: batch.count * n)
    for (r, s) in batch.enumerated() {
      for i in 0..<n { inputs[r * n + i] = Int64(samples.codes[s * n + i]) }
    }
    let context = WAGEUBNStepContext(
      quantizer: WAGEUBNQuantizer(profile: configuration.profile), plan: configuration.plan,
      phase: configuration.schedule.phase(epoch: steps / stepsPerEpoch), step: steps,
      stochasticSeed: stochasticSeed, threads: threads, bits: configuration.bits)
    let loss = network.step(
      inputs: inputs, labels: batch.map { samples.labels[$0] }, context: context,
      statistics: &statistics, capture: &capture)
    steps += 1
    return StepOutcome(loss: loss, parametersFinite: network.parametersFinite)
  }

  var model: WAGEUBNModel {
    WAGEUBNModel(network: network, statistics: statistics, steps: steps, capture: capture)
  }
}

/// A finished run: the final model, the per-epoch log and the timing.
public struct WAGEUBNRun: Sendable {
  /// The configuration.
  public var configuration: WAGEUBNTrainingConfiguration
  /// The network and counters after the last step.
  public var model: WAGEUBNModel
  /// One record per epoch.
  public var epochs: [WAGEUBNEpochRecord]
  /// Seconds of training steps (no evaluation).
  public var stepSeconds: Double
}

/// WAGEUBN training of a network (``WAGEUBNArchitecture``) on ``TrainingLoop``.
public enum WAGEUBNTraining {
  /// The first this many training samples give the per-epoch training accuracy.
  public static let trainAccuracySamples = 10_000

  /// Trains `configuration` on `train`, evaluating on `test` after every epoch and recording
  /// the steps `capture` asks for into it (returned in the final model); `progress(step,
  /// steps, loss, record)` is called after each step (with the epoch's record at its last
  /// step). Given a `state` (``WAGEUBNTrainingState/mismatch(with:trainCount:)`` must be
  /// `nil`), training continues from it up to `configuration.epochs` and the result equals
  /// that of an uninterrupted run. Results do not depend on `threads`.
  public static func run(
    _ configuration: WAGEUBNTrainingConfiguration, train: WAGEUBNSamples, test: WAGEUBNSamples,
    threads: Int, capture: WAGEUBNCapture? = nil, resuming state: WAGEUBNTrainingState? = nil,
    progress: @escaping (Int, Int, Double, WAGEUBNEpochRecord?) -> Void
  ) async throws(TrainingError) -> WAGEUBNRun {
    precondition(train.count >= 1 && configuration.batchSize >= 1, "samples and a batch")
    precondition(
      state?.mismatch(with: configuration, trainCount: train.count) == nil, "a resumable state")
    let c = configuration
    let stepsPerEpoch = (train.count + c.batchSize - 1) / c.batchSize
    let network =
      state?.network
      ?? WAGEUBNNetwork(
        architecture: c.architecture, seed: c.seed, arithmetic: c.arithmetic,
        rounding: c.profile.rounding,
        batchNormBound: c.profile.batchNormForwardBound)
    var trainer = WAGEUBNTrainer(
      network: network, statistics: state?.statistics ?? network.emptyStatistics(plan: c.plan),
      steps: state?.steps ?? 0, configuration: c, stepsPerEpoch: stepsPerEpoch,
      stochasticSeed: WAGEUBNStreams.stochasticSeed.generator(seed: c.seed, index: 0).word(at: 0),
      threads: threads, capture: capture)
    // A resumed run replays the batch order up to its step, so it takes the batches an
    // uninterrupted run would have taken.
    var batcher = EpochBatcher(
      batchSize: c.batchSize, shuffle: WAGEUBNStreams.shuffle, seed: c.seed)
    for _ in 0..<trainer.steps { _ = batcher.nextBatch(sampleCount: train.count) }
    var loop = TrainingLoop(
      iterations: stepsPerEpoch * c.epochs - trainer.steps, evaluationInterval: stepsPerEpoch,
      batcher: batcher, iteration: trainer.steps)
    let probe = min(train.count, trainAccuracySamples)
    let probeSamples = Array(train.codes[..<(probe * train.features)])
    var records = state?.epochs ?? []
    let earlier = (seconds: records.last?.seconds ?? 0, steps: state?.stepSeconds ?? 0)
    var overflows = 0
    let report = try await loop.run(
      &trainer, samples: train, sampleCount: train.count,
      evaluate: { model in
        overflows = model.statistics.reduce(0) { $0 + $1.overflows }
        let accuracy = { (codes: [Int8], labels: [Int]) -> Double in
          let predicted = model.network.predict(
            codes, count: labels.count, plan: c.plan, profile: c.profile, threads: threads)
          return Double(zip(predicted, labels).count { $0 == $1 }) / Double(max(labels.count, 1))
        }
        let trainAccuracy = accuracy(probeSamples, Array(train.labels[..<probe]))
        let testAccuracy = accuracy(test.codes, test.labels)
        return EvaluationResult(train: trainAccuracy, validation: nil, test: testAccuracy)
      },
      progress: { p in
        var record: WAGEUBNEpochRecord?
        if let entry = p.entry {
          record = WAGEUBNEpochRecord(
            epoch: entry.iteration / stepsPerEpoch, steps: entry.iteration, loss: entry.loss,
            trainAccuracy: entry.trainAccuracy, testAccuracy: entry.testAccuracy ?? 0,
            overflows: overflows, seconds: earlier.seconds + entry.seconds)
          records.append(record!)
        }
        progress(p.iteration, p.iterations, p.loss, record)
      })
    return WAGEUBNRun(
      configuration: c, model: report.finalModel, epochs: records,
      stepSeconds: earlier.steps + report.stepSeconds)
  }
}
