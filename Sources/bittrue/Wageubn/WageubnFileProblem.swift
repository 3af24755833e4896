/// Why a `report.json` or `checkpoint.json` did not decode, in a few words naming the field
/// (`missing field configuration.seed`), for one-line errors.
enum WageubnFileProblem {
  /// The problem `error` (thrown by `JSONDecoder`) describes.
  static func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return "unreadable" }
    switch error {
    case .keyNotFound(let key, let context):
      return "missing field \(path(context.codingPath + [key]))"
    case .valueNotFound(_, let context):
      return "field \(path(context.codingPath)) is null"
    case .typeMismatch(_, let context):
      return "field \(path(context.codingPath)) has the wrong type"
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty
        ? "not JSON" : "field \(path(context.codingPath)) has an invalid value"
    @unknown default:
      return "unreadable"
    }
  }

  /// `configuration.profile`, `network.stages[2]`.
  static func path(_ keys: [any CodingKey]) -> String {
    var text = ""
    for key in keys {
      if let index = key.intValue {
        text += "[\(index)]"
      } else {
        text += (text.isEmpty ? "" : ".") + key.stringValue
      }
    }
    return text.isEmpty ? "(top level)" : text
  }
}
