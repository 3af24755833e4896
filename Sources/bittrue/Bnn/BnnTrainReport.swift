import Foundation

/// The summary of `bittrue bnn train`: printed with `--json`, written as DIR/report.json
/// and, as a table, DIR/report.md.
struct BnnTrainReport: Encodable {
  var dataset: String
  var data: String
  var layers: String
  var act: String
  var qmode: String
  var epochs: Int
  var batchSize: Int
  var learningRate: Float
  var seed: UInt64
  var bestEpoch: Int
  var bestIteration: Int
  var trainAccuracy: Double
  var validationAccuracy: Double?
  var testAccuracy: Double
  var secondsPerEpoch: Double
  var samplesPerSecond: Double
  var weightsDigest: String
  /// `confusion[true class][predicted class]` on the test split (integer net).
  var confusion: [[Int]]
  var out: String?

  /// The confusion matrix of `predicted` against `labels`.
  static func confusion(_ predicted: [Int], _ labels: [Int], classes: Int) -> [[Int]] {
    var matrix = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
    for (p, t) in zip(predicted, labels)
    where (0..<classes).contains(p) && (0..<classes).contains(t) {
      matrix[t][p] += 1
    }
    return matrix
  }

  /// The report as Markdown.
  var markdown: String {
    func pct(_ x: Double) -> String { String(format: "%.2f%%", x * 100) }
    var lines = [
      "# bittrue bnn train", "", "| setting | value |", "|---|---|",
      "| data | \(data) |", "| layers | `\(layers)` |", "| activation | \(act), \(qmode) |",
      "| epochs, batch, learning rate | \(epochs), \(batchSize), \(learningRate) |",
      "| seed | \(seed) |", "| best checkpoint | iteration \(bestIteration) |",
      "| train accuracy (integer net) | \(pct(trainAccuracy)) |",
    ]
    if let validationAccuracy {
      lines.append("| validation accuracy | \(pct(validationAccuracy)) |")
    }
    lines += [
      "| test accuracy (integer net) | \(pct(testAccuracy)) |",
      String(
        format: "| training time | %.3f s/epoch, %.0f samples/s |", secondsPerEpoch,
        samplesPerSecond),
      "| weights digest | `\(weightsDigest)` |", "",
      "## Confusion matrix (test split; rows: true class, columns: predicted)", "",
      "| | " + confusion.indices.map(String.init).joined(separator: " | ") + " |",
      "|---|" + String(repeating: "---|", count: confusion.count),
    ]
    for (t, row) in confusion.enumerated() {
      lines.append("| **\(t)** | " + row.map(String.init).joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
