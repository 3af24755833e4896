/// Reads the shared CSV format: a header row, feature columns, and a last column `label`
/// holding the class as a non-negative integer.
///
/// Cells are separated by commas (no quoting); spaces and tabs around a cell, a `\r` before
/// the line break and a UTF-8 byte-order mark are ignored; the last line may lack its line
/// break. Blank lines are errors (except after the last line break).
///
/// **Column types.** A numeric cell is an exact decimal (see ``FeatureColumn/Kind``). A column
/// is *categorical* when none of its non-missing cells is a number — Adult's `workclass`,
/// `education`, … — and *numeric* otherwise; a column that mixes the two is an error at the
/// first cell of the minority kind, so a typo in a numeric column is reported, never turned
/// into a category. `?` marks a missing cell; it is allowed in categorical columns only.
///
/// **One-hot encoding.** A categorical column becomes one 0/1 feature column per category,
/// named `column=category`. The categories are the distinct non-missing cell texts of that
/// column over *every* file read together (train and test), sorted by their UTF-8 bytes, so
/// the input layout belongs to the data set, not to a split or a seed. A missing cell is 0
/// in every column of its block.
///
/// Several files read together (a training and a test file) must have identical headers;
/// each yields its own ``LabeledSamples`` over the same feature columns.
public enum CSVReader {
  /// The largest label accepted when no class count is given.
  public static let maxLabel = 65535

  /// Reads CSV files (gzipped or not) together; `classCount`, when given, bounds the labels.
  public static func read(_ paths: [String], classCount: Int?) throws -> LabeledTable {
    try parse(paths.map { (source: $0, bytes: try FileBytes.read($0)) }, classCount: classCount)
  }

  /// Parses CSV texts together; each `source` names its text in error messages.
  public static func parse(_ files: [(source: String, bytes: [UInt8])], classCount: Int?)
    throws -> LabeledTable
  {
    precondition(!files.isEmpty, "no files")
    var stats: [ColumnStats] = []
    var scanned: [ScannedFile] = []
    for (index, file) in files.enumerated() {
      let scan = try file.bytes.withUnsafeBufferPointer {
        try ScannedFile(
          text: $0, source: file.source, fileIndex: index, stats: &stats,
          classCount: classCount)
      }
      if let first = scanned.first, first.header != scan.header {
        throw DatasetError.mismatchedFiles(
          first: first.source, second: scan.source, reason: "the CSV headers differ")
      }
      scanned.append(scan)
    }
    let header = scanned[0].header
    var features: [FeatureColumn] = []
    var categoryRank: [[Int]] = []
    for (c, column) in stats.enumerated() {
      let name = header[c]
      let kind = try column.resolveKind(name: name, sources: files.map(\.source))
      switch kind {
      case .numeric:
        features.append(FeatureColumn(name: name, kind: .numeric(decimalPlaces: column.places)))
        categoryRank.append([])
      case .categorical:
        let order = column.categories.indices.sorted {
          column.categories[$0].utf8.lexicographicallyPrecedes(column.categories[$1].utf8)
        }
        var rank = [Int](repeating: 0, count: order.count)
        for (r, id) in order.enumerated() { rank[id] = r }
        categoryRank.append(rank)
        for id in order {
          let category = column.categories[id]
          features.append(
            FeatureColumn(
              name: "\(name)=\(category)", kind: .oneHot(column: name, category: category)))
        }
      }
    }
    let parts = try scanned.map {
      try $0.samples(
        stats: stats, categoryRank: categoryRank, header: header,
        featureCount: features.count)
    }
    let classes = classCount ?? (scanned.flatMap(\.labels).max() ?? 0) + 1
    return LabeledTable(features: features, parts: parts, classCount: classes)
  }
}

/// Marks in ``ScannedFile/tags`` for cells that are not numbers.
private enum CellTag {
  /// A `?` cell.
  static let missing: UInt8 = 0xFF
  /// A text cell; its mantissa slot holds the category id.
  static let text: UInt8 = 0xFE
}

