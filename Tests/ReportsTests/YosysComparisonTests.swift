import Reports
import Testing

@Suite struct YosysComparisonTests {
  /// The shape of Yosys 0.23's `stat -json` (per-module and design totals).
  static func statistics(_ cells: String, creator: String = "Yosys 0.23 (git sha1 7ce5011c24b)")
    -> String
  {
    """
    {
       "creator": "\(creator)",
       "invocation": "stat -json ",
       "modules": {
          "\\\\t": {
             "num_wires":         19,
             "num_cells":         23,
             "num_cells_by_type": { \(cells) }
          }
       },
          "design": {
             "num_wires":         19,
             "num_cells":         23,
             "num_cells_by_type": { \(cells) }
          }
    }

    """
  }

  @Test func readsTheCellCounts() throws {
    let gates = Self.statistics(
      """
      "$_AND_": 4, "$_NAND_": 7, "$_NOT_": 2, "$_OR_": 1, "$_SDFF_PP0_": 5, "$_XNOR_": 1,
      "$_XOR_": 5, "$_ANDNOT_": 3, "$_ORNOT_": 1
      """)
    let ice40 = Self.statistics(#""SB_CARRY": 4, "SB_DFFSR": 5, "SB_LUT4": 9, "SB_DFF": 1"#)
    let y = try YosysComparison(
      gateScript: ["synth"], gateStatistics: gates, ice40Script: ["synth_ice40"],
      ice40Statistics: ice40)
    #expect(y.version == "Yosys 0.23 (git sha1 7ce5011c24b)")
    #expect(y.twoInputGates == 4 + 7 + 1 + 1 + 5 + 3 + 1)
    #expect(y.not == 2 && y.flipFlops == 5)
    #expect(y.luts == 9 && y.carries == 4 && y.ice40FlipFlops == 6)
    #expect(y.gateRun.totalCells == 29 && y.ice40Run.totalCells == 19)
    #expect(y.gateRun.cells.map(\.name).first == "$_ANDNOT_")
    #expect(y.gateRun.script == ["synth"])
  }

  @Test func anEmptyDesignHasNoCells() throws {
    let empty = Self.statistics("")
    let y = try YosysComparison(
      gateScript: [], gateStatistics: empty, ice40Script: [], ice40Statistics: empty)
    #expect(y.twoInputGates == 0 && y.luts == 0 && y.gateRun.cells.isEmpty)
  }

  @Test func badStatisticsFailWithOneLine() {
    let good = Self.statistics("")
    #expect(throws: ReportError.yosysStatistics("not the output of 'stat -json' (invalid JSON)")) {
      try YosysComparison(
        gateScript: [], gateStatistics: "ERROR: oops", ice40Script: [], ice40Statistics: good)
    }
    #expect(throws: ReportError.yosysStatistics("not the output of 'stat -json' (no 'creator')")) {
      try YosysComparison(
        gateScript: [], gateStatistics: #"{"design": {}}"#, ice40Script: [],
        ice40Statistics: good)
    }
    let error = ReportError.yosysStatistics("not the output of 'stat -json' (no 'design')")
    #expect(error.description == "yosys statistics: not the output of 'stat -json' (no 'design')")
  }

  @Test func scripts() {
    #expect(
      YosysComparison.gateScript(files: ["top.v", "popcount.v"], top: "top", statFile: "g.json")
        == [
          "read_verilog top.v", "read_verilog popcount.v", "synth -flatten -top top",
          "abc -g AND,NAND,OR,NOR,XOR,XNOR,ANDNOT,ORNOT", "opt_clean",
          "tee -q -o g.json stat -json",
        ])
    #expect(
      YosysComparison.ice40Script(files: ["top.v"], top: "top", statFile: "i.json") == [
        "read_verilog top.v", "synth_ice40 -top top", "tee -q -o i.json stat -json",
      ])
  }
}
