/// Samples of integer features read from CSV, the format of `bittrue bnn eval --inputs`: one
/// sample per row, each value exactly as the model's input receives it, with an optional
/// label in the last cell. Lines, cells, headers and blank lines as for
/// ``BinarySampleCSV``; every value must lie in a given range (0...1 for bit inputs), and a
/// value outside it is an error naming its line and column.
public struct IntegerSampleCSV: Equatable, Sendable {
  /// The feature values, sample after sample (`featureCount` per sample).
  public let values: [Int]
  /// One class per sample, when the file has labels.
  public let labels: [Int32]?
  /// The feature columns per sample.
  public let featureCount: Int

  /// The number of samples.
  public var count: Int { featureCount == 0 ? 0 : values.count / featureCount }

  /// Reads the file at `path` (gzipped or not); `range` bounds the values and `classCount`
  /// the labels.
  public static func read(
    _ path: String, range: ClosedRange<Int>, hasLabels: Bool, classCount: Int
  ) throws -> IntegerSampleCSV {
    try parse(
      FileBytes.read(path), source: path, range: range, hasLabels: hasLabels,
      classCount: classCount)
  }

  /// Parses CSV text; `source` names it in error messages.
  public static func parse(
    _ bytes: [UInt8], source: String, range: ClosedRange<Int>, hasLabels: Bool, classCount: Int
  ) throws -> IntegerSampleCSV {
    precondition(classCount >= 1, "a net has at least one class")
    let expected =
      range == 0...1 ? "0 or 1" : "an integer in \(range.lowerBound)...\(range.upperBound)"
    return try bytes.withUnsafeBufferPointer { text in
      var values: [Int] = []
      var labels: [Int32] = []
      var width = 0  // cells per row, fixed by the first sample
      var lines = LineSplitter(text)
      var cells: [Range<Int>] = []
      var lineNumber = 0
      var seenRow = false
      func integer(_ range: Range<Int>) -> Int? {
        guard let cell = try? DecimalCell.parse(text, range), cell.places == 0 else { return nil }
        return Int(cell.mantissa)
      }
      func isNumber(_ range: Range<Int>) -> Bool {
        do {
          _ = try DecimalCell.parse(text, range)
          return true
        } catch .outOfRange {
          return true
        } catch {
          return false
        }
      }
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
        if !seenRow && cells.allSatisfy({ !isNumber($0) }) { continue }  // header
        if width == 0 { width = cells.count }
        guard cells.count == width else {
          throw fail("expected \(width) cells, found \(cells.count)")
        }
        let features = width - (hasLabels ? 1 : 0)
        guard features >= 1 else { throw fail("no feature columns before the label") }
        for c in 0..<features {
          guard let value = integer(cells[c]), range.contains(value) else {
            throw fail("column \(c + 1): '\(cellText(c))' is not \(expected)")
          }
          values.append(value)
        }
        if hasLabels {
          guard let label = integer(cells[features]), (0..<classCount).contains(label) else {
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
      let featureCount = width - (hasLabels ? 1 : 0)
      return IntegerSampleCSV(
        values: values, labels: hasLabels ? labels : nil, featureCount: featureCount)
    }
  }
}
