import Datasets
import Foundation
import TrainingCore

/// The final lines every training command prints (in text mode) so runs can be compared:
/// `test accuracy: NN.NN%` and `weights digest: <64 hex digits>`.
enum RunSummary {
  /// `test accuracy: 97.35%`.
  static func testAccuracyLine(_ accuracy: Accuracy) -> String {
    "test accuracy: \(accuracy.percentText)"
  }

  /// `weights digest: 3fa2…`.
  static func weightsDigestLine(_ digest: WeightsDigest) -> String {
    "weights digest: \(digest.hexDigest)"
  }

  /// Prints both final lines.
  static func printFinalLines(accuracy: Accuracy, digest: WeightsDigest) throws {
    try StandardStreams.writeLine(testAccuracyLine(accuracy))
    try StandardStreams.writeLine(weightsDigestLine(digest))
  }

  /// Prints a JSON summary on stdout (see ``json(_:)``).
  static func printJSON<T: Encodable>(_ value: T) throws {
    try StandardStreams.writeLine(try json(value))
  }

  /// The JSON text of a summary: keys sorted, pretty-printed, slashes unescaped.
  static func json<T: Encodable>(_ value: T) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
  }
}
