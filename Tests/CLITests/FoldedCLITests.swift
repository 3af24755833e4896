import BinarizedNets
import Foundation
import Testing
import _TestSupport

/// `--arch folded` with per-layer `--pe`/`--simd` on a 9 → 5 ternary → 3 binary net with bit
/// inputs: `bnn emit`, `netlist report` and `cosim`.
@Suite struct FoldedCLITests {
  /// A folder holding `bits.json`.
  static func folder() throws -> URL {
    let dir = try BinarizedNetFixture.folder()
    var random = SeededRandom(seed: 5)
    let net = RandomBinarizedNets.make(
      input: .bits, inputs: 9, layers: [(.ternary, 5), (.binary, 3)], using: &random)
    try net.fileText().write(
      to: dir.appendingPathComponent("bits.json"), atomically: true, encoding: .utf8)
    return dir
  }

  @Test func perLayerFoldingsAreEmittedAndDescribed() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run(
      [
        "bnn", "emit", "--model", "bits.json", "--arch", "folded", "--pe", "2,1", "--simd", "4,3",
        "--out", "v",
      ],
      currentDirectory: dir)
    #expect(r.status == 0, "\(r.stderr)")
    // Layer 0: 3 neuron x 3 synapse folds (10 cycles); layer 1: 3 x 2 (7 cycles).
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains { $0.hasPrefix("layer 0: 5x9, PE 2 SIMD 4, 3 neuron x 3 synapse") })
    #expect(lines.contains { $0.hasPrefix("layer 1: 3x5, PE 1 SIMD 3, 3 neuron x 2 synapse") })
    #expect(
      lines.contains { $0.hasPrefix("cycle model: 18 cycles per sample, initiation interval 10") },
      "\(r.stdout)")
    let manifest = try String(
      contentsOf: dir.appendingPathComponent("v/bits.manifest.json"), encoding: .utf8)
    #expect(manifest.contains("\"ready\""))
  }

  @Test(arguments: [
    (
      ["--pe", "2,1,1", "--simd", "4"],
      "Error: bits.json: folding: --pe has 3 values for 2 dense layers (give one, or one per "
        + "layer)\n"
    ),
    (
      ["--pe", "6,1", "--simd", "4"],
      "Error: bits.json: folding: layer 0: PE 6 exceeds its 5 neurons\n"
    ),
    (
      ["--pe", "2", "--simd", "4,6"],
      "Error: bits.json: folding: layer 1: SIMD 6 exceeds its 5 inputs\n"
    ),
  ])
  func badFoldingsAreOneLineErrors(flags: [String], message: String) throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run(
      ["bnn", "emit", "--model", "bits.json", "--arch", "folded", "--out", "v"] + flags,
      currentDirectory: dir)
    #expect(r.status == 1)
    #expect(r.stderr == message)
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("v").path))
  }

  @Test func aMalformedListIsRefused() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run(
      ["bnn", "emit", "--model", "bits.json", "--arch", "folded", "--pe", "2,", "--simd", "4"],
      currentDirectory: dir)
    #expect(r.status != 0)
    #expect(r.stderr.contains("--pe"), "\(r.stderr)")
  }

  @Test func theReportPutsTheFoldedDesignNextToTheUnrolledOne() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run(
      ["netlist", "report", "bits.json", "--arch", "folded", "--pe", "2,1", "--simd", "4,3"],
      currentDirectory: dir)
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    let unrolled = try #require(lines.first { $0.hasPrefix("| unrolled |") })
    let folded = try #require(lines.first { $0.hasPrefix("| folded PE 2,1 SIMD 4,3 |") })
    #expect(unrolled.hasSuffix("| - | 1 | 1 |"))
    #expect(folded.hasSuffix("| 18 | 10 |"), "\(folded)")
  }
}

/// `cosim --arch folded` with a per-layer folding: every source agrees and the harness's
/// accept and done cycles equal the cycle model's.
@Suite(
  .serialized, .tags(.verilator),
  .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct FoldedCosimCLITests {
  @Test func cosimMeasuresLatencyAndInitiationInterval() throws {
    let dir = try FoldedCLITests.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run([
      "cosim", dir.appendingPathComponent("bits.json").path, "--arch", "folded", "--pe", "2,1",
      "--simd", "4,3", "--vectors", "20", "--seed", "3", "--opt-level", "O0", "--cache",
      CosimCLITests.cache,
    ])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first?.hasPrefix("cosim bits (folded, PE 2,1 SIMD 4,3): 20 transactions") == true)
    #expect(
      lines.contains { $0.hasPrefix("latency: 18") && $0.contains("18 through an empty pipeline") },
      "\(r.stdout)")
    #expect(
      lines.contains(
        "initiation interval: 10 cycles measured by the harness (cycle model 10): "
          + "harness = cycle model"), "\(r.stdout)")
  }
}
