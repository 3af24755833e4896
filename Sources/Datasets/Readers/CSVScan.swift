/// One file after the first pass: cells parsed, column statistics updated.
struct ScannedFile {
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
    var names: [String] = []
    for (c, cell) in cells.enumerated() {
      let bytes = UnsafeBufferPointer(rebasing: text[cell])
      guard let name = String(validating: bytes, as: UTF8.self) else {
        throw DatasetError.malformedCSV(
          path: source, line: 1,
          reason: "column \(c + 1): header '\(String(decoding: bytes, as: UTF8.self))' "
            + "is not valid UTF-8")
      }
      names.append(name)
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
          guard
            let category = String(
              validating: UnsafeBufferPointer(rebasing: text[cell]), as: UTF8.self)
          else {
            throw fail("column \(c + 1) ('\(names[c])'): '\(cellText())' is not valid UTF-8")
          }
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
struct LineSplitter {
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
func splitCells(
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
