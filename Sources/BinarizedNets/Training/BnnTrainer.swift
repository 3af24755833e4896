import TrainingCore

/// Trains a binarized, ternary or int<K>-first-layer multilayer perceptron: float master
/// weights, batch norm, sign activations with the STE or ReSTE, Adam on seeded mini-batches,
/// and after every epoch an evaluation of the *integer-folded* net (the bit-packed runtime)
/// that keeps the best checkpoint (by validation accuracy when there is a validation set,
/// else by training accuracy).
///
/// Deterministic: for a configuration (seed included) and data, every run gives
/// bit-identical parameters, whatever `threads` is.
public struct BnnTrainer: Sendable {
  private var engine: BnnTrainingEngine
  private var loop: TrainingLoop
  /// Whether the batch order matches the step count (false until a resumed state's first
  /// `train`).
  private var positioned = false

  /// A trainer for a fresh net of `config`, or resuming `state` (same configuration except
  /// epochs, learning rate and threads). Throws for invalid settings or a net that does not
  /// export (for instance an output batch norm before the integer net supports it).
  public init(config: BnnTrainingConfig, resuming state: BnnTrainingState? = nil)
    throws(BnnTrainingError)
  {
    try config.validate()
    var start = state ?? BnnTrainingState(config: config)
    if let state {
      var saved = state.config
      (saved.epochs, saved.learningRate, saved.threads) =
        (config.epochs, config.learningRate, config.threads)
      guard saved == config else {
        throw .state("it was trained with other layers, inputs, seed or options")
      }
    }
    start.config = config
    do throws(BinarizedNetError) { _ = try start.exportNet() } catch { throw .export(error) }
    engine = BnnTrainingEngine(state: start)
    loop = TrainingLoop(
      iterations: 0, evaluationInterval: 0,
      batcher: EpochBatcher(
        batchSize: config.batchSize, shuffle: BnnRandomStreams.epochShuffle, seed: config.seed),
      iteration: start.step)
  }

  /// The current state.
  public var state: BnnTrainingState { engine.state }

  /// Trains `config.epochs` epochs over `train`, evaluating the integer net on `train` (its
  /// first ``BnnTrainingConfig/trainEvaluationLimit`` samples), `validation` and `test`
  /// after each epoch. Throws as soon as the loss or a parameter stops being finite.
  public mutating func train(
    on train: BnnDataset, validation: BnnDataset? = nil, test: BnnDataset? = nil,
    progress: ((TrainingProgress) -> Void)? = nil
  ) async throws(BnnTrainingError) -> TrainingReport<BnnCheckpoint> {
    let config = engine.state.config
    for (data, what) in [(train, "training"), (validation, "validation"), (test, "test")] {
      guard let data else { continue }
      guard data.inputs == config.inputs else {
        throw .invalidData("\(what) data has \(data.inputs) inputs, the net \(config.inputs)")
      }
      if let bad = data.labels.firstIndex(where: { !(0..<config.classes).contains($0) }) {
        throw .invalidData(
          "\(what) sample \(bad) has class \(data.labels[bad]); --layers ends with "
            + "\(config.classes) outputs")
      }
    }
    guard train.count >= 1 else { throw .invalidData("no training samples") }
    if loop.iteration > 0 && !positioned {
      // A resumed state: replay the batch order up to its step, so training continues on
      // the batches an uninterrupted run would have taken.
      var batcher = EpochBatcher(
        batchSize: config.batchSize, shuffle: BnnRandomStreams.epochShuffle, seed: config.seed)
      for _ in 0..<loop.iteration { _ = batcher.nextBatch(sampleCount: train.count) }
      loop = TrainingLoop(
        iterations: 0, evaluationInterval: 0, batcher: batcher, iteration: loop.iteration)
    }
    positioned = true
    let stepsPerEpoch = (train.count + config.batchSize - 1) / config.batchSize
    loop.iterations = config.epochs * stepsPerEpoch
    loop.evaluationInterval = stepsPerEpoch
    let subset = train.prefix(BnnTrainingConfig.trainEvaluationLimit)
    let threads = config.threads
    do throws(TrainingError) {
      return try await loop.run(
        &engine, samples: train, sampleCount: train.count,
        evaluate: { checkpoint in
          guard case .success(let net) = checkpoint.net else {
            return EvaluationResult(
              train: 0, validation: validation.map { _ in 0 }, test: test.map { _ in 0 })
          }
          let runtime = PackedBinarizedNet(net)
          return EvaluationResult(
            train: runtime.accuracy(subset, threads: threads),
            validation: validation.map { runtime.accuracy($0, threads: threads) },
            test: test.map { runtime.accuracy($0, threads: threads) })
        }, progress: progress)
    } catch {
      throw .training(error)
    }
  }
}

extension PackedBinarizedNet {
  /// The predicted classes of every sample of `data`.
  public func predict(_ data: BnnDataset, threads: Int) -> [Int] {
    run(data.values, samples: data.count, threads: threads).predicted
  }

  /// The fraction of `data` classified correctly (0 for no samples).
  public func accuracy(_ data: BnnDataset, threads: Int) -> Double {
    guard data.count > 0 else { return 0 }
    let correct = zip(predict(data, threads: threads), data.labels).count { $0 == $1 }
    return Double(correct) / Double(data.count)
  }
}
