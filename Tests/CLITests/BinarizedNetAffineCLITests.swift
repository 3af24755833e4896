import Foundation
import Testing
import _TestSupport

/// `bittrue cosim` on a net with a per-class output affine (negative scales, a tie-prone
/// offset), combinational and pipelined: every source and Verilator agree bit for bit.
@Suite(
  .serialized, .tags(.verilator),
  .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct BinarizedNetAffineCosimCLITests {
  /// ``BinarizedNetFixture`` with an affine after its three classes.
  static let text = BinarizedNetFixture.text.replacingOccurrences(
    of: "[1, 1]]}]}",
    with: """
      [1, 1]]}],
       "output": {"scale": [0.75, -1.5, 3.0517578125e-05], "offset": [-0.25, 2, 0.5]}}
      """)

  static func run(_ extra: [String]) throws -> [String] {
    #expect(text != BinarizedNetFixture.text)
    let dir = Paths.temporaryDirectory("bnn-affine-cli")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("bnn_affine.json")
    try Data(text.utf8).write(to: path)
    let r = try CLI.run(
      [
        "cosim", path.path, "--vectors", "300", "--seed", "5", "--opt-level", "O0", "--cache",
        CosimCLITests.cache,
      ] + extra)
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    return r.stdout.split(separator: "\n").map(String.init)
  }

  @Test func cosimAgreesOnTheAffine() throws {
    let lines = try Self.run([])
    #expect(lines.first == "cosim bnn_affine: 300 vectors (random), seed 5, 1 lane(s)")
    #expect(lines.contains("agree: model, interp, opt, gates64, verilator on 300 vectors"))
  }

  @Test func pipelinedCosimAgreesOnTheAffine() throws {
    let lines = try Self.run(["--pipeline", "3"])
    let header = try #require(lines.first)
    #expect(header.hasPrefix("cosim bnn_affine: 300 vectors (random), seed 5, 1 lane(s), "))
    #expect(header.contains("pipelined: latency "), "\(header)")
    #expect(lines.contains("agree: model, interp, opt, gates64, verilator on 300 vectors"))
  }
}