/// What one source column holds, gathered over every file.
private struct ColumnStats {
  /// Where a cell sits, for messages.
  struct Place {
    var file: Int
    var line: Int
    var text: String
  }

  var numericCount = 0
  var textCount = 0
  var missingCount = 0
  /// The most decimal places of a numeric cell.
  var places = 0
  var firstText: Place?
  var firstNumeric: Place?
  var firstMissing: Place?
  /// Category texts in order of first appearance, and their ids.
  var categories: [String] = []
  var categoryIDs: [String: Int] = [:]

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

/// One file after the first pass: cells parsed, column statistics updated.
private struct ScannedFile {
  let source: String
  let header: [String]
  var rows = 0
  /// Per cell (row-major over the feature columns): the mantissa, or the category id.
  var mantissas: [Int64] = []
  /// Per cell: decimal places (0 … 18) or a ``CellTag``.
  var tags: [UInt8] = []
  var labels: [Int] = []

  init(
    text: UnsafeBufferPointer<UInt8>, source: String, fileIndex: Int, stats: inout [ColumnStats],
    classCount: Int?
  ) throws {
    self.source = source
    var lines = LineSplitter(text)
    guard let headerRange = lines.next() else {
      throw DatasetError.malformedCSV(path: source, line: 1, reason: "empty file: no header row")
    }
    var cells: [Range<Int>] = []
    splitCells(text, headerRange, into: &cells)
    let names = cells.map {
      String(decoding: UnsafeBufferPointer(rebasing: text[$0]), as: UTF8.self)
    }
    header = names
    guard names.count >= 2, names.last == "label" else {
      throw DatasetError.malformedCSV(
        path: source, line: 1,
        reason:
          "header must list the feature columns and end with 'label' (found '\(names.last ?? "")')")
    }
    let featureCount = names.count - 1
    if stats.isEmpty { stats = [ColumnStats](repeating: ColumnStats(), count: featureCount) }
    var lineNumber = 1
    while let range = lines.next() {
      lineNumber += 1
      func fail(_ reason: String) -> DatasetError {
        .malformedCSV(path: source, line: lineNumber, reason: reason)
      }
      splitCells(text, range, into: &cells)
      if cells.count == 1 && cells[0].isEmpty { throw fail("empty line") }
      guard cells.count == names.count else {
        throw fail("expected \(names.count) cells, found \(cells.count)")
      }
      for c in 0..<featureCount {
        let cell = cells[c]
        func cellText() -> String {
          String(decoding: UnsafeBufferPointer(rebasing: text[cell]), as: UTF8.self)
        }
        guard !cell.isEmpty else { throw fail("column '\(names[c])': empty cell") }
        if cell.count == 1 && text[cell.lowerBound] == UInt8(ascii: "?") {
          mantissas.append(0)
          tags.append(CellTag.missing)
          stats[c].missingCount += 1
          if stats[c].firstMissing == nil {
            stats[c].firstMissing = .init(file: fileIndex, line: lineNumber, text: "?")
          }
          continue
        }
        do {
          let number = try DecimalCell.parse(text, cell)
          mantissas.append(number.mantissa)
          tags.append(UInt8(number.places))
          stats[c].numericCount += 1
          stats[c].places = max(stats[c].places, number.places)
          if stats[c].firstNumeric == nil {
            stats[c].firstNumeric = .init(file: fileIndex, line: lineNumber, text: cellText())
          }
        } catch .outOfRange {
          throw fail("column '\(names[c])': '\(cellText())' has too many digits to hold exactly")
        } catch .notANumber {
          let category = cellText()
          let id: Int
          if let known = stats[c].categoryIDs[category] {
            id = known
          } else {
            id = stats[c].categories.count
            stats[c].categoryIDs[category] = id
            stats[c].categories.append(category)
          }
          mantissas.append(Int64(id))
          tags.append(CellTag.text)
          stats[c].textCount += 1
          if stats[c].firstText == nil {
            stats[c].firstText = .init(file: fileIndex, line: lineNumber, text: category)
          }
        }
      }
      let labelCell = cells[featureCount]
      let labelText = String(
        decoding: UnsafeBufferPointer(rebasing: text[labelCell]), as: UTF8.self)
      guard let label = try? DecimalCell.parse(text, labelCell), label.places == 0,
        label.mantissa >= 0
      else {
        throw fail("label '\(labelText)' is not a non-negative integer")
      }
      let limit = (classCount ?? CSVReader.maxLabel + 1) - 1
      guard label.mantissa <= limit else {
        throw fail("label \(label.mantissa) is out of range 0...\(limit)")
      }
      labels.append(Int(label.mantissa))
      rows += 1
    }
    guard rows > 0 else {
      throw DatasetError.malformedCSV(path: source, line: 2, reason: "no data rows")
    }
  }

