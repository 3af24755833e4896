import Foundation
import Testing
import _TestSupport

/// End-to-end tests of `bittrue wageubn sweep` on the bundled digits data.
@Suite struct WageubnSweepCLITests {
  static let tiny = [
    "wageubn", "sweep", "--dataset", "digits", "--data-dir", Paths.bundledData.path,
    "--model", "mlp:64-32-10", "--epochs", "1", "--batch", "8", "--schedule", "constant",
    "--limit", "300", "--lr", "0.5", "--seed", "3", "--quiet",
  ]

  /// The settings of a `--json` sweep.
  static func settings(_ r: CLI.Result) throws -> [[String: Any]] {
    let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    return object?["settings"] as? [[String: Any]] ?? []
  }

  @Test func settingsInParallelEqualSequentialTrainRuns() throws {
    let dir = Paths.temporaryDirectory("bittrue-wageubn-sweep")
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("sweep").path
    let parallel = try CLI.run(
      Self.tiny + ["--vary", "e2=8,16,4", "--threads", "2", "--json", "--out", out])
    #expect(parallel.status == 0, "\(parallel.stderr)")
    let rows = try Self.settings(parallel)
    #expect(rows.map { $0["setting"] as? String } == ["e2-8", "e2-16", "e2-4"])
    let sequential = try CLI.run(Self.tiny + ["--vary", "e2=8,16,4", "--threads", "1", "--json"])
    let digests = rows.map { $0["weightsDigest"] as? String ?? "" }
    #expect(try Self.settings(sequential).map { $0["weightsDigest"] as? String ?? "" } == digests)
    #expect(Set(digests).count == 3, "the width changes the run")
    for (i, bits) in [8, 16, 4].enumerated() {
      let train = Array(Self.tiny.dropFirst(2).filter { $0 != "--quiet" })
      let one = try CLI.run(["wageubn", "train"] + train + ["--bits", "e2=\(bits)", "--quiet"])
      #expect(WageubnTrainCLITests.lastLines(one).digest == digests[i], "e2=\(bits)")
      let run = out + "/e2-\(bits)/report.json"
      let report =
        try JSONSerialization.jsonObject(
          with: Data(contentsOf: URL(fileURLWithPath: run))) as? [String: Any]
      #expect(report?["weightsDigest"] as? String == digests[i])
    }
    #expect(FileManager.default.fileExists(atPath: out + "/sweep.json"))
  }

  @Test func accumulatorWidthsShowOverflows() throws {
    let r = try CLI.run(Self.tiny + ["--vary", "accumulator=10,48", "--threads", "2"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    #expect(lines.first?.first == "setting" && lines.count == 3)
    // Columns: setting, accuracy, overflows, saturations, clipped, widest sum (2 words), digest.
    #expect(lines[1].first == "accumulator-10" && Int(lines[1][2]) ?? 0 > 0, "10 bits overflow")
    #expect(lines[2].first == "accumulator-48" && lines[2][2] == "0", "48 bits never do")
    #expect(lines[1][3] == lines[1][2], "saturating by default")
  }

  @Test func badVaryIsOneLine() throws {
    for bad in ["e3=8", "e2=8,8", "e2=17", "accumulator=64", "e2=", "e2"] {
      let r = try CLI.run(Self.tiny + ["--vary", bad])
      #expect(r.status != 0 && r.stderr.hasPrefix("Error: --vary: expected"), "\(bad)")
      #expect(r.stderr.split(separator: "\n").count == 1)
    }
  }
}
