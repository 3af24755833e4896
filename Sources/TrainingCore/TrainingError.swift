/// What can stop a training run, each printed as one line.
public enum TrainingError: Error, Equatable, CustomStringConvertible {
  /// An option is out of range.
  case invalidOption(String)
  /// The loss or the parameters stopped being finite at this step (1-based): the run is
  /// abandoned and nothing should be written.
  case notFinite(iteration: Int, what: String)

  /// The one-line message.
  public var description: String {
    switch self {
    case .invalidOption(let message):
      return "invalid training option: \(message)"
    case .notFinite(let iteration, let what):
      return "training diverged at iteration \(iteration): the \(what) is no longer finite "
        + "(lower the learning rate or check the loss temperature)"
    }
  }
}
