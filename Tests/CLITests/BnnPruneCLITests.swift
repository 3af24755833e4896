import BinarizedNets
import Foundation
import Testing
import _TestSupport

/// `bittrue bnn prune` on a net trained on the bundled digits: it prunes, fine-tunes,
/// reduces, reports the hardware removed, and the reduced net it writes predicts as the
/// unreduced one.
@Suite struct BnnPruneCLITests {
  static let data = [
    "--dataset", "digits", "--data-dir", Paths.bundledData.path, "--limit", "500", "--encoding",
    "fixed", "--format", "ufix5_En0",
  ]

  @Test func prunesFineTunesAndRemovesHardware() throws {
    let dir = Paths.temporaryDirectory("bnn-prune")
    defer { try? FileManager.default.removeItem(at: dir) }
    let trained = dir.appendingPathComponent("trained").path
    let train = try CLI.run(
      ["bnn", "train"] + Self.data + [
        "--layers", "int6:24,binary:16,binary:10", "--epochs", "2", "--batch-size", "32",
        "--seed", "3", "--out", trained, "--quiet",
      ])
    #expect(train.status == 0, "\(train.stderr)")
    var digests: [String] = []
    for threads in ["2", "1"] {
      let out = dir.appendingPathComponent("pruned\(threads)").path
      let r = try CLI.run(
        ["bnn", "prune", "--model", trained, "--sparsity", "0.8", "--epochs", "1"] + Self.data
          + ["--threads", threads, "--out", out, "--quiet"])
      #expect(r.status == 0, "\(r.stderr)")
      let lines = r.stdout.split(separator: "\n").map(String.init)
      #expect(lines.dropLast().last?.hasPrefix("test accuracy: ") == true, "\(lines)")
      #expect(lines.last?.hasPrefix("weights digest: ") == true)
      digests.append(lines.last ?? "")
      let gates = try #require(lines.first { $0.hasPrefix("| 2-input gates | ") })
      let cells = gates.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      let (before, after) = (try #require(Int(cells[1])), try #require(Int(cells[2])))
      #expect(after < before, "\(gates)")
      #expect(lines.contains { $0.hasPrefix("| zero weights per layer | ") && $0.contains("→ 80") })
      let reduced = try BinarizedNet(
        fileData: Data(contentsOf: URL(fileURLWithPath: out + "/model.json")))
      let unreduced = try BinarizedNet(
        fileData: Data(contentsOf: URL(fileURLWithPath: out + "/unreduced-model.json")))
      var random = SeededRandom(seed: 2)
      for _ in 0..<200 {
        let x = RandomBinarizedNets.sample(unreduced, using: &random)
        #expect(reduced.referenceScores(x) == unreduced.referenceScores(x))
      }
      #expect(FileManager.default.fileExists(atPath: out + "/training-state"))
    }
    #expect(digests[0] == digests[1])
  }

  @Test func aFolderWithoutStateIsAOneLineError() throws {
    let dir = Paths.temporaryDirectory("bnn-prune")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let r = try CLI.run(
      ["bnn", "prune", "--model", dir.path, "--sparsity", "0.5"] + Self.data + ["--quiet"])
    #expect(r.status != 0)
    #expect(r.stderr == "Error: --model: cannot read \(dir.path)/training-state\n")
  }

  /// With `--pe` and `--simd` the folded design is measured before and after; a net the
  /// folded form refuses (an integer first layer) is refused before any fine-tuning.
  @Test func measuresTheFoldedHardwareOrRefusesEarly() throws {
    let dir = Paths.temporaryDirectory("bnn-prune-folded")
    defer { try? FileManager.default.removeItem(at: dir) }
    let bits = [
      "--dataset", "digits", "--data-dir", Paths.bundledData.path, "--limit", "500", "--encoding",
      "thermometer", "--thresholds", "1",
    ]
    let trained = dir.appendingPathComponent("trained").path
    let train = try CLI.run(
      ["bnn", "train"] + bits + [
        "--layers", "binary:16,binary:10", "--epochs", "1", "--batch-size", "32", "--seed", "3",
        "--out", trained, "--quiet",
      ])
    #expect(train.status == 0, "\(train.stderr)")
    let r = try CLI.run(
      ["bnn", "prune", "--model", trained, "--sparsity", "0.5", "--epochs", "1"] + bits
        + ["--pe", "4", "--simd", "8", "--quiet"])
    #expect(r.status == 0, "\(r.stderr)")
    for row in [
      "folded: 2-input gates", "folded: register bits", "folded: weight ROM bits",
      "folded: latency (cycles)", "folded: initiation interval (cycles)",
    ] {
      let line = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("| \(row) | ") })
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      #expect((Int(cells[1]) ?? 0) > 0 && (Int(cells[2]) ?? 0) > 0, "\(line)")
    }
    let integer = dir.appendingPathComponent("integer").path
    let trainInteger = try CLI.run(
      ["bnn", "train"] + Self.data + [
        "--layers", "int6:8,binary:10", "--epochs", "1", "--seed", "3", "--out", integer,
        "--quiet",
      ])
    #expect(trainInteger.status == 0, "\(trainInteger.stderr)")
    let out = dir.appendingPathComponent("refused").path
    let refused = try CLI.run(
      ["bnn", "prune", "--model", integer, "--sparsity", "0.5", "--epochs", "3"] + Self.data
        + ["--pe", "2", "--simd", "4", "--out", out, "--quiet"])
    #expect(refused.status != 0)
    #expect(
      refused.stderr.hasPrefix("Error: folded hardware of the given net: "), "\(refused.stderr)")
    #expect(refused.stderr.split(separator: "\n").count == 1)
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
