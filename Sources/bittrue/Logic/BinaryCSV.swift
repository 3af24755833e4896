import ArgumentParser
import BitTrue
import Foundation

/// Samples of 0/1 features read from a CSV file: one sample per row, comma-separated; an
/// optional header row (any non-numeric cell) is skipped; with labels, the last column is
/// the integer class.
struct BinaryCSV {
  var bits: [UInt8] = []
  var labels: [Int32] = []
  var features = 0

  /// The number of samples.
  var count: Int { features == 0 ? 0 : bits.count / features }

  init(path: String, hasLabels: Bool) throws {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CommandFailure(description: "cannot read '\(path)'")
    }
    let lines = String(decoding: data, as: UTF8.self).split(
      omittingEmptySubsequences: false, whereSeparator: \.isNewline)
    for (number, line) in lines.enumerated() {
      let cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      if cells.allSatisfy(\.isEmpty) { continue }
      if number == 0 && cells.contains(where: { Int($0) == nil }) { continue }  // header
      let width = cells.count - (hasLabels ? 1 : 0)
      if features == 0 { features = width }
      guard width == features, width >= 1 else {
        throw CommandFailure(
          description:
            "\(path):\(number + 1): \(cells.count) columns, expected \(features + (hasLabels ? 1 : 0))"
        )
      }
      for cell in cells.prefix(width) {
        guard cell == "0" || cell == "1" else {
          throw CommandFailure(description: "\(path):\(number + 1): '\(cell)' is not 0 or 1")
        }
        bits.append(cell == "1" ? 1 : 0)
      }
      if hasLabels {
        guard let label = Int32(cells[width]), label >= 0 else {
          throw CommandFailure(
            description: "\(path):\(number + 1): label '\(cells[width])' is not a class")
        }
        labels.append(label)
      }
    }
    guard count > 0 else { throw CommandFailure(description: "\(path): no samples") }
  }

  /// The samples as a training data set.
  func dataset() throws -> LogicDataset {
    try LogicDataset(bits: bits, inputs: features, labels: labels)
  }
}
