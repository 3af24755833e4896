import TrainingCore

/// What can stop the training of a binarized net, each printed as one line.
public enum BnnTrainingError: Error, Equatable, CustomStringConvertible {
  /// An option or the layer list is invalid (the message names it).
  case invalidOption(String)
  /// Training data that does not fit the net (the message says how).
  case invalidData(String)
  /// A training-state file that cannot be read (the message names the field).
  case state(String)
  /// The shared training loop stopped (divergence, limits).
  case training(TrainingError)
  /// The trained parameters do not fold into an integer net.
  case export(BinarizedNetError)

  /// The one-line message.
  public var description: String {
    switch self {
    case .invalidOption(let message): return message
    case .invalidData(let message): return message
    case .state(let message): return "training state: \(message)"
    case .training(let error): return error.description
    case .export(let error): return "export: \(error.description)"
    }
  }
}
