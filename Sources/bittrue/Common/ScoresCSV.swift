/// The `--scores` file of the eval commands: a header, then one row per sample with the
/// class scores (or counts) and the predicted class last; written atomically.
enum ScoresCSV {
  /// Writes `scores` (`samples × classes`, sample-major) and `predicted` to `path`; the
  /// header names the score columns `<column>0`, `<column>1`, … and then `class`.
  static func write<Score: BinaryInteger>(
    _ scores: [Score], predicted: [Int], classes: Int, column: String, to path: String
  ) throws {
    var text = (0..<classes).map { "\(column)\($0)" }.joined(separator: ",") + ",class\n"
    for s in 0..<predicted.count {
      text += scores[s * classes..<(s + 1) * classes].map { "\($0)" }.joined(separator: ",")
      text += ",\(predicted[s])\n"
    }
    try AtomicFileWriter.write(text, to: path)
  }
}
