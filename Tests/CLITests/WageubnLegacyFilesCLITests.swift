import Foundation
import Testing
import _TestSupport

/// Run folders written before the configuration had an `architecture`, the profile a
/// `batchNormRunning` and the network its stages (an MLP saved as `layers`): `wageubn report`
/// prints what it prints for the same run in the current format, `--resume` continues it to
/// the digest of an uninterrupted run, and a file missing a field that has no default is
/// refused in one line naming the field.
@Suite struct WageubnLegacyFilesCLITests {
  /// `object` with the dictionary at `path` changed by `change`.
  static func edit(
    _ object: Any, _ path: ArraySlice<String>, _ change: (inout [String: Any]) -> Void
  ) -> Any {
    guard var dictionary = object as? [String: Any] else { return object }
    if let key = path.first {
      dictionary[key] = edit(dictionary[key] as Any, path.dropFirst(), change)
    } else {
      change(&dictionary)
    }
    return dictionary
  }

  /// Rewrites the JSON file at `path` by `change`.
  static func rewrite(_ path: String, _ change: (Any) -> Any) throws {
    let url = URL(fileURLWithPath: path)
    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
    try JSONSerialization.data(withJSONObject: change(object), options: [.sortedKeys]).write(
      to: url)
  }

  /// The older layout of a file: no `configuration.architecture`, no
  /// `configuration.profile.batchNormRunning`, and (checkpoints) the network's dense stages as
  /// `layers` without `stages` and `input`.
  static func makeLegacy(_ object: Any) -> Any {
    var result = edit(object, ["configuration"]) { $0["architecture"] = nil }
    result = edit(result, ["configuration", "profile"]) { $0["batchNormRunning"] = nil }
    return edit(result, ["network"]) { network in
      guard let stages = network["stages"] as? [[String: Any]] else { return }
      network["layers"] = stages.compactMap { ($0["dense"] as? [String: Any])?["_0"] }
      network["stages"] = nil
      network["input"] = nil
    }
  }

  @Test(arguments: ["paper", "officialCode"])
  func olderRunFoldersReportAndResume(_ profile: String) throws {
    let dir = Paths.temporaryDirectory("bittrue-wageubn-legacy")
    defer { try? FileManager.default.removeItem(at: dir) }
    let tiny = WageubnResumeCLITests.tiny + ["--profile", profile]
    let first = dir.appendingPathComponent("first").path
    let legacy = dir.appendingPathComponent("legacy").path
    let whole = try CLI.run(tiny + ["--epochs", "2"])
    #expect(whole.status == 0, "\(whole.stderr)")
    #expect(try CLI.run(tiny + ["--epochs", "1", "--out", first]).status == 0)
    try FileManager.default.copyItem(atPath: first, toPath: legacy)
    for file in ["checkpoint.json", "report.json"] {
      let path = legacy + "/" + file
      try Self.rewrite(path, Self.makeLegacy)
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(!text.contains("batchNormRunning") && !text.contains("architecture"))
    }
    let checkpoint = try String(contentsOfFile: legacy + "/checkpoint.json", encoding: .utf8)
    #expect(checkpoint.contains("\"layers\"") && !checkpoint.contains("\"stages\""))

    let current = try CLI.run(["wageubn", "report", first, "--json"])
    let older = try CLI.run(["wageubn", "report", legacy, "--json"])
    #expect(older.status == 0, "\(older.stderr)")
    #expect(older.stdout == current.stdout, "the defaults are what the older files meant")
    let resumed = try CLI.run(tiny + ["--epochs", "2", "--resume", legacy])
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(
      WageubnTrainCLITests.lastLines(resumed).digest
        == WageubnTrainCLITests.lastLines(whole).digest)
  }

  @Test func aMissingFieldIsNamedInOneLine() throws {
    let dir = Paths.temporaryDirectory("bittrue-wageubn-legacy")
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = dir.appendingPathComponent("run").path
    #expect(
      try CLI.run(WageubnResumeCLITests.tiny + ["--epochs", "1", "--out", run]).status == 0)
    try Self.rewrite(run + "/checkpoint.json") { object in
      Self.edit(Self.makeLegacy(object), ["configuration"]) { $0["seed"] = nil }
    }
    try Self.rewrite(run + "/report.json") { object in
      Self.edit(object, ["configuration", "profile"]) { $0["e1Clip"] = nil }
    }
    let resumed = try CLI.run(WageubnResumeCLITests.tiny + ["--epochs", "2", "--resume", run])
    #expect(resumed.status != 0)
    #expect(
      resumed.stderr
        == "Error: --resume: \(run)/checkpoint.json is not a WAGEUBN training state "
        + "(missing field configuration.seed)\n")
    let report = try CLI.run(["wageubn", "report", run])
    #expect(report.status != 0)
    #expect(
      report.stderr
        == "Error: \(run)/report.json: not a bittrue WAGEUBN run report "
        + "(missing field configuration.profile.e1Clip)\n")
  }
}
