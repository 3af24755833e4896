/// Everything that can go wrong with a binarized net's file or parameters; each case prints
/// one line naming what is wrong and where.
public enum BinarizedNetError: Error, Equatable, CustomStringConvertible {
  /// The file is not valid JSON, or a field is missing or invalid (the message names it).
  case file(String)
  /// Batch-norm parameters that do not define a threshold (the message names the field).
  case batchNorm(String)

  /// The one-line message.
  public var description: String {
    switch self {
    case .file(let message): return message
    case .batchNorm(let message): return "batch norm: \(message)"
    }
  }
}
