import BinarizedNets
import Foundation
import Reports
import Testing
import _TestSupport

/// `bittrue netlist report --place-route PART`: Yosys `synth_ice40`, then nextpnr-ice40.
@Suite struct NetlistPlaceRouteCLITests {
  /// A fresh folder holding `bits.json`, a small net with bit inputs that folds.
  static func folder() throws -> URL { try FoldedCLITests.folder() }

  static let folded = ["--arch", "folded", "--pe", "2", "--simd", "4"]

  @Test func missingToolsAndBadValuesAreOneLineErrors() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("bits.json").path
    let noPlacer = try CLI.run(
      ["netlist", "report", path, "--place-route", "ice40-hx8k"],
      environment: ["PATH": "/nonexistent", "YOSYS": "/bin/true", "NEXTPNR_ICE40": ""])
    #expect(noPlacer.status == 1)
    #expect(
      noPlacer.stderr
        == "Error: nextpnr-ice40 not found: install the apt package 'nextpnr-ice40' or set "
        + "NEXTPNR_ICE40 to its path\n")
    let noYosys = try CLI.run(
      ["netlist", "report", path, "--place-route", "ice40-up5k"] + Self.folded,
      environment: ["PATH": "/nonexistent", "YOSYS": ""])
    #expect(
      noYosys.stderr
        == "Error: yosys not found: install the apt package 'yosys' or set YOSYS to its path\n")
    let badPart = try CLI.run(["netlist", "report", path, "--place-route", "ice40-hx9k"])
    #expect(badPart.status != 0 && badPart.stderr.hasPrefix("Error: "))
    #expect(badPart.stderr.split(separator: "\n").count == 1, "\(badPart.stderr)")
    let badLimit = try CLI.run(
      ["netlist", "report", path, "--place-route", "ice40-hx8k", "--place-route-timeout", "0"])
    #expect(
      badLimit.stderr == "Error: --place-route-timeout must be between 1 and 86400 seconds\n")
  }

  /// The folded net placed and routed on an HX8K: logic cells, I/O cells (one per port bit)
  /// and the clock's Fmax; the unrolled net (no registers) has no clock. nextpnr-ice40 is
  /// optional: CI does not install it, so this test is skipped without it even when
  /// CI=true (the parsing and printing are covered by `PlaceRouteSummaryTests`).
  @Test(
    .enabled(
      if: ToolGate.find("nextpnr-ice40", environmentOverride: "NEXTPNR_ICE40") != nil
        && ToolGate.hasYosys, "nextpnr-ice40 or yosys is not installed"))
  func placesAndRoutesAFoldedNet() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("bits.json").path
    let r = try CLI.run(
      ["netlist", "report", path, "--place-route", "ice40-hx8k", "--format", "json"]
        + Self.folded)
    #expect(r.status == 0, "\(r.stderr)")
    let report = try #require(NetlistReport.parse(json: r.stdout))
    let placed = try #require(report.placeRoute)
    #expect(placed.part == "ice40-hx8k" && placed.package == "ct256")
    #expect(placed.version.contains("nextpnr-ice40"))
    let lcs = try #require(placed.logicCells)
    #expect(lcs.used > 0 && lcs.used <= lcs.available && lcs.available == 7680)
    // Every port bit is an I/O cell: clock and reset, then the design's inputs and outputs.
    let portBits = report.design.inputBits + report.design.outputBits
    #expect(placed.ioCells?.used == portBits + 2, "\(report.design)")
    #expect(placed.clocks.map(\.name) == ["clk"])
    let fmax = try #require(placed.fmaxMHz)
    #expect(fmax > 10 && fmax < 1000)
    let unrolled = try CLI.run(["netlist", "report", path, "--place-route", "ice40-hx1k"])
    #expect(unrolled.status == 0, "\(unrolled.stderr)")
    #expect(unrolled.stdout.contains("\nPlace and route (nextpnr-ice40)\n"), "\(unrolled.stdout)")
    #expect(unrolled.stdout.contains("part ice40-hx1k (tq144)"))
    #expect(unrolled.stdout.contains("No clock: the design has no registers."))
  }
}
