/// Everything a WAGEUBN run needs to continue exactly where it stopped: the configuration,
/// the step count (which fixes the schedule phase, the stochastic-rounding keys and, replayed,
/// the batch order), the whole network (parameters and optimiser state, as its `Codable`
/// form), the counters (whose last R exponents the next step reads) and the epoch records.
///
/// `bittrue wageubn train` writes it as `checkpoint.json`; `--resume RUN/` reads it back.
public struct WAGEUBNTrainingState: Sendable, Hashable, Codable {
  /// `bittrue-wageubn-checkpoint`.
  public var format = "bittrue-wageubn-checkpoint"
  /// The version of this layout.
  public var version = 2
  /// The configuration of the run that wrote the state.
  public var configuration: WAGEUBNTrainingConfiguration
  /// Steps taken.
  public var steps: Int
  /// The network after the last step.
  public var network: WAGEUBNNetwork
  /// The counters of every layer so far.
  public var statistics: [LayerStatistics]
  /// One record per epoch so far.
  public var epochs: [WAGEUBNEpochRecord]
  /// Seconds of training steps so far.
  public var stepSeconds: Double

  /// The state of a finished run.
  public init(_ run: WAGEUBNRun) {
    configuration = run.configuration
    steps = run.model.steps
    network = run.model.network
    statistics = run.model.statistics
    epochs = run.epochs
    stepSeconds = run.stepSeconds
  }

  /// Why `configuration` cannot continue this state on `trainCount` samples, or `nil` when
  /// it can: everything but the epoch count (and the schedule it adapts to the run's length)
  /// must be the saved one, the state must end on an epoch boundary before the new last
  /// epoch, and the epochs already taken must have run in the phases the new schedule gives
  /// them (so the continued run equals one that was never interrupted). The network must be
  /// one the configuration could have trained
  /// (``WAGEUBNNetwork/problem(against:rounding:batchNormBound:)``).
  public func mismatch(with configuration: WAGEUBNTrainingConfiguration, trainCount: Int)
    -> String?
  {
    guard format == "bittrue-wageubn-checkpoint", version == 2 else {
      return "not a version 2 bittrue-wageubn-checkpoint"
    }
    var saved = self.configuration
    (saved.epochs, saved.schedule) = (configuration.epochs, configuration.schedule)
    guard saved == configuration else {
      return "it was trained with another model, profile, seed, batch, learning rate or widths"
    }
    let template = WAGEUBNNetwork(
      architecture: configuration.architecture, seed: configuration.seed,
      arithmetic: configuration.arithmetic, rounding: configuration.profile.rounding,
      batchNormBound: configuration.profile.batchNormForwardBound)
    if let problem = network.problem(
      against: template, rounding: configuration.profile.rounding,
      batchNormBound: configuration.profile.batchNormForwardBound)
    {
      return problem
    }
    let empty = template.emptyStatistics(plan: configuration.plan)
    guard statistics.count == empty.count else {
      return "it has counters for \(statistics.count) layers, its network \(empty.count)"
    }
    for (saved, fresh) in zip(statistics, empty) {
      if let problem = saved.problem(against: fresh) { return problem }
    }
    guard stepSeconds.isFinite, stepSeconds >= 0 else {
      return "stepSeconds is not a duration"
    }
    if let problem = epochsProblem { return problem }
    let stepsPerEpoch = (trainCount + configuration.batchSize - 1) / configuration.batchSize
    guard steps % stepsPerEpoch == 0, epochs.count == steps / stepsPerEpoch else {
      return "it stopped after \(steps) steps, not at the end of an epoch of \(trainCount) samples"
    }
    guard epochs.count < configuration.epochs else {
      return "it already has \(epochs.count) epoch(s); ask for more with --epochs"
    }
    for e in 0..<epochs.count
    where self.configuration.schedule.phase(epoch: e) != configuration.schedule.phase(epoch: e) {
      return "epoch \(e + 1) ran in another schedule phase than a run of "
        + "\(configuration.epochs) epochs gives it (use --schedule constant)"
    }
    return nil
  }

  /// Why the epoch records cannot be a run's, or `nil`: epoch `e` (1-based) in place `e`,
  /// counts within `0 … 2^53`, finite losses, accuracies within `0 … 1`, and durations.
  var epochsProblem: String? {
    let limit = LayerStatistics.savedCountLimit
    for (e, record) in epochs.enumerated() {
      guard record.epoch == e + 1, (0...limit).contains(record.steps),
        (0...limit).contains(record.overflows), record.loss.isFinite,
        (0...1).contains(record.trainAccuracy), (0...1).contains(record.testAccuracy),
        record.seconds.isFinite, record.seconds >= 0
      else {
        return "epochs[\(e)] is not the record of epoch \(e + 1) of a run"
      }
    }
    return nil
  }
}
