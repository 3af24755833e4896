import Foundation
import Testing
import _TestSupport

/// The hardware commands on a Brevitas QONNX export (Tests/QONNXImportTests/Fixtures): the
/// binarized-net family reads `.onnx` files, with no ONNX code in the CLI.
enum QONNXFixture {
  /// The ternary digits net, exported by torch's TorchScript exporter.
  static var path: String {
    Paths.packageRoot.appendingPathComponent(
      "Tests/QONNXImportTests/Fixtures/ternary.torchscript.onnx"
    ).path
  }
}

@Suite struct QONNXReportCLITests {
  @Test func netlistReportReadsAnONNXFile() throws {
    let r = try CLI.run(["netlist", "report", QONNXFixture.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("Inputs: x[512]"))
  }

  @Test func aBrokenONNXFileIsOneLineNamingTheFile() throws {
    let dir = Paths.temporaryDirectory("bittrue-qonnx")
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = dir.appendingPathComponent("cut.onnx")
    let data = try Data(contentsOf: URL(fileURLWithPath: QONNXFixture.path))
    try data.prefix(data.count / 2).write(to: bad)
    let r = try CLI.run(["netlist", "report", bad.path])
    #expect(r.status == 1)
    #expect(
      r.stderr
        == "Error: \(bad.path): not an ONNX model: the protobuf does not parse (truncated)\n")
  }
}

@Suite(
  .serialized, .tags(.verilator),
  .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct QONNXCosimCLITests {
  @Test func cosimAgreesOnAnImportedBrevitasNet() throws {
    let r = try CLI.run([
      "cosim", QONNXFixture.path, "--vectors", "300", "--seed", "3", "--opt-level", "O0",
      "--cache", CosimCLITests.cache,
    ])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "cosim ternary_torchscript: 300 vectors (random), seed 3, 1 lane(s)")
    #expect(lines.contains("agree: model, interp, opt, gates64, verilator on 300 vectors"))
  }
}
