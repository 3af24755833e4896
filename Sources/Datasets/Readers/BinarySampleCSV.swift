/// Samples of 0/1 features read from CSV, the format of `bittrue logic eval --inputs`: one
/// sample per row, cells separated by commas (split, trimmed and line-broken as
/// ``CSVReader`` does: CRLF, a byte-order mark and a missing final line break are fine);
/// with labels, the last cell is the class.
///
/// The first row is a header when none of its cells is a number, and a sample otherwise, so a
/// row like `0,1,0,x` is an error naming its line and column, never a header that silently
/// drops a sample. Blank lines are skipped. Labels must be classes of the net
/// (`0 ..< classCount`).
public struct BinarySampleCSV: Equatable, Sendable {
  /// The feature bits, sample after sample (`featureCount` per sample), each 0 or 1.
  public let bits: [UInt8]
  /// One class per sample, when the file has labels.
  public let labels: [Int32]?
  /// The feature columns per sample.
  public let featureCount: Int

  /// The number of samples.
  public var count: Int { featureCount == 0 ? 0 : bits.count / featureCount }

  /// Reads the file at `path` (gzipped or not); `classCount` bounds the labels.
  public static func read(_ path: String, hasLabels: Bool, classCount: Int) throws
    -> BinarySampleCSV
  {
    try parse(FileBytes.read(path), source: path, hasLabels: hasLabels, classCount: classCount)
  }

  /// Parses CSV text; `source` names it in error messages.
  public static func parse(
    _ bytes: [UInt8], source: String, hasLabels: Bool, classCount: Int
  ) throws -> BinarySampleCSV {
    precondition(classCount >= 1, "a net has at least one class")
    return try bytes.withUnsafeBufferPointer { text in
      var bits: [UInt8] = []
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
          let cell = cells[c]
          guard cell.count == 1, text[cell.lowerBound] | 1 == UInt8(ascii: "1") else {
            throw fail("column \(c + 1): '\(cellText(c))' is not 0 or 1")
          }
          bits.append(text[cell.lowerBound] &- UInt8(ascii: "0"))
        }
        if hasLabels {
          let cell = cells[features]
          guard let label = try? DecimalCell.parse(text, cell), label.places == 0,
            (0..<Int64(classCount)).contains(label.mantissa)
          else {
            throw fail(
              "column \(features + 1): label '\(cellText(features))' is not a class "
                + "0...\(classCount - 1) of the net")
          }
          labels.append(Int32(label.mantissa))
        }
      }
      guard !bits.isEmpty else {
        throw DatasetError.malformedCSV(path: source, line: lineNumber + 1, reason: "no samples")
      }
      return BinarySampleCSV(
        bits: bits, labels: hasLabels ? labels : nil, featureCount: width - (hasLabels ? 1 : 0))
    }
  }

  /// Whether the cell `text[range]` is a decimal number (of any size).
  private static func isNumber(_ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
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
