import Foundation
import NetlistIR
import Reports
import Testing

@Suite struct PlaceRouteSummaryTests {
  /// The shape of nextpnr-ice40 0.4's `--report` JSON (critical paths shortened).
  static func report(fmax: String, lcs: Int = 18) -> String {
    """
    {"critical_paths": [{"from": "<async>", "path": [], "to": "<async>"}],
     "fmax": {\(fmax)},
     "utilization": {"SB_IO": {"available": 256, "used": 17},
       "ICESTORM_LC": {"available": 7680, "used": \(lcs)},
       "ICESTORM_RAM": {"available": 32, "used": 2}, "SB_GB": {"available": 8, "used": 1}}}
    """
  }

  static func summary(_ text: String) throws(ReportError) -> PlaceRouteSummary {
    try PlaceRouteSummary(
      part: "ice40-hx8k", package: "ct256", version: "nextpnr-ice40 (Version 0.4-1+b1)",
      commands: ["synth_ice40 -top t -json design.json"], report: text)
  }

  @Test func readsUtilisationAndFmax() throws {
    let p = try Self.summary(
      Self.report(
        fmax: #""clk$SB_IO_IN_$glb_clk": {"achieved": 250.878, "constraint": 100}, "#
          + #""aux$SB_IO_IN": {"achieved": 181.5, "constraint": 100}"#))
    #expect(p.resources.map(\.name) == ["ICESTORM_LC", "ICESTORM_RAM", "SB_GB", "SB_IO"])
    #expect(p.logicCells?.used == 18 && p.logicCells?.available == 7680)
    #expect(p.blockRAMs?.used == 2 && p.ioCells?.used == 17 && p.ioCells?.available == 256)
    #expect(p.clocks.map(\.name) == ["aux", "clk"])
    #expect(p.clocks.last?.achievedMHz == 250.878 && p.clocks.last?.constraintMHz == 100)
    #expect(p.fmaxMHz == 181.5)
  }

  @Test func aDesignWithoutRegistersHasNoClock() throws {
    let p = try Self.summary(Self.report(fmax: ""))
    #expect(p.clocks.isEmpty && p.fmaxMHz == nil)
    let noKey = #"{"utilization": {"ICESTORM_LC": {"available": 1280, "used": 3}}}"#
    #expect(try Self.summary(noKey).clocks.isEmpty)
  }

  @Test func badReportsFailWithOneLine() {
    #expect(
      throws: ReportError.nextpnrReport("not the JSON of 'nextpnr-ice40 --report' (invalid JSON)")
    ) { try Self.summary("ERROR: Unable to place cell") }
    #expect(
      throws: ReportError.nextpnrReport(
        "not the JSON of 'nextpnr-ice40 --report' (no 'utilization')")
    ) { try Self.summary(#"{"fmax": {}}"#) }
    #expect(throws: ReportError.nextpnrReport("negative count for 'ICESTORM_LC'")) {
      try Self.summary(Self.report(fmax: "", lcs: -1))
    }
    #expect(throws: ReportError.nextpnrReport("bad frequency for clock 'clk'")) {
      try Self.summary(Self.report(fmax: #""clk": {"achieved": 0, "constraint": 12}"#))
    }
  }

  /// The text, Markdown and JSON forms of a report carry the section.
  @Test func rendersInEveryFormat() throws {
    let netlist = try NetlistText.parse(
      """
      netlist "held"
      %0 = input "a" : 2
      %1 = reg 2'h0 %0 : 2
      %2 = output "q" %1 : 2

      """)
    var report = try NetlistReport.make(for: netlist, optimize: false, invocation: ["bittrue"])
    #expect(!report.render(.text).contains("nextpnr"))
    report.placeRoute = try Self.summary(
      Self.report(fmax: #""clk$SB_IO_IN_$glb_clk": {"achieved": 250.878, "constraint": 100}"#))
    let text = report.render(.text)
    #expect(text.contains("Place and route (nextpnr-ice40)"), "\(text)")
    #expect(text.contains("Fmax clk: 250.88 MHz (target 100.00 MHz)"), "\(text)")
    #expect(text.contains("part ice40-hx8k (ct256)"))
    #expect(report.render(.markdown).contains("| logic cells (LUT4 + FF) | 18 | 7680 | 0.2 % |"))
    let parsed = try #require(NetlistReport.parse(json: report.render(.json)))
    #expect(parsed.placeRoute == report.placeRoute)
  }
}
