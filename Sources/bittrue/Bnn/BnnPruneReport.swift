/// The summary of `bittrue bnn prune`: printed with `--json`, written as DIR/report.json and,
/// as tables, DIR/report.md.
struct BnnPruneReport: Encodable {
  /// One row of the hardware table.
  struct HardwareRow: Encodable {
    var name: String
    var before: Int
    var after: Int
  }

  var model: String
  var data: String
  var sparsity: Double
  var epochs: Int
  /// Test accuracy of the given net, of the pruned net before fine-tuning, and of the
  /// fine-tuned, reduced net.
  var accuracyBefore: Double
  var accuracyPruned: Double
  var accuracyAfter: Double
  /// Fraction of zero weights per dense layer, before and after.
  var zerosBefore: [Double]
  var zerosAfter: [Double]
  /// Neurons per dense layer, before and after the structural reduction.
  var neuronsBefore: [Int]
  var neuronsAfter: [Int]
  var constantNeuronsRemoved: [Int]
  var unreadNeuronsRemoved: [Int]
  var unreadInputs: Int
  /// The unrolled hardware before and after (empty with `--no-hardware`).
  var hardware: [HardwareRow]
  var weightsDigest: String
  var out: String?

  /// The report as Markdown.
  var markdown: String {
    func pct(_ x: Double) -> String { String(format: "%.2f%%", x * 100) }
    func list(_ values: [Int]) -> String { values.map(String.init).joined(separator: ", ") }
    var lines = [
      "# bittrue bnn prune", "", "| setting | value |", "|---|---|",
      "| model | \(model) |", "| data | \(data) |",
      "| target sparsity, fine-tuning epochs | \(pct(sparsity)), \(epochs) |",
      "| test accuracy: given net | \(pct(accuracyBefore)) |",
      "| test accuracy: pruned, before fine-tuning | \(pct(accuracyPruned)) |",
      "| test accuracy: pruned, fine-tuned, reduced | \(pct(accuracyAfter)) |",
      "| zero weights per layer | \(zerosBefore.map(pct).joined(separator: ", ")) → "
        + "\(zerosAfter.map(pct).joined(separator: ", ")) |",
      "| neurons per layer | \(list(neuronsBefore)) → \(list(neuronsAfter)) |",
      "| removed: constant, unread neurons per hidden layer | "
        + "\(list(constantNeuronsRemoved)); \(list(unreadNeuronsRemoved)) |",
      "| inputs no neuron reads | \(unreadInputs) |",
      "| weights digest | `\(weightsDigest)` |",
    ]
    if !hardware.isEmpty {
      lines += [
        "", "## Unrolled hardware (bittrue netlist report)", "",
        "| | before | after | removed |", "|---|---|---|---|",
      ]
      for row in hardware {
        lines.append(
          "| \(row.name) | \(row.before) | \(row.after) | \(row.before - row.after) |")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }
}
