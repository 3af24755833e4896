import Datasets
import Foundation
import Testing
import TrainingCore
import _TestSupport

@testable import bittrue

/// The shared CLI pieces in Sources/bittrue/Common: progress bar text, atomic file writes,
/// the final summary lines, and option parsing.
@Suite struct DataCommonTests {
  @Test func progressLineShowsCountRateAndETA() {
    #expect(
      ProgressBar.render(label: "epoch 1", completed: 250, total: 1000, elapsed: 2, final: false)
        == "epoch 1  [######..................]  250/1000  25.0%  125/s  ETA 0:06")
    #expect(
      ProgressBar.render(label: "x", completed: 3, total: 4, elapsed: 40, final: false)
        == "x  [##################......]  3/4  75.0%  0.1/s  ETA 0:13")
    #expect(
      ProgressBar.render(label: "x", completed: 0, total: 5, elapsed: 0, final: false)
        == "x  [........................]  0/5  0.0%  0.0/s  ETA --:--")
    #expect(
      ProgressBar.render(label: "done", completed: 6000, total: 6000, elapsed: 3725, final: true)
        == "done  [########################]  6000/6000  100.0%  1.6/s  1:02:05")
    #expect(ProgressBar.clock(.infinity) == "99:59:59")
    #expect(ProgressBar.clock(59.6) == "1:00")
  }

  @Test func progressBarDrawsAtMostTenTimesASecondAndOnlyWhenEnabled() {
    final class Sink: @unchecked Sendable { var text: [String] = [] }
    let silent = Sink()
    let off = ProgressBar(label: "x", total: 10, isEnabled: false) { silent.text.append($0) }
    off.advance()
    off.update(to: 20)
    off.finish()
    #expect(silent.text.isEmpty)
    let sink = Sink()
    let on = ProgressBar(label: "x", total: 3, isEnabled: true) { sink.text.append($0) }
    on.advance()
    on.advance()  // within 0.1 s of the first draw: not drawn
    on.finish()
    #expect(sink.text.count == 2)
    #expect(sink.text.first?.hasPrefix("\rx  [########................]  1/3  33.3%  ") == true)
    #expect(sink.text.first?.hasSuffix("\u{1B}[K") == true)
    #expect(sink.text.last?.hasPrefix("\rx  [########################]  3/3  100.0%  ") == true)
    #expect(sink.text.last?.hasSuffix("\u{1B}[K\n") == true)
  }

  @Test func atomicWriterReplacesWholeFilesAndLeavesNoTemporaries() throws {
    let dir = Paths.temporaryDirectory("bittrue-atomic")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("sub/out.txt").path
    // The folder must exist: a missing one is an error, not created.
    #expect(
      errorText { try AtomicFileWriter.write("x", to: path) }
        == "\(path): cannot write: folder \(dir.path)/sub does not exist")
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("sub"), withIntermediateDirectories: false)
    try AtomicFileWriter.write("first\n", to: path)
    try AtomicFileWriter.write("second\n", to: path)
    #expect(
      String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        == "second\n")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("sub").path)
        == ["out.txt"])
    // A target that is a folder cannot be replaced: an error, and nothing left behind.
    let folder = dir.appendingPathComponent("sub/folder").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: URL(fileURLWithPath: folder + "/inner"))
    let message = errorText { try AtomicFileWriter.write("x", to: folder) }
    #expect(message?.hasPrefix("\(folder): cannot write: ") == true, "\(message ?? "no error")")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("sub").path)
        .sorted()
        == ["folder", "out.txt"])
    // A parent that is a file.
    let blocked = dir.appendingPathComponent("sub/out.txt/x").path
    #expect(
      errorText { try AtomicFileWriter.write("x", to: blocked) }
        == "\(blocked): cannot write: not a directory")
  }

  @Test func summaryLines() {
    #expect(
      RunSummary.testAccuracyLine(Accuracy(correct: 9735, total: 10000)) == "test accuracy: 97.35%")
    var digest = WeightsDigest()
    digest.append("w", [Int8(1)])
    let line = RunSummary.weightsDigestLine(digest)
    #expect(line == "weights digest: \(digest.hexDigest)")
    #expect(line.count == "weights digest: ".count + 64)
  }

  @Test func optionsParseAndValidate() throws {
    let options = try DatasetOptions.parse([
      "--dataset", "iris", "--data-dir", "/d", "--split-seed", "5", "--limit", "9", "--encoding",
      "thermometer", "--thresholds", "4", "--threshold-placement", "quantile",
    ])
    #expect(options.source == "iris")
    #expect(options.resolvedDataDirectory == "/d")
    #expect(options.inputEncoding == .thermometer(thresholds: 4, placement: .quantile))
    let defaults = try DatasetOptions.parse([])
    #expect(defaults.source == "digits")
    #expect(defaults.inputEncoding == .raw)
    #expect(
      try DatasetOptions.parse(["--encoding", "thermometer"]).inputEncoding
        == .thermometer(thresholds: 1, placement: .uniform))
    let run = try RunOptions.parse(["--seed", "7", "--threads", "2", "--out", "o", "--json"])
    #expect(run.seed == 7 && run.threads == 2 && run.out == "o" && run.json && !run.quiet)
    #expect(throws: (any Error).self) { try RunOptions.parse(["--threads", "0"]) }
    #expect(throws: (any Error).self) { try DatasetOptions.parse(["--limit", "-1"]) }
  }
}

/// The message of the error `body` throws, or nil.
private func errorText(_ body: () throws -> Void) -> String? {
  do {
    try body()
    return nil
  } catch {
    return "\(error)"
  }
}
