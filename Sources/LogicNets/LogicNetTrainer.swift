/// Trains a ``LogicNetModel`` on the CPU: relaxed forward/backward, softmax cross-entropy on
/// GroupSum/tau, Adam, seeded epoch shuffles, periodic evaluation of the discretised net
/// and best-checkpoint keeping.
///
/// Deterministic: for a given model, options (in particular `partitions` and `tileWidth`)
/// and data, every run produces bit-identical weights, whatever `threads` is. One trainer
/// runs one call at a time (it uses its cores internally); do not call it concurrently.
public final class LogicNetTrainer: @unchecked Sendable {
  /// The options in use.
  public let options: TrainingOptions
  private let config: LogicNetConfig
  private let connections: [LayerConnections]
  private let engine: TileTrainingEngine
  /// Steps taken since the model was created (continues across `train` calls).
  public private(set) var iteration = 0
  private var epoch = 0
  private var epochOrder: [Int] = []
  private var epochPosition = 0

  /// A trainer starting from `model` (and, to resume, its Adam state).
  public init(model: LogicNetModel, options: TrainingOptions, adam: AdamState? = nil)
    throws(LogicNetsError)
  {
    try options.validate()
    if let adam {
      guard adam.step >= 0, adam.m.map(\.count) == model.layers.map(\.logits.count),
        adam.v.map(\.count) == model.layers.map(\.logits.count)
      else { throw .invalidConfiguration("Adam state does not match the model") }
    }
    self.options = options
    config = model.config
    connections = model.layers.map(\.connections)
    engine = TileTrainingEngine(model: model, options: options, adam: adam)
    iteration = adam?.step ?? 0
  }

  /// The model with the current logits.
  public var model: LogicNetModel {
    let layers = zip(engine.logits(), connections).enumerated().map { l, pair in
      LogicLayerParameters(
        inputs: config.inputCount(ofLayer: l), connections: pair.1, logits: pair.0)
    }
    return try! LogicNetModel(config: config, layers: layers)
  }

  /// The optimiser state, for saving a resumable checkpoint.
  public var adamState: AdamState { engine.adamState() }

  /// One Adam step on the given samples of `data`; returns the batch-mean loss.
  public func step(batch: [Int], data: LogicDataset) async throws(LogicNetsError) -> Double {
    try check(data, "batch data")
    guard !batch.isEmpty, batch.allSatisfy({ (0..<data.count).contains($0) }) else {
      throw .invalidData("batch indices must be a non-empty list of sample numbers")
    }
    iteration += 1
    return await engine.step(batch: batch, data: data)
  }

  /// The batch-mean loss on the given samples and its gradient w.r.t. every logit (layer by
  /// layer, laid out like the logits), without changing the model.
  public func gradients(batch: [Int], data: LogicDataset) async throws(LogicNetsError) -> (
    loss: Double, logits: [[Float]]
  ) {
    try check(data, "batch data")
    guard !batch.isEmpty, batch.allSatisfy({ (0..<data.count).contains($0) }) else {
      throw .invalidData("batch indices must be a non-empty list of sample numbers")
    }
    return await engine.gradients(batch: batch, data: data)
  }

  /// Runs `options.iterations` steps over `train`, evaluating the discretised net every
  /// `options.evaluationInterval` steps and after the last one.
  public func train(
    on train: LogicDataset, validation: LogicDataset? = nil, test: LogicDataset? = nil,
    progress: ((TrainingProgress) -> Void)? = nil
  ) async throws(LogicNetsError) -> TrainingReport {
    try check(train, "training data")
    if let validation { try check(validation, "validation data") }
    if let test { try check(test, "test data") }
    guard train.count >= 1 else { throw .invalidData("training data is empty") }
    let trainSubset = train.prefix(options.trainEvaluationLimit)
    let packed = (
      train: trainSubset.packedBits, validation: validation?.packedBits, test: test?.packedBits
    )
    let clock = ContinuousClock()
    let start = clock.now
    var stepTime = Duration.zero
    var log: [TrainingLogEntry] = []
    var best: (entry: TrainingLogEntry, model: LogicNetModel)?
    var lossSum = 0.0
    var lossSteps = 0
    var samples = 0

    func evaluate() -> TrainingLogEntry {
      let net = model.discretized()
      let entry = TrainingLogEntry(
        iteration: iteration, epoch: epoch,
        loss: lossSteps > 0 ? lossSum / Double(lossSteps) : .nan,
        trainAccuracy: net.accuracy(packed.train, labels: trainSubset.labels),
        validationAccuracy: packed.validation.map { net.accuracy($0, labels: validation!.labels) },
        testAccuracy: packed.test.map { net.accuracy($0, labels: test!.labels) },
        seconds: seconds(clock.now - start))
      lossSum = 0
      lossSteps = 0
      log.append(entry)
      if best == nil || entry.selectionAccuracy > best!.entry.selectionAccuracy {
        best = (entry, model)
      }
      return entry
    }

    for done in stride(from: 1, through: options.iterations, by: 1) {
      let batch = nextBatch(count: train.count)
      let stepStart = clock.now
      iteration += 1
      let loss = await engine.step(batch: batch, data: train)
      stepTime += clock.now - stepStart
      samples += batch.count
      lossSum += loss
      lossSteps += 1
      let due =
        done == options.iterations
        || (options.evaluationInterval > 0 && done % options.evaluationInterval == 0)
      let entry = due ? evaluate() : nil
      progress?(
        TrainingProgress(iteration: done, iterations: options.iterations, loss: loss, entry: entry))
    }
    if options.iterations == 0 { _ = evaluate() }
    let finalModel = model
    return TrainingReport(
      finalModel: finalModel, bestModel: best!.model, best: best!.entry, log: log,
      stepSeconds: seconds(stepTime),
      samplesPerSecond: Double(samples) / max(seconds(stepTime), 1e-9))
  }

  /// The next mini-batch of the current epoch's shuffled order (a new order per epoch).
  private func nextBatch(count: Int) -> [Int] {
    if epochOrder.count != count || epochPosition >= count {
      if epochOrder.count == count { epoch += 1 }
      let seed = options.shuffleSeed ?? config.seed
      epochOrder = RandomStreams.epochShuffle(seed: seed, epoch: epoch).permutation(count)
      epochPosition = 0
    }
    let end = min(epochPosition + options.batchSize, count)
    defer { epochPosition = end }
    return Array(epochOrder[epochPosition..<end])
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

private func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
