import TrainingCore

/// Trains a ``LogicNetModel`` on the CPU: relaxed forward/backward, softmax cross-entropy on
/// GroupSum/tau, Adam, seeded epoch shuffles, periodic evaluation of the discretised net
/// and best-checkpoint keeping — the logic-net kernels plugged into
/// ``TrainingCore/TrainingLoop``.
///
/// Deterministic: for a given model, options (in particular `partitions` and `tileWidth`)
/// and data, every run produces bit-identical weights, whatever `threads` is. The trainer
/// is a value (copies train independently), so it is `Sendable` by construction.
public struct LogicNetTrainer: Sendable {
  /// The options in use.
  public let options: TrainingOptions
  private let config: LogicNetConfig
  private var engine: TileTrainingEngine
  private var loop: TrainingLoop

  /// A trainer starting from `model` (and, to resume, its Adam state). Throws for options
  /// out of range, Adam state that does not fit the model, or more partition workers than
  /// ``TrainingCore/TrainingLimits/maximumWorkerRows`` allows for this net.
  public init(model: LogicNetModel, options: TrainingOptions, adam: AdamState? = nil)
    throws(LogicNetsError)
  {
    try options.validate()
    try model.config.validate()
    do throws(TrainingError) {
      try TrainingLimits.check(
        partitions: options.partitions, rowsPerWorker: model.config.gateCount)
    } catch {
      throw .training(error)
    }
    if let adam {
      guard adam.step >= 0, adam.m.map(\.count) == model.layers.map(\.logits.count),
        adam.v.map(\.count) == model.layers.map(\.logits.count)
      else { throw .invalidConfiguration("Adam state does not match the model") }
    }
    self.options = options
    config = model.config
    engine = TileTrainingEngine(model: model, options: options, adam: adam)
    loop = TrainingLoop(
      iterations: options.iterations, evaluationInterval: options.evaluationInterval,
      batcher: EpochBatcher(
        batchSize: options.batchSize, shuffle: RandomStreams.epochShuffleStream,
        seed: options.shuffleSeed ?? model.config.seed),
      iteration: adam?.step ?? 0)
  }

  /// Steps taken since the model was created (continues across `train` calls).
  public var iteration: Int { loop.iteration }

  /// The model with the current logits.
  public var model: LogicNetModel { engine.model }

  /// The optimiser state, for saving a resumable checkpoint.
  public var adamState: AdamState { engine.adamState }

  /// One Adam step on the given samples of `data`; returns the batch-mean loss. Throws
  /// when the loss or the logits stop being finite.
  public mutating func step(batch: [Int], data: LogicDataset) async throws(LogicNetsError)
    -> Double
  {
    try check(batch: batch, data: data)
    loop.countStep()
    let outcome = await engine.step(batch: batch, of: data)
    guard outcome.loss.isFinite else {
      throw .training(.notFinite(iteration: loop.iteration, what: .loss))
    }
    guard outcome.parametersFinite else {
      throw .training(.notFinite(iteration: loop.iteration, what: .parameters))
    }
    return outcome.loss
  }

  /// The batch-mean loss on the given samples and its gradient w.r.t. every logit (layer by
  /// layer, laid out like the logits), without changing the model.
  public mutating func gradients(batch: [Int], data: LogicDataset) async throws(LogicNetsError)
    -> (loss: Double, logits: [[Float]])
  {
    try check(batch: batch, data: data)
    return await engine.gradients(batch: batch, data: data)
  }

  /// Runs `options.iterations` steps over `train`, evaluating the discretised net every
  /// `options.evaluationInterval` steps and after the last one. Throws as soon as the loss
  /// or the logits stop being finite (naming the iteration).
  public mutating func train(
    on train: LogicDataset, validation: LogicDataset? = nil, test: LogicDataset? = nil,
    progress: ((TrainingProgress) -> Void)? = nil
  ) async throws(LogicNetsError) -> TrainingReport<LogicNetModel> {
    try check(train, "training data")
    if let validation { try check(validation, "validation data") }
    if let test { try check(test, "test data") }
    guard train.count >= 1 else { throw .invalidData("training data is empty") }
    let trainSubset = train.prefix(options.trainEvaluationLimit)
    let packed = (
      train: trainSubset.packedBits, validation: validation?.packedBits, test: test?.packedBits
    )
    do throws(TrainingError) {
      return try await loop.run(
        &engine, samples: train, sampleCount: train.count,
        evaluate: { model in
          let net = model.discretized()
          return EvaluationResult(
            train: net.accuracy(packed.train, labels: trainSubset.labels),
            validation: packed.validation.map { net.accuracy($0, labels: validation!.labels) },
            test: packed.test.map { net.accuracy($0, labels: test!.labels) })
        }, progress: progress)
    } catch {
      throw .training(error)
    }
  }

  private func check(batch: [Int], data: LogicDataset) throws(LogicNetsError) {
    try check(data, "batch data")
    guard !batch.isEmpty, batch.allSatisfy({ (0..<data.count).contains($0) }) else {
      throw .invalidData("batch indices must be a non-empty list of sample numbers")
    }
  }

  private func check(_ data: LogicDataset, _ what: String) throws(LogicNetsError) {
    guard data.inputs == config.inputs else {
      throw .invalidData("\(what) has \(data.inputs) inputs, the model \(config.inputs)")
    }
    if let bad = data.labels.firstIndex(where: { Int($0) >= config.classes }) {
      throw .invalidData(
        "\(what): sample \(bad) has label \(data.labels[bad]), the model has \(config.classes) classes"
      )
    }
  }
}
