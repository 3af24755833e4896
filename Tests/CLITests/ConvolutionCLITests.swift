import Foundation
import Reports
import Testing
import _TestSupport

/// The hardware commands on a `bittrue-bnn` file with a convolutional front.
enum ConvolutionNetFixture {
  /// A fresh folder holding `cnn.json` (``ConvolutionNetShapes/tinyFileText(seed:)``).
  static func folder() throws -> URL {
    let dir = Paths.temporaryDirectory("cnn-cli")
    try Data(ConvolutionNetShapes.tinyFileText(seed: 12).utf8).write(
      to: dir.appendingPathComponent("cnn.json"))
    return dir
  }
}

@Suite struct ConvolutionReportCLITests {
  @Test func netlistReportAcceptsAConvolutionalNet() throws {
    let dir = try ConvolutionNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("cnn.json").path
    let r = try CLI.run(["netlist", "report", path, "--format", "json"])
    #expect(r.status == 0, "\(r.stderr)")
    let report = try #require(NetlistReport.parse(json: r.stdout))
    #expect(report.design.name == "cnn" && report.design.inputBits == 256)
    #expect(report.gateLevel.twoInputGates > 0)
  }
}

@Suite(
  .serialized, .tags(.verilator),
  .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct ConvolutionCosimCLITests {
  @Test func cosimAcceptsAConvolutionalNet() throws {
    let dir = try ConvolutionNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run([
      "cosim", dir.appendingPathComponent("cnn.json").path, "--vectors", "200", "--seed", "5",
      "--opt-level", "O0", "--cache", CosimCLITests.cache,
    ])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "cosim cnn: 200 vectors (random), seed 5, 1 lane(s)")
    #expect(lines.contains("agree: model, interp, opt, gates64, verilator on 200 vectors"))
  }
}
