import Foundation
import _TestSupport

/// Runs `bittrue` through `/bin/sh` with extra redirections (`> /dev/full`, `>&-`, `< DIR`),
/// for tests of how the CLI treats full, closed or odd standard streams. The arguments are
/// passed as positional parameters, never spliced into the script.
enum ShellCLI {
  /// Runs `bittrue arguments` with `redirections` applied to it, `stdin` fed otherwise.
  static func run(
    _ arguments: [String], redirections: String, stdin: String = "",
    environment: [String: String] = [:], currentDirectory: URL? = nil
  ) throws -> CLI.Result {
    try CLI.run(
      program: URL(fileURLWithPath: "/bin/sh"),
      ["-c", "\"$0\" \"$@\" \(redirections)", CLI.executable.path] + arguments, stdin: stdin,
      environment: environment, currentDirectory: currentDirectory)
  }

  /// A fresh folder holding `design.nl` (the clocked adder) and `net.json` (the tiny net).
  static func fixtureFolder() throws -> URL {
    let dir = Paths.temporaryDirectory("bittrue-streams")
    try Data(Fixtures.clockedAdder.utf8).write(to: dir.appendingPathComponent("design.nl"))
    try Data(Fixtures.tinyLogicNet.utf8).write(to: dir.appendingPathComponent("net.json"))
    try Data("0,0,1\n1,1,0\n".utf8).write(to: dir.appendingPathComponent("x.csv"))
    return dir
  }
}
