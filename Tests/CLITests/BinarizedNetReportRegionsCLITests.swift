import Foundation
import Reports
import Testing
import _TestSupport

/// `bittrue netlist report` on a binarized net: per-layer attribution on a net small enough
/// to count by hand.
@Suite struct BinarizedNetReportRegionsCLITests {
  /// Two bit inputs. Layer 0: h0 = [x0 + x1 ≥ 2] = x0 ∧ x1 and h1 = [x0 − x1 ≥ 2] = x0 ∧ ¬x1
  /// (one XNOR inverter, a 2-input popcount and a comparator each); layer 1 (ternary, one
  /// weight masked per class): score_0 = 2·h0 − 1, score_1 = 2·¬h1 − 1, two bits each.
  /// Class 1 wins only when score_1 > score_0, i.e. ¬h1 ∧ ¬h0: one NOR.
  static let text = """
    {"format": "bittrue-bnn", "version": 1, "input": {"kind": "bits", "count": 2},
     "layers": [
      {"mode": "binary", "weights": [[1, 1], [1, -1]], "activations": [{"ge": 2}, {"ge": 2}]},
      {"mode": "ternary", "weights": [[1, 0], [0, -1]]}]}
    """

  static func report(_ extra: [String] = [], text: String = text) throws -> NetlistReport {
    let dir = Paths.temporaryDirectory("bnn-report")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("tiny.json")
    try Data(text.utf8).write(to: path)
    let r = try CLI.run(["netlist", "report", path.path, "--format", "json"] + extra)
    #expect(r.status == 0, "\(r.stderr)")
    return try #require(NetlistReport.parse(json: r.stdout))
  }

  static func category(_ cells: WordLevelCells, _ name: String) -> Int {
    cells.categories.first { $0.name == name }?.count ?? 0
  }

  @Test func layersAreCountedByHand() throws {
    let report = try Self.report()
    let regions = try #require(report.regions)
    #expect(regions.map(\.name) == ["layer 0", "layer 1", "argmax"])
    #expect(
      regions[0].model == [
        NamedCount("neurons", 2), NamedCount("XNOR inverters (−1 weights)", 1),
        NamedCount("wires (+1 weights)", 3), NamedCount("AND-masked inputs (zero weights)", 0),
        NamedCount("constant activations", 0),
      ])
    #expect(regions[1].model[1...3].map(\.count) == [1, 1, 2])
    // Layer 0 as lowered: one inverter, two 2-input popcounts, two comparators.
    #expect(regions[0].wordLevel.cells.contains { $0.op == "not" && $0.count == 1 })
    #expect(
      regions[0].wordLevel.cells.filter { $0.category == "popcounts" }.map(\.count) == [2])
    #expect(Self.category(regions[0].wordLevel, "comparators") == 2)
    #expect(Self.category(regions[1].wordLevel, "comparators") == 0)
    #expect(Self.category(regions[2].wordLevel, "comparators") == 1)
    // Gate level: AND and AND-NOT, nothing for the scores, one NOR for the argmax.
    #expect(regions.map(\.gateLevel.twoInputGates) == [2, 0, 1])
    #expect(regions[0].gateLevel.gates.map(\.name).sorted() == ["and", "not_implies"])
    // Per function the counts are marginal too (the whole design may pick other functions
    // for the earlier cut's gates); they still sum to the region's gates.
    #expect(
      regions.allSatisfy { r in
        r.gateLevel.gates.reduce(0) { $0 + $1.count } == r.gateLevel.twoInputGates
      })
    #expect(regions.map { $0.gateLevel.costs[0].count } == [2, 0, 1])
    // The marginal counts add up to the whole design's.
    #expect(regions.reduce(0) { $0 + $1.gateLevel.twoInputGates } == report.gateLevel.twoInputGates)
  }

  /// With --pipeline, the regions' registers add up to the pipelined design's.
  @Test func pipelineRegistersAddUp() throws {
    let text = BinarizedNetFixture.text.replacingOccurrences(
      of: "[1, 1]]}]}",
      with: "[1, 1]]}], \"output\": {\"scale\": [0.5, -2, 1], \"offset\": [0, 1, -0.25]}}")
    #expect(text != BinarizedNetFixture.text)
    let report = try Self.report(["--pipeline", "2"], text: text)
    let regions = try #require(report.regions)
    #expect(regions.map(\.name) == ["layer 0", "layer 1", "layer 2", "output affine", "argmax"])
    #expect(report.gateLevel.registers > 0)
    #expect(regions.reduce(0) { $0 + $1.gateLevel.registers } == report.gateLevel.registers)
    #expect(regions.reduce(0) { $0 + $1.gateLevel.twoInputGates } == report.gateLevel.twoInputGates)
    #expect(regions[3].model == [NamedCount("shift-add terms", 3), NamedCount("offsets", 2)])
  }

  @Test func textReportHasTheRegionsSection() throws {
    let dir = Paths.temporaryDirectory("bnn-report-text")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("tiny.json")
    try Data(Self.text.utf8).write(to: path)
    let r = try CLI.run(["netlist", "report", path.path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("\nRegions\n"))
    #expect(r.stdout.contains("layer 0: neurons 2; XNOR inverters (−1 weights) 1;"))
  }

  /// Yosys synthesises a binarized net's emitted Verilog (popcounts, comparators and the
  /// argmax as `rtl/` primitives).
  @Test(.enabled(if: ToolGate.runYosysTests, "yosys is not installed"))
  func yosysCrossCheckOnABinarizedNet() throws {
    let report = try Self.report(["--yosys"], text: BinarizedNetFixture.text)
    let yosys = try #require(report.yosys)
    #expect(yosys.twoInputGates > 0 && yosys.luts > 0)
    #expect(yosys.flipFlops == 0)
  }
}
