/// The row reader behind ``BinarySampleCSV``, ``IntegerSampleCSV`` and ``FloatSampleCSV``: one
/// sample per row, cells split, trimmed and line-broken as ``CSVReader`` does, blank lines
/// skipped, a first row with no number in it taken as a header, every row as wide as the
/// first sample, and with labels a class `0 ..< classCount` in the last cell. A cell the
/// caller's `value` rejects is an error naming its line and column.
enum SampleCSVRows {
  /// The feature values (sample after sample), the labels and the feature columns of the
  /// CSV text `bytes`; `source` names it in errors, `expected` says what a value must be.
  static func parse<Value>(
    _ bytes: [UInt8], source: String, hasLabels: Bool, classCount: Int, expected: String,
    isNumber: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Bool,
    value: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Value?
  ) throws -> (values: [Value], labels: [Int32]?, featureCount: Int) {
    precondition(classCount >= 1, "a net has at least one class")
    return try bytes.withUnsafeBufferPointer { text in
      var values: [Value] = []
      var labels: [Int32] = []
      var width = 0  // cells per row, fixed by the first sample
      var lines = LineSplitter(text)
      var cells: [Range<Int>] = []
      var lineNumber = 0
      var seenRow = false
      while let line = lines.next() {
        lineNumber += 1
        func fail(_ reason: String) -> DatasetError {
          .malformedCSV(path: source, line: lineNumber, reason: reason)
        }
        func cellText(_ c: Int) -> String {
          String(decoding: UnsafeBufferPointer(rebasing: text[cells[c]]), as: UTF8.self)
        }
        splitCells(text, line, into: &cells)
        if cells.allSatisfy(\.isEmpty) { continue }
        defer { seenRow = true }
        if !seenRow && cells.allSatisfy({ !isNumber(text, $0) }) { continue }  // header
        if width == 0 { width = cells.count }
        guard cells.count == width else {
          throw fail("expected \(width) cells, found \(cells.count)")
        }
        let features = width - (hasLabels ? 1 : 0)
        guard features >= 1 else { throw fail("no feature columns before the label") }
        for c in 0..<features {
          guard let v = value(text, cells[c]) else {
            throw fail("column \(c + 1): '\(cellText(c))' is not \(expected)")
          }
          values.append(v)
        }
        if hasLabels {
          guard let label = integer(text, cells[features]), (0..<classCount).contains(label)
          else {
            throw fail(
              "column \(features + 1): label '\(cellText(features))' is not a class "
                + "0...\(classCount - 1) of the net")
          }
          labels.append(Int32(label))
        }
      }
      guard !values.isEmpty else {
        throw DatasetError.malformedCSV(path: source, line: lineNumber + 1, reason: "no samples")
      }
      return (values, hasLabels ? labels : nil, width - (hasLabels ? 1 : 0))
    }
  }

  /// The integer in a cell (a decimal with no fraction digits), or nil.
  static func integer(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    guard let cell = try? DecimalCell.parse(text, range), cell.places == 0 else { return nil }
    return Int(cell.mantissa)
  }

  /// Whether a cell is a decimal number (in range or not).
  static func isDecimal(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    do {
      _ = try DecimalCell.parse(text, range)
      return true
    } catch .outOfRange {
      return true
    } catch {
      return false
    }
  }
}
