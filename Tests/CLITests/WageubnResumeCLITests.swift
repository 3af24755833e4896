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

  @Test func corruptCheckpointIsRefusedInOneLineWithoutOutput() throws {
    // Edits that once trapped the next step (a short array, a momentum code whose update
    // overflows 64 bits, a counter at Int.max) or silently trained on nonsense (a forward
    // weight that is not its master's).
    let dir = Paths.temporaryDirectory("bittrue-wageubn-corrupt")
    defer { try? FileManager.default.removeItem(at: dir) }
    let first = dir.appendingPathComponent("first").path
    #expect(try CLI.run(Self.tiny + ["--epochs", "1", "--out", first]).status == 0)
    let path = first + "/checkpoint.json"
    let original = try Data(contentsOf: URL(fileURLWithPath: path))
    typealias Object = [String: Any]
    let edits: [(String, (inout Object) -> Void)] = [
      (
        "network stage dense1: master has 1023 values",
        { state in
          Self.edit(&state, layer: 0, key: "master") { Array(($0["master"] as! [Any]).dropLast()) }
        }
      ),
      (
        "network stage dense2: momentum[0] is beyond",
        { state in
          Self.edit(&state, layer: 2, key: "momentum") { _ in
            [Int64.max] + [Any](repeating: 0, count: 159)
          }
        }
      ),
      (
        "network stage dense1: forward[0] is not the quantized master[0]",
        { state in
          Self.edit(&state, layer: 0, key: "forward") { layer in
            var forward = layer["forward"] as! [Int]
            forward[0] = forward[0] == 5 ? 6 : 5
            return forward
          }
        }
      ),
      (
        "counters dense1: accumulator forward has a count outside",
        { state in
          var statistics = state["statistics"] as! [Object]
          var accumulators = statistics[0]["accumulators"] as! Object
          var forward = accumulators["forward"] as! Object
          var events = forward["events"] as! Object
          events["additions"] = Int.max
          forward["events"] = events
          accumulators["forward"] = forward
          statistics[0]["accumulators"] = accumulators
          state["statistics"] = statistics
        }
      ),
    ]
    for (expected, edit) in edits {
      var state = try JSONSerialization.jsonObject(with: original) as! Object
      edit(&state)
      try JSONSerialization.data(withJSONObject: state).write(to: URL(fileURLWithPath: path))
      let out = dir.appendingPathComponent("out").path
      let run = try CLI.run(Self.tiny + ["--epochs", "2", "--resume", first, "--out", out])
      #expect(run.status == 1, "\(expected): \(run.stderr)")
      #expect(
        run.stderr.hasPrefix("Error: --resume: \(path): \(expected)")
          && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
      #expect(!FileManager.default.fileExists(atPath: out), "no output for a refused run")
    }
  }

  /// Replaces field `key` of the weights of network stage `layer` by `value(weights)`.
  static func edit(
    _ state: inout [String: Any], layer: Int, key: String, _ value: ([String: Any]) -> [Any]
  ) {
    var network = state["network"] as! [String: Any]
    var stages = network["stages"] as! [[String: Any]]
    var dense = stages[layer]["dense"] as! [String: Any]
    var weights = dense["_0"] as! [String: Any]
    weights[key] = value(weights)
    dense["_0"] = weights
    stages[layer]["dense"] = dense
    network["stages"] = stages
    state["network"] = network
  }
}
