import Foundation
import Testing
import _TestSupport

/// The whole logic-net chain from the command line: train on the bundled digits data,
/// emit Verilog, cosimulate the model, the Swift evaluators and Verilator on the test split.
@Suite(
  .serialized, .tags(.verilator),
  .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct LogicChainCLITests {
  static var cache: String { Paths.packageRoot.appendingPathComponent(".build/cosim-tests").path }

  static let data = [
    "--dataset", "digits", "--data-dir", Paths.bundledData.path, "--encoding", "thermometer",
    "--thresholds", "2",
  ]

  @Test func trainEmitAndCosimAgree() throws {
    let dir = Paths.temporaryDirectory("logic-chain")
    defer { try? FileManager.default.removeItem(at: dir) }
    let run = dir.appendingPathComponent("run").path
    let train = try CLI.run(
      ["logic", "train"] + Self.data + [
        "--layers", "200x2", "--iterations", "40", "--eval-every", "20", "--out", run,
        "--quiet",
      ])
    #expect(train.status == 0, "\(train.stderr)")
    #expect(train.stdout.split(separator: "\n").last?.hasPrefix("weights digest: ") == true)
    for file in ["model.json", "net.json", "curve.svg", "train.log"] {
      #expect(FileManager.default.fileExists(atPath: "\(run)/\(file)"), "\(file)")
    }
    let svg = try String(contentsOfFile: "\(run)/curve.svg", encoding: .utf8)
    #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))

    let rtl = dir.appendingPathComponent("rtl").path
    let emit = try CLI.run(["logic", "emit", "--model", "\(run)/net.json", "--out", rtl])
    #expect(emit.status == 0, "\(emit.stderr)")
    #expect(emit.stdout.hasPrefix("net: 400 gates → "))
    #expect(FileManager.default.fileExists(atPath: "\(rtl)/net.v"))
    #expect(FileManager.default.fileExists(atPath: "\(rtl)/net.manifest.json"))

    let cosim = try CLI.run(
      ["cosim", "\(run)/net.json"] + Self.data + [
        "--vectors", "100", "--opt-level", "O0", "--cache", Self.cache,
      ])
    #expect(cosim.status == 0, "\(cosim.stdout)\(cosim.stderr)")
    let lines = cosim.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "cosim net: 460 vectors (360 test-set + 100 random), seed 1, 1 lane(s)")
    #expect(lines.contains("agree: model, interp, opt, gates64, verilator on 460 vectors"))

    let pipelined = try CLI.run(
      ["cosim", "\(run)/model.json"] + Self.data + [
        "--vectors", "100", "--opt-level", "O0", "--cache", Self.cache, "--pipeline", "3",
        "--lanes", "64",
      ])
    #expect(pipelined.status == 0, "\(pipelined.stdout)\(pipelined.stderr)")
    #expect(pipelined.stdout.contains("64 lane(s), pipelined: latency "))
    #expect(
      pipelined.stdout.contains("agree: model, interp, opt, gates64, verilator on 460 vectors"))
  }

  @Test func aMismatchedEncodingIsAClearError() throws {
    let dir = Paths.temporaryDirectory("logic-chain")
    defer { try? FileManager.default.removeItem(at: dir) }
    let net = dir.appendingPathComponent("net.json").path
    try Fixtures.tinyLogicNet.write(toFile: net, atomically: true, encoding: .utf8)
    let result = try CLI.run(["cosim", net] + Self.data + ["--cache", Self.cache])
    #expect(result.status == 1)
    #expect(
      result.stderr
        == "Error: digits encodes to 128 bits, the net has 3 inputs (use the encoding options "
        + "the net was trained with)\n")
  }
}
