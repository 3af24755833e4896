/// What can stop a training run, each printed as one line.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
  /// An option is out of range.
  case invalidOption(String)
  /// The loss or the parameters stopped being finite at this step (1-based): the run is
  /// abandoned and nothing should be written.
  case notFinite(iteration: Int, what: DivergedQuantity)

  /// The one-line message.
  public var description: String {
    switch self {
    case .invalidOption(let message):
      return "invalid training option: \(message)"
    case .notFinite(let iteration, .loss):
      return "training diverged at iteration \(iteration): the loss is not finite"
    case .notFinite(let iteration, .parameters):
      return "training diverged at iteration \(iteration): the parameters are not finite"
    }
  }
}

/// What stopped being finite when training diverged.
public enum DivergedQuantity: Sendable, Hashable {
  /// The batch-mean loss.
  case loss
  /// At least one parameter after the update.
  case parameters
}
