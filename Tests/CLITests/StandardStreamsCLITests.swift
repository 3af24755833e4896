import Foundation
import Testing
import _TestSupport

/// Full, closed and odd standard streams: every command fails with one line and a non-zero
/// status, never a trap and never a silent exit 0 (issue 11).
@Suite struct StandardStreamsCLITests {
  /// One invocation per command that writes standard output, with the stdin it reads.
  static let commands: [(arguments: [String], stdin: String)] = [
    (["fixed", "cast", "--to", "sfix8_En4"], "1.5\n-2.25\n"),
    (["fixed", "eval", "--op", "add", "--a", "sfix8_En4", "--b", "sfix8_En4"], "1.5,2\n"),
    (
      ["fixed", "eval", "--op", "add", "--a", "sfix8_En4", "--b", "sfix8_En4", "--print-format"], ""
    ),
    (["fixed", "info", "sfix16_En8"], ""),
    (["netlist", "opt", "design.nl"], ""),
    (["netlist", "report", "design.nl"], ""),
    (["data", "info", "digits", "--data-dir", Paths.bundledData.path], ""),
    (["data", "info", "digits", "--data-dir", Paths.bundledData.path, "--json"], ""),
    (["logic", "eval", "--model", "net.json", "--inputs", "x.csv"], ""),
    (["logic", "eval", "--model", "net.json", "--inputs", "x.csv", "--json"], ""),
    (["logic", "export", "--model", "net.json", "--out", "copy.json"], ""),
    (
      [
        "logic", "train", "--dataset", "digits", "--data-dir", Paths.bundledData.path,
        "--encoding", "thermometer", "--thresholds", "1", "--layers", "40x1", "--iterations", "2",
        "--eval-every", "0", "--json",
      ], ""
    ),
  ]

  private func run(_ index: Int, redirections: String) throws -> CLI.Result {
    let dir = try ShellCLI.fixtureFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let (arguments, stdin) = Self.commands[index]
    return try ShellCLI.run(
      arguments, redirections: redirections, stdin: stdin, currentDirectory: dir)
  }

  @Test(arguments: commands.indices)
  func fullStandardOutputFails(index: Int) throws {
    let r = try run(index, redirections: ">/dev/full")
    #expect(r.status == 1, "\(Self.commands[index].arguments): \(r.status) \(r.stderr)")
    #expect(r.stderr.hasSuffix("Error: standard output: no space left on device\n"), "\(r.stderr)")
  }

  @Test(arguments: commands.indices)
  func closedStandardOutputFails(index: Int) throws {
    let r = try run(index, redirections: ">&-")
    #expect(r.status == 1, "\(Self.commands[index].arguments): \(r.status) \(r.stderr)")
    #expect(r.stderr.hasSuffix("Error: standard output: closed\n"), "\(r.stderr)")
  }

  /// The same commands succeed with an ordinary standard output (so the failures above are
  /// the stream's, not the invocation's).
  @Test(arguments: commands.indices)
  func ordinaryStandardOutputWorks(index: Int) throws {
    let r = try run(index, redirections: "")
    #expect(r.status == 0, "\(Self.commands[index].arguments): \(r.stderr)")
    #expect(!r.stdout.isEmpty)
  }

  @Test func standardInputAFolderOrClosedFails() throws {
    let folder = try ShellCLI.run(
      ["fixed", "cast", "--to", "sfix8_En4"], redirections: "</tmp")
    #expect(folder.status == 1)
    #expect(folder.stderr == "Error: standard input: is a folder, not a file\n")
    let closed = try ShellCLI.run(["fixed", "cast", "--to", "sfix8_En4"], redirections: "<&-")
    #expect(closed.status == 1)
    #expect(closed.stderr == "Error: standard input: closed\n")
    let eval = try ShellCLI.run(
      ["fixed", "eval", "--op", "mul", "--a", "sfix8_En4", "--b", "sfix8_En4"],
      redirections: "</tmp")
    #expect(eval.stderr == "Error: standard input: is a folder, not a file\n")
  }

  /// A closed standard output must not be taken over by a file the command opens: the
  /// written file holds exactly its own content.
  @Test func closedStandardOutputIsNotReusedForFiles() throws {
    let dir = try ShellCLI.fixtureFolder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try ShellCLI.run(
      ["netlist", "opt", "design.nl", "--out", "opt.nl"], redirections: ">&-",
      currentDirectory: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let text = try String(contentsOf: dir.appendingPathComponent("opt.nl"), encoding: .utf8)
    #expect(text.hasPrefix("netlist \"adder\"\n"))
  }

  /// A closed standard error loses the messages but not the status.
  @Test func closedStandardErrorKeepsTheStatus() throws {
    let r = try ShellCLI.run(["fixed", "info", "nonsense"], redirections: "2>&-")
    #expect(r.status == 64)
  }
}
