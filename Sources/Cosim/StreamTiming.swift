import Foundation

extension VerilatorModel {
  /// The cycles in which the streaming harness accepted and finished each of `count`
  /// samples, read from the `verilator.hex.timing` file it wrote into `runFolder` (one line
  /// per sample: accept cycle, done cycle).
  public func streamTiming(
    in runFolder: URL, count: Int
  ) throws(CosimError) -> (accepted: [Int], done: [Int]) {
    let text = try FileIO.read(runFolder.appendingPathComponent("verilator.hex.timing"))
    var (accepted, done): ([Int], [Int]) = ([], [])
    for (index, line) in text.split(separator: "\n").enumerated() {
      let fields = line.split(separator: " ").compactMap { Int($0) }
      guard fields.count == 2 else {
        throw .badSimulatorOutput(
          source: "verilator timing", line: index + 1, "expected an accept and a done cycle")
      }
      accepted.append(fields[0])
      done.append(fields[1])
    }
    guard accepted.count == count else {
      throw .badSimulatorOutput(
        source: "verilator timing", line: accepted.count,
        "expected \(count) samples, got \(accepted.count)")
    }
    return (accepted, done)
  }
}
