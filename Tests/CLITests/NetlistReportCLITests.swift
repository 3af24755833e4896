import Foundation
import Reports
import Testing
import _TestSupport

/// `bittrue netlist report` end to end.
@Suite struct NetlistReportCLITests {
  /// A 4-bit adder behind a register, and a comparison the ranges decide.
  static let input = """
    netlist "acc"
    %0 "a" = input "a" : 4
    %1 "b" = input "b" : 4
    %2 "sum" = add.u %0, %1 : 5
    %3 = reg 5'h00 %2 : 5
    %4 = output "s" %3 : 5
    %5 = popcount %0 : 8
    %6 = const 8'h05 : 8
    %7 = cmp.lt.u %5, %6 : 1
    %8 = output "few" %7 : 1

    """

  /// A fresh folder holding `in.nl` with `text`.
  func folder(_ text: String = input) throws -> URL {
    let dir = Paths.temporaryDirectory("netlist-report")
    try Data(text.utf8).write(to: dir.appendingPathComponent("in.nl"))
    return dir
  }

  @Test func textToStandardOutput() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run(["netlist", "report", dir.appendingPathComponent("in.nl").path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr.isEmpty)
    let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.first == "Netlist report: \"acc\"")
    for expected in [
      "  9 nodes; 2 inputs (8 bits), 2 outputs (6 bits)",
      // 17 adder gates (5n − 3), a 4-bit popcount (one full, two half adders: 9 gates)
      // and the 8-bit comparison with 5 (its constant bits fold away).
      "  Logic depth: 7 gate levels (critical path of the gate-level copy; NOT and BUF free)",
      "  Latency: unbalanced: paths cross 0…1 registers",
      "  registers (bits)       5",
    ] {
      #expect(lines.contains(Substring(expected)), "missing line: \(expected)")
    }
    #expect(r.stdout.hasSuffix("\n") && !r.stdout.contains("Yosys"))
  }

  @Test func jsonParsesAndRecordsTheCommandLine() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("in.nl").path
    let r = try CLI.run(["netlist", "report", path, "--format", "json", "--optimize"])
    #expect(r.status == 0, "\(r.stderr)")
    let report = try #require(NetlistReport.parse(json: r.stdout))
    #expect(report.format == "bittrue-netlist-report" && report.version == 1)
    #expect(report.generator == "bittrue Reports \(NetlistReport.generatorVersion)")
    #expect(
      report.invocation == ["bittrue", "netlist", "report", path, "--format", "json", "--optimize"])
    // The popcount of 4 bits needs 3 of its 8 bits, and its comparison with 5 is always
    // true: a constant.
    let optimization = try #require(report.optimization)
    #expect(optimization.changes.map(\.kind) == ["narrowed", "constant"])
    #expect(report.timing.registerBits == 5 && report.gateLevel.registers == 5)
    // Deterministic: a second run prints the same bytes.
    let again = try CLI.run(["netlist", "report", path, "--format", "json", "--optimize"])
    #expect(again.stdout == r.stdout)
  }

  @Test func writesTheFileAtomically() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("reports/acc.md").path
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("reports"), withIntermediateDirectories: false)
    let r = try CLI.run([
      "netlist", "report", dir.appendingPathComponent("in.nl").path, "--format", "markdown",
      "--out", out,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == "wrote \(out) (markdown report of \"acc\")\n")
    #expect(
      try String(contentsOfFile: out, encoding: .utf8).hasPrefix("# Netlist report: \"acc\"\n"))
    #expect(
      try FileManager.default.contentsOfDirectory(
        atPath: dir.appendingPathComponent("reports").path)
        == ["acc.md"])
  }

  @Test(arguments: [
    (
      "netlist \"x\"\n%0 = input \"a\" : 4\n%1 = frob %0 : 4\n", [String](),
      "IN: line 3: unknown op 'frob'"
    ),
    (
      "netlist \"x\"\n%0 = input \"a\" : 4\n%1 = not %0 : 3\n%2 = output \"y\" %1 : 3\n", [],
      "IN: node %1: result width 3 should be 4"
    ),
    (input, ["--out", "IN/report.txt"], "IN/report.txt: cannot write: not a directory"),
    (
      input, ["--out", "IN.d/report.txt"],
      "IN.d/report.txt: cannot write: folder IN.d does not exist"
    ),
  ])
  func failsWithOneLineAndNoOutputFile(text: String, options: [String], message: String) throws {
    let dir = try folder(text)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("in.nl").path
    let r = try CLI.run(
      ["netlist", "report", path] + options.map { $0.replacingOccurrences(of: "IN", with: path) })
    #expect(r.status == 1)
    #expect(r.stderr == "Error: \(message.replacingOccurrences(of: "IN", with: path))\n")
    #expect(r.stdout.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["in.nl"])
  }

  @Test func badOptionsAndMissingFiles() throws {
    let missing = try CLI.run(["netlist", "report", "/nonexistent/in.nl"])
    #expect(missing.status == 1)
    #expect(
      missing.stderr
        == "Error: /nonexistent/in.nl: cannot read the file: no such file or directory\n")
    let folderInput = try CLI.run(["netlist", "report", "/"])
    #expect(folderInput.status == 1)
    #expect(folderInput.stderr == "Error: /: is a folder, not a file\n")
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("in.nl").path
    let format = try CLI.run(["netlist", "report", path, "--format", "xml"])
    #expect(format.status == 64)
    #expect(format.stderr.hasPrefix("Error: The value 'xml' is invalid for '--format <format>'"))
  }

  @Test func yosysMustBeFound() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("in.nl").path
    let absent = try CLI.run(
      ["netlist", "report", path, "--yosys"], environment: ["PATH": "/nonexistent", "YOSYS": ""])
    #expect(absent.status == 1)
    #expect(
      absent.stderr
        == "Error: yosys not found: install the apt package 'yosys' or set YOSYS to its path\n")
    let bad = try CLI.run(["netlist", "report", path, "--yosys"], environment: ["YOSYS": path])
    #expect(bad.status == 1)
    #expect(bad.stderr == "Error: YOSYS=\(path) is not an executable file\n")
  }

  /// Yosys synthesises the emitted Verilog: one flip-flop per register bit, and gate and
  /// LUT counts. Skipped without yosys on a developer machine; runs (and fails without it)
  /// under CI=true.
  @Test(.enabled(if: ToolGate.runYosysTests, "yosys is not installed"))
  func yosysCrossCheck() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("in.nl").path
    let r = try CLI.run(["netlist", "report", path, "--yosys", "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let report = try #require(NetlistReport.parse(json: r.stdout))
    let yosys = try #require(report.yosys)
    #expect(yosys.version.hasPrefix("Yosys "))
    #expect(yosys.flipFlops == report.gateLevel.registers)
    #expect(yosys.ice40FlipFlops == report.gateLevel.registers)
    #expect(yosys.twoInputGates > 0 && yosys.luts > 0)
    // Both map the same logic: within a factor of two of each other.
    #expect(yosys.twoInputGates <= 2 * report.gateLevel.twoInputGates)
    #expect(report.gateLevel.twoInputGates <= 2 * yosys.twoInputGates)
    let text = try CLI.run(["netlist", "report", path, "--yosys"])
    #expect(text.stdout.contains("\nYosys cross-check\n"))
  }

  /// `--pipeline 3` reports the bit-blasted 4-bit adder (7 levels) cut every 3 levels.
  @Test func pipelinedForm() throws {
    let dir = try folder(
      """
      netlist "add"
      %0 = input "a" : 4
      %1 = input "b" : 4
      %2 = add.u %0, %1 : 5
      %3 = output "s" %2 : 5

      """)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("in.nl").path
    let r = try CLI.run(["netlist", "report", path, "--pipeline", "3"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("\n  Latency: pipelined, 2 cycles\n"))
    #expect(r.stdout.contains("\n  Logic depth: 3 gate levels "))
    let zero = try CLI.run(["netlist", "report", path, "--pipeline", "0"])
    #expect(zero.status == 64)
    #expect(zero.stderr.hasPrefix("Error: --pipeline must be at least 1\n"))
  }

  /// A logic-net model is lowered and optimised as `netlist emit` does, then reported.
  @Test func modelsAreReported() throws {
    let dir = Paths.temporaryDirectory("netlist-report")
    defer { try? FileManager.default.removeItem(at: dir) }
    let net = dir.appendingPathComponent("net.json").path
    try Fixtures.tinyLogicNet.write(toFile: net, atomically: true, encoding: .utf8)
    let r = try CLI.run(["netlist", "report", net, "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let report = try #require(NetlistReport.parse(json: r.stdout))
    #expect(report.design.name == "net" && report.design.inputBits == 3)
    #expect(report.wordLevel.cells.map(\.op).contains("gate and"))
    #expect(report.wordLevel.cells.map(\.op).contains("gate xor"))
    #expect(report.gateLevel.twoInputGates >= 2)
  }

  @Test func emitWritesTheReportNextToTheVerilog() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("rtl")
    let r = try CLI.run([
      "netlist", "emit", dir.appendingPathComponent("in.nl").path, "--out", out.path, "--report",
      "json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasSuffix("\nwrote \(out.path)/acc.report.json (json report)\n"))
    let json = try String(
      contentsOf: out.appendingPathComponent("acc.report.json"), encoding: .utf8)
    let report = try #require(NetlistReport.parse(json: json))
    #expect(report.design.name == "acc" && report.gateLevel.registers == 5)
  }
}
