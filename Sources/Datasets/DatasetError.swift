/// The errors of the Datasets target, each with a pinned one-line message that names the file
/// and, where there is one, the line (CSV) or record (IDX) at fault.
public enum DatasetError: Error, Equatable, CustomStringConvertible, Sendable {
  /// A file does not exist.
  case fileNotFound(path: String)
  /// A file exists but could not be read.
  case unreadableFile(path: String, reason: String)
  /// A gzip file is malformed; `offset` is the byte offset in the compressed file.
  case malformedGzip(path: String, offset: Int, reason: String)
  /// An IDX file is malformed (magic, dimensions, length).
  case malformedIDX(path: String, reason: String)
  /// A CSV file is malformed at a line (1-based; the header is line 1).
  case malformedCSV(path: String, line: Int, reason: String)
  /// A NumPy `.npy` file is malformed or not of the supported kind; `field` names the part.
  case malformedNPY(path: String, field: String, reason: String)
  /// One record (0-based sample index) of a file holds a bad value.
  case badRecord(path: String, record: Int, reason: String)
  /// Two files that belong together disagree (image and label counts, train and test headers).
  case mismatchedFiles(first: String, second: String, reason: String)
  /// A data-set argument is neither a known name nor an existing file.
  case unknownDataset(String)
  /// A named data set's file is missing under the data directory.
  case missingDataset(name: String, path: String)
  /// A parameter (threshold count, limit, split) is out of its range.
  case invalidParameter(String)

  /// The message shown to users: one line, any control character in it (echoed from a
  /// file: a NUL, a line break) escaped as `\u{…}`.
  public var description: String {
    var line = ""
    for scalar in message.unicodeScalars {
      if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
        line += "\\u{" + String(scalar.value, radix: 16) + "}"
      } else {
        line.unicodeScalars.append(scalar)
      }
    }
    return line
  }

  /// The message before escaping.
  private var message: String {
    switch self {
    case .fileNotFound(let path): return "\(path): no such file"
    case .unreadableFile(let path, let reason): return "\(path): cannot read: \(reason)"
    case .malformedGzip(let path, let offset, let reason):
      return "\(path): bad gzip data at byte \(offset): \(reason)"
    case .malformedIDX(let path, let reason): return "\(path): bad IDX file: \(reason)"
    case .malformedCSV(let path, let line, let reason): return "\(path):\(line): \(reason)"
    case .malformedNPY(let path, let field, let reason):
      return "\(path): bad .npy file: \(field): \(reason)"
    case .badRecord(let path, let record, let reason): return "\(path): record \(record): \(reason)"
    case .mismatchedFiles(let first, let second, let reason):
      return "\(first) and \(second): \(reason)"
    case .unknownDataset(let name):
      return "unknown data set '\(name)': not one of "
        + NamedDataset.allCases.map(\.rawValue).joined(separator: ", ")
        + ", and no file of that name"
    case .missingDataset(let name, let path):
      return "data set '\(name)' not found: \(path) does not exist "
        + "(use --data-dir DIR or set BITTRUE_DATA)"
    case .invalidParameter(let message): return message
    }
  }
}
