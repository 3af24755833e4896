import Foundation
import Testing
import _TestSupport

/// Output folders are replaced as one consistent set (issue 11): the files of two runs never
/// mix, a bad `--out` fails before any work, a folder bittrue did not write is refused, an
/// interrupt leaves the old folder as it was, and a killed run's staging folder goes away.
@Suite struct OutputFolderCLITests {
  private func entries(_ dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
  }

  @Test func asecondEmitReplacesTheWholeSet() throws {
    let dir = try ShellCLI.fixtureFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let first = try CLI.run(
      ["netlist", "emit", "design.nl", "--out", "rtl", "--module", "first"],
      currentDirectory: dir)
    #expect(first.status == 0, "\(first.stderr)")
    let second = try CLI.run(
      ["netlist", "emit", "design.nl", "--out", "rtl", "--module", "second", "--report", "json"],
      currentDirectory: dir)
    #expect(second.status == 0, "\(second.stderr)")
    let files = try entries(dir.appendingPathComponent("rtl"))
    #expect(files.contains("second.v") && files.contains("second.report.json"))
    #expect(!files.contains { $0.hasPrefix("first") }, "\(files)")
    #expect(files.contains(".bittrue-output"))
    // No staging or set-aside folder is left beside it.
    #expect(try entries(dir).filter { $0.hasPrefix(".rtl.") }.isEmpty)
  }

  @Test func aFolderBittrueDidNotWriteIsRefused() throws {
    let dir = try ShellCLI.fixtureFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run(["netlist", "emit", "design.nl", "--out", "."], currentDirectory: dir)
    #expect(r.status == 1)
    #expect(
      r.stderr
        == "Error: .: cannot write: the folder exists and was not written by bittrue (no "
        + ".bittrue-output); an output folder is replaced as a whole: remove it or name a new "
        + "one\n")
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("design.nl").path))
    let export = try CLI.run(
      ["data", "export", "digits", "--data-dir", Paths.bundledData.path, "--out", dir.path])
    #expect(export.status == 1)
    #expect(try entries(dir) == ["design.nl", "net.json", "x.csv"])
  }

  /// `--out` naming a file fails at once, before the data is even loaded.
  @Test func anOutputThatIsAFileFailsBeforeWork() throws {
    let dir = try ShellCLI.fixtureFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let train = try CLI.run(
      [
        "logic", "train", "--dataset", "no-such-data-set", "--layers", "8x1", "--out",
        "design.nl",
      ], currentDirectory: dir)
    #expect(train.status == 1)
    #expect(train.stderr == "Error: design.nl: cannot write: exists and is not a folder\n")
    for command in [["logic", "emit", "--model", "net.json"], ["netlist", "emit", "design.nl"]] {
      let r = try CLI.run(command + ["--out", "x.csv"], currentDirectory: dir)
      #expect(r.stderr == "Error: x.csv: cannot write: exists and is not a folder\n")
    }
    let empty = try CLI.run(["netlist", "emit", "design.nl", "--out", ""], currentDirectory: dir)
    #expect(empty.stderr == "Error: an output path is empty\n")
  }

  /// A staging folder whose process is gone (a killed run) is removed by the next run.
  @Test func aStaleStagingFolderIsRemoved() throws {
    let dir = try ShellCLI.fixtureFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    // pid_max is at most 2^22 on Linux: this process cannot exist.
    let stale = dir.appendingPathComponent(".rtl.partial-99999999-1")
    try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
    let r = try CLI.run(["netlist", "emit", "design.nl", "--out", "rtl"], currentDirectory: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: stale.path))
  }

  /// SIGTERM during training: the old folder stays exactly as it was, no staging folder is
  /// left, and the status is 128 + 15.
  @Test func anInterruptedTrainingLeavesTheOldFolder() throws {
    let dir = try ShellCLI.fixtureFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = [
      "logic", "train", "--dataset", "digits", "--data-dir", Paths.bundledData.path,
      "--encoding", "thermometer", "--thresholds", "1", "--out", "run", "--quiet",
    ]
    let first = try CLI.run(
      data + ["--layers", "40x1", "--iterations", "2"], currentDirectory: dir)
    #expect(first.status == 0, "\(first.stderr)")
    let run = dir.appendingPathComponent("run")
    let before = try entries(run)
    let model = try Data(contentsOf: run.appendingPathComponent("model.json"))

    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = data + ["--layers", "2000x4", "--iterations", "1000000"]
    process.currentDirectoryURL = dir
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait until the run has made its staging folder (it does so before loading data).
    var staged = false
    for _ in 0..<600 where !staged {
      staged = try entries(dir).contains { $0.hasPrefix(".run.partial-") }
      if !staged { usleep(50_000) }
    }
    #expect(staged)
    process.terminate()
    process.waitUntilExit()
    #expect(process.terminationStatus == 128 + SIGTERM)
    #expect(try entries(run) == before)
    #expect(try Data(contentsOf: run.appendingPathComponent("model.json")) == model)
    #expect(try entries(dir).filter { $0.hasPrefix(".run.") }.isEmpty)
  }
}
