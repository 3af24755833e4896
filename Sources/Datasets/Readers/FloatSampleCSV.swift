/// Samples of real-valued features read from CSV, the format of `bittrue bnn eval --inputs`
/// for a QONNX model: one sample per row, each value the float the graph's input receives
/// (before its input quantizer), with an optional label in the last cell. Rows, headers,
/// blank lines and labels as for ``IntegerSampleCSV``; a value is any finite decimal or
/// exponent form Swift's `Float(_:)` reads, rounded to the nearest float32, and anything
/// else is an error naming its line and column.
public struct FloatSampleCSV: Equatable, Sendable {
  /// The feature values, sample after sample (`featureCount` per sample).
  public let values: [Float]
  /// One class per sample, when the file has labels.
  public let labels: [Int32]?
  /// The feature columns per sample.
  public let featureCount: Int

  /// The number of samples.
  public var count: Int { featureCount == 0 ? 0 : values.count / featureCount }

  /// Reads the file at `path` (gzipped or not); `classCount` bounds the labels.
  public static func read(
    _ path: String, hasLabels: Bool, classCount: Int
  ) throws -> FloatSampleCSV {
    try parse(FileBytes.read(path), source: path, hasLabels: hasLabels, classCount: classCount)
  }

  /// Parses CSV text; `source` names it in error messages.
  public static func parse(
    _ bytes: [UInt8], source: String, hasLabels: Bool, classCount: Int
  ) throws -> FloatSampleCSV {
    func float(_ text: UnsafeBufferPointer<UInt8>, _ cell: Range<Int>) -> Float? {
      let string = String(decoding: UnsafeBufferPointer(rebasing: text[cell]), as: UTF8.self)
      guard let value = Float(string), value.isFinite else { return nil }
      return value
    }
    let rows = try SampleCSVRows.parse(
      bytes, source: source, hasLabels: hasLabels, classCount: classCount,
      expected: "a finite number", isNumber: { float($0, $1) != nil }, value: float)
    return FloatSampleCSV(
      values: rows.values, labels: rows.labels, featureCount: rows.featureCount)
  }
}
