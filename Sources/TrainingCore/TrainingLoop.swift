/// What a model family supplies to ``TrainingLoop``: one optimiser step on a mini-batch and
/// the current model.
///
/// How a family plugs in:
/// - keep the parameters, optimiser state (an ``AdamOptimizer`` or ``SGDMomentum`` plus
///   the family's moment rows, or the family's own integer optimiser) and per-part workers
///   (``PartitionedWorkers``) in a struct conforming to this protocol;
/// - `step` runs forward and backward over the batch's parts with
///   ``PartitionedWorkers/run(batch:threads:_:)``, folds the parts in order with
///   ``PartitionedWorkers/reduce(into:_:)``, updates every parameter row and reports the
///   batch-mean loss and whether every updated parameter is finite;
/// - `model` assembles the current parameters as the family's model value (what the
///   evaluation, the checkpoint and the ``WeightsDigest`` see).
///
/// A binarized trainer keeps float master weights and batch-norm statistics in its state and
/// applies its straight-through estimator inside `step`; a WAGEUBN trainer updates integers
/// with its own optimiser. Both share the loop, the batching, the log, the checkpoint
/// choice, the divergence check and the digest.
package protocol TrainingFamily {
  /// The trained model (a value).
  associatedtype Model: Sendable
  /// The training samples a step reads (indexed by the batch's sample numbers).
  associatedtype Samples

  /// One optimiser step on the samples `batch` of `samples`.
  mutating func step(batch: [Int], of samples: Samples) async -> StepOutcome

  /// The model with the current parameters.
  var model: Model { get }
}

/// What one training step reports.
package struct StepOutcome: Sendable, Hashable {
  /// The batch-mean loss.
  package var loss: Double
  /// Whether every parameter is finite after the update.
  package var parametersFinite: Bool

  /// An outcome.
  package init(loss: Double, parametersFinite: Bool) {
    self.loss = loss
    self.parametersFinite = parametersFinite
  }
}

/// The accuracies of one evaluation of a model (fractions in [0, 1]).
package struct EvaluationResult: Sendable, Hashable {
  /// On (the first samples of) the training set.
  package var train: Double
  /// On the validation set, when there is one (it then picks the best checkpoint).
  package var validation: Double?
  /// On the test set, when there is one (reported, never used to choose).
  package var test: Double?

  /// A result.
  package init(train: Double, validation: Double?, test: Double?) {
    self.train = train
    self.validation = validation
    self.test = test
  }
}

/// The training loop every model family runs: takes mini-batches from an ``EpochBatcher``,
/// steps the family, stops with ``TrainingError/notFinite(iteration:what:)`` as soon as the
/// loss or the parameters stop being finite, evaluates every `evaluationInterval` steps and
/// after the last, logs each evaluation, keeps the best checkpoint and times the steps.
///
/// The loop is a value: a trainer keeps it between runs, so the iteration count and the
/// epoch order continue where they stopped.
package struct TrainingLoop: Sendable {
  /// The number of steps each ``run(_:samples:sampleCount:evaluate:progress:)`` takes.
  package var iterations: Int
  /// Evaluate every this many steps (0: only after the last).
  package var evaluationInterval: Int
  /// Where the mini-batches come from.
  package private(set) var batcher: EpochBatcher
  /// Steps taken since the model was created (continues across runs; a family that steps
  /// outside the loop adds its steps with ``countStep()``).
  package private(set) var iteration: Int

  /// A loop starting at step `iteration` (the saved step count when resuming).
  package init(
    iterations: Int, evaluationInterval: Int, batcher: EpochBatcher, iteration: Int = 0
  ) {
    precondition(iterations >= 0 && evaluationInterval >= 0, "counts are not negative")
    self.iterations = iterations
    self.evaluationInterval = evaluationInterval
    self.batcher = batcher
    self.iteration = iteration
  }

  /// Records a step taken outside ``run(_:samples:sampleCount:evaluate:progress:)``.
  package mutating func countStep() { iteration += 1 }

  /// Trains `family` for ``iterations`` steps on `samples` (`sampleCount` of them, at
  /// least 1), evaluating each checkpoint with `evaluate`.
  package mutating func run<Family: TrainingFamily>(
    _ family: inout Family, samples: Family.Samples, sampleCount: Int,
    evaluate: (Family.Model) -> EvaluationResult,
    progress: ((TrainingProgress) -> Void)? = nil
  ) async throws(TrainingError) -> TrainingReport<Family.Model> {
    precondition(sampleCount >= 1, "no training samples")
    let clock = ContinuousClock()
    let start = clock.now
    var stepTime = Duration.zero
    var log: [TrainingLogEntry] = []
    var best = BestCheckpoint<Family.Model>()
    var lossSum = 0.0
    var lossSteps = 0
    var samplesSeen = 0

    func checkpoint() {
      let model = family.model
      let accuracy = evaluate(model)
      let entry = TrainingLogEntry(
        iteration: iteration, epoch: batcher.epoch,
        loss: lossSteps > 0 ? lossSum / Double(lossSteps) : .nan,
        trainAccuracy: accuracy.train, validationAccuracy: accuracy.validation,
        testAccuracy: accuracy.test, seconds: seconds(clock.now - start))
      lossSum = 0
      lossSteps = 0
      log.append(entry)
      best.offer(entry) { model }
    }

    for done in stride(from: 1, through: iterations, by: 1) {
      let batch = batcher.nextBatch(sampleCount: sampleCount)
      let stepStart = clock.now
      iteration += 1
      let outcome = await family.step(batch: batch, of: samples)
      stepTime += clock.now - stepStart
      guard outcome.loss.isFinite else { throw .notFinite(iteration: iteration, what: .loss) }
      guard outcome.parametersFinite else {
        throw .notFinite(iteration: iteration, what: .parameters)
      }
      samplesSeen += batch.count
      lossSum += outcome.loss
      lossSteps += 1
      let due = done == iterations || (evaluationInterval > 0 && done % evaluationInterval == 0)
      if due { checkpoint() }
      progress?(
        TrainingProgress(
          iteration: done, iterations: iterations, loss: outcome.loss,
          entry: due ? log.last : nil))
    }
    if iterations == 0 { checkpoint() }
    let chosen = best.best!
    return TrainingReport(
      finalModel: family.model, bestModel: chosen.model, best: chosen.entry, log: log,
      stepSeconds: seconds(stepTime),
      samplesPerSecond: Double(samplesSeen) / max(seconds(stepTime), 1e-9))
  }
}

private func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}