  /// The file's samples once every column's type and scale are known.
  func samples(stats: [ColumnStats], categoryRank: [[Int]], header: [String], featureCount: Int)
    throws -> LabeledSamples
  {
    let sourceColumns = stats.count
    var values = [Int32](repeating: 0, count: rows * featureCount)
    var offsets: [Int] = []
    var next = 0
    for c in 0..<sourceColumns {
      offsets.append(next)
      next += stats[c].numericCount > 0 ? 1 : categoryRank[c].count
    }
    for r in 0..<rows {
      for c in 0..<sourceColumns {
        let i = r * sourceColumns + c
        let out = r * featureCount + offsets[c]
        let tag = tags[i]
        if tag == CellTag.missing { continue }
        if tag == CellTag.text {
          values[out + categoryRank[c][Int(mantissas[i])]] = 1
          continue
        }
        let number = DecimalCell(mantissa: mantissas[i], places: Int(tag))
        guard let scaled = number.scaled(to: stats[c].places) else {
          throw DatasetError.malformedCSV(
            path: source, line: r + 2,
            reason: "column '\(header[c])': \(number.text) does not fit in a 32-bit integer "
              + "at \(stats[c].places) decimal places")
        }
        values[out] = scaled
      }
    }
    return LabeledSamples(
      inputs: IntMatrix(rows: rows, columns: featureCount, values: values), labels: labels)
  }
}

/// Splits text into lines at `\n`, dropping a `\r` before it and a final empty line.
private struct LineSplitter {
  let text: UnsafeBufferPointer<UInt8>
  var position = 0

  /// Lines of `text`, skipping a UTF-8 byte-order mark at its start.
  init(_ text: UnsafeBufferPointer<UInt8>) {
    self.text = text
    if text.count >= 3 && text[0] == 0xEF && text[1] == 0xBB && text[2] == 0xBF { position = 3 }
  }

  /// The byte range of the next line, without its terminator.
  mutating func next() -> Range<Int>? {
    guard position < text.count else { return nil }
    let start = position
    var end = start
    while end < text.count && text[end] != UInt8(ascii: "\n") { end += 1 }
    position = end + 1
    if end > start && text[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return start..<end
  }
}

/// Splits one line at commas into trimmed cell ranges.
private func splitCells(
  _ text: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, into cells: inout [Range<Int>]
) {
  cells.removeAll(keepingCapacity: true)
  var start = line.lowerBound
  var i = start
  while true {
    if i == line.upperBound || text[i] == UInt8(ascii: ",") {
      var a = start
      var b = i
      while a < b && (text[a] == UInt8(ascii: " ") || text[a] == UInt8(ascii: "\t")) { a += 1 }
      while b > a && (text[b - 1] == UInt8(ascii: " ") || text[b - 1] == UInt8(ascii: "\t")) {
        b -= 1
      }
      cells.append(a..<b)
      if i == line.upperBound { return }
      start = i + 1
    }
    i += 1
  }
}
