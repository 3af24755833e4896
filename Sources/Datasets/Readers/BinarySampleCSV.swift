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
    let rows = try SampleCSVRows.parse(
      bytes, source: source, hasLabels: hasLabels, classCount: classCount,
      expected: "0 or 1", isNumber: SampleCSVRows.isDecimal,
      value: { text, cell -> UInt8? in
        guard cell.count == 1, text[cell.lowerBound] | 1 == UInt8(ascii: "1") else { return nil }
        return text[cell.lowerBound] &- UInt8(ascii: "0")
      })
    return BinarySampleCSV(bits: rows.values, labels: rows.labels, featureCount: rows.featureCount)
  }
}
