/// Marks in ``ScannedFile/tags`` for cells that are not numbers.
enum CellTag {
  /// A `?` cell.
  static let missing: UInt8 = 0xFF
  /// A text cell; its mantissa slot holds the category id.
  static let text: UInt8 = 0xFE
}

/// What one source column holds, gathered over every file.
struct ColumnStats {
  /// Where a cell sits, for messages.
  struct Place {
    var file: Int
    var line: Int
    var text: String
  }

  /// Cells that are numbers.
  var numericCount = 0
  /// Cells that are text (categories).
  var textCount = 0
  /// Cells that are `?`.
  var missingCount = 0
  /// The most decimal places of a numeric cell.
  var places = 0
  /// The first cell of each kind, for error messages.
  var firstText: Place?
  var firstNumeric: Place?
  var firstMissing: Place?
  /// Category texts in order of first appearance, and their ids.
  var categories: [String] = []
  var categoryIDs: [String: Int] = [:]

  /// A resolved column type.
  enum Kind {
    case numeric
    case categorical
  }

  /// The column's type by the rule of ``CSVReader``, or the error at its first bad cell.
  func resolveKind(name: String, sources: [String]) throws -> Kind {
    if textCount > 0 && numericCount > 0 {
      if numericCount >= textCount, let at = firstText {
        throw DatasetError.malformedCSV(
          path: sources[at.file], line: at.line,
          reason: "column '\(name)': '\(at.text)' is not a number")
      }
      if let at = firstNumeric {
        throw DatasetError.malformedCSV(
          path: sources[at.file], line: at.line,
          reason: "column '\(name)': number '\(at.text)' in a categorical column")
      }
    }
    if textCount == 0 && numericCount > 0 && missingCount > 0, let at = firstMissing {
      throw DatasetError.malformedCSV(
        path: sources[at.file], line: at.line,
        reason: "column '\(name)': missing value '?' in a numeric column")
    }
    return numericCount > 0 ? .numeric : .categorical
  }
}
