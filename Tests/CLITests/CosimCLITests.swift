import Foundation
import Testing
import _TestSupport

/// `bittrue cosim` end to end.
@Suite(
  .serialized, .tags(.verilator),
  .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct CosimCLITests {
  static var cache: String { Paths.packageRoot.appendingPathComponent(".build/cosim-tests").path }

  @Test func agreesAndReportsThroughput() throws {
    let dir = Paths.temporaryDirectory("bittrue-cosim")
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("adder.nl")
    try Data(Fixtures.clockedAdder.utf8).write(to: input)
    let result = try CLI.run([
      "cosim", input.path, "--vectors", "500", "--seed", "3", "--opt-level", "O0", "--cache",
      Self.cache,
    ])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "cosim adder: 500 vectors (random), seed 3, 1 lane(s)")
    #expect(lines.dropFirst().first == "agree: interp, opt, gates64, verilator on 500 vectors")
    #expect(lines.last?.hasPrefix("verilator: ") == true)
    #expect(lines.last?.contains(" vectors/s") == true)
  }

  @Test func badOptionsFailClearly() throws {
    var result = try CLI.run(["cosim", "x.nl", "--opt-level", "O9"])
    #expect(result.status != 0)
    #expect(result.stderr.contains("--opt-level must be one of auto, O0, O1, O2, Os"))
    result = try CLI.run(["cosim", "/nonexistent/x.nl"])
    #expect(result.status == 1)
    #expect(
      result.stderr == "Error: /nonexistent/x.nl: cannot read the file: no such file or directory\n"
    )
    result = try CLI.run(["cosim", "--help"])
    #expect(result.stdout.contains("Verilator is taken from $VERILATOR, else PATH"))
  }
}
