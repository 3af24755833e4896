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
    let expected =
      range == 0...1 ? "0 or 1" : "an integer in \(range.lowerBound)...\(range.upperBound)"
    let rows = try SampleCSVRows.parse(
      bytes, source: source, hasLabels: hasLabels, classCount: classCount, expected: expected,
      isNumber: SampleCSVRows.isDecimal
    ) { text, cell in
      SampleCSVRows.integer(text, cell).flatMap { range.contains($0) ? $0 : nil }
    }
    return IntegerSampleCSV(
      values: rows.values, labels: rows.labels, featureCount: rows.featureCount)
  }
}
