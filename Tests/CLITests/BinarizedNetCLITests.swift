import Foundation
import Reports
import Testing
import _TestSupport

/// The hardware commands on a `bittrue-bnn` file, with no BNN code in the CLI.
enum BinarizedNetFixture {
  /// Three layers: int3 weights on 4-bit unsigned inputs, ternary, binary.
  static let text = """
    {"format": "bittrue-bnn", "version": 1, "input": {"kind": "uint", "bits": 4, "count": 3},
     "layers": [
      {"mode": "int3", "weights": [[1, -4, 0], [3, 2, -1], [-1, -1, 2]],
       "activations": [{"ge": -2}, {"le": 20}, {"ge": 0}]},
      {"mode": "ternary", "weights": [[1, 0, -1], [-1, 1, 1]],
       "activations": [{"le": 0}, {"ge": 1}]},
      {"mode": "binary", "weights": [[1, -1], [-1, -1], [1, 1]]}]}
    """

  /// A fresh folder holding `bnn.json`.
  static func folder() throws -> URL {
    let dir = Paths.temporaryDirectory("bnn-cli")
    try Data(text.utf8).write(to: dir.appendingPathComponent("bnn.json"))
    return dir
  }
}

@Suite struct BinarizedNetReportCLITests {
  @Test func netlistReportAcceptsABinarizedNet() throws {
    let dir = try BinarizedNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("bnn.json").path
    let r = try CLI.run(["netlist", "report", path, "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let report = try #require(NetlistReport.parse(json: r.stdout))
    #expect(report.design.name == "bnn" && report.design.inputBits == 12)
    #expect(report.gateLevel.twoInputGates > 0)
  }

  @Test func badFilesAreOneLineErrors() throws {
    let dir = try BinarizedNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("bnn.json")
    let bad = BinarizedNetFixture.text.replacingOccurrences(of: "[1, -4, 0]", with: "[1, -5, 0]")
    try Data(bad.utf8).write(to: path)
    let r = try CLI.run(["netlist", "report", path.path])
    #expect(r.status != 0)
    #expect(
      r.stderr.contains("field 'layers[0].weights[0][1]': -5 is outside -4...3"), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1)
  }
}

@Suite(
  .serialized, .tags(.verilator),
  .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct BinarizedNetCosimCLITests {
  @Test func cosimAcceptsABinarizedNet() throws {
    let dir = try BinarizedNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run([
      "cosim", dir.appendingPathComponent("bnn.json").path, "--vectors", "300", "--seed", "3",
      "--opt-level", "O0", "--cache", CosimCLITests.cache,
    ])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "cosim bnn: 300 vectors (random), seed 3, 1 lane(s)")
    #expect(lines.contains("agree: model, interp, opt, gates64, verilator on 300 vectors"))
  }
}
