import Foundation
import Testing
import _TestSupport

/// `bittrue wageubn train --resume`: a run continued from its `checkpoint.json` prints the
/// digest of an uninterrupted run; a state that cannot continue is refused in one line.
@Suite struct WageubnResumeCLITests {
  static let tiny = [
    "wageubn", "train", "--dataset", "digits", "--data-dir", Paths.bundledData.path,
    "--model", "mlp:64-16-10", "--batch", "16", "--schedule", "constant", "--limit", "320",
    "--lr", "0.5", "--seed", "5", "--quiet",
  ]

  @Test func resumedRunPrintsTheUninterruptedDigest() throws {
    let dir = Paths.temporaryDirectory("bittrue-wageubn-resume")
    defer { try? FileManager.default.removeItem(at: dir) }
    let first = dir.appendingPathComponent("first").path
    let second = dir.appendingPathComponent("second").path
    let whole = try CLI.run(Self.tiny + ["--epochs", "3"])
    #expect(whole.status == 0, "\(whole.stderr)")
    let digest = WageubnTrainCLITests.lastLines(whole).digest
    let one = try CLI.run(Self.tiny + ["--epochs", "1", "--out", first])
    #expect(one.status == 0, "\(one.stderr)")
    #expect(WageubnTrainCLITests.lastLines(one).digest != digest)
    let resumed = try CLI.run(
      Self.tiny + ["--epochs", "3", "--resume", first, "--threads", "2", "--out", second])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(WageubnTrainCLITests.lastLines(resumed).digest == digest)
    let log = try String(contentsOfFile: second + "/train.log", encoding: .utf8)
    #expect(log.split(separator: "\n").count == 3, "the log holds every epoch")
    let chart = dir.appendingPathComponent("chart.svg").path
    let report = try CLI.run(["wageubn", "report", second, "--svg", chart])
    #expect(report.status == 0, "\(report.stderr)")
    let svg = try String(contentsOfFile: chart, encoding: .utf8)
    #expect(svg == (try String(contentsOfFile: second + "/curve.svg", encoding: .utf8)))
    #expect(svg.hasPrefix("<svg") && svg.contains(">overflows</text>"))
    #expect(svg.components(separatedBy: "<circle").count - 1 == 3 * 3, "3 series × 3 epochs")

    let done = try CLI.run(Self.tiny + ["--epochs", "1", "--resume", first])
    #expect(done.status != 0)
    #expect(
      done.stderr
        == "Error: --resume: \(first)/checkpoint.json: it already has 1 epoch(s); ask for more "
        + "with --epochs\n")
    let other = try CLI.run(Self.tiny + ["--epochs", "3", "--resume", first, "--seed", "6"])
    #expect(other.stderr.hasPrefix("Error: --resume: \(first)/checkpoint.json: it was trained"))
    let missing = try CLI.run(Self.tiny + ["--epochs", "3", "--resume", dir.path])
    #expect(missing.stderr == "Error: --resume: cannot read \(dir.path)/checkpoint.json\n")
  }
}
