import Foundation
import NetlistIR
import Reports
import Testing
import _TestSupport

/// The three printed forms of one small design's report, compared with files in `Golden/`
/// (`design.txt`, `design.md`, `design.json`). Re-record with `BITTRUE_RECORD_GOLDEN=1`
/// (the run then fails; rerun without it).
@Suite struct GoldenTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")

  /// Two vote counts, their sum and difference, a comparison the ranges decide, a
  /// saturation that never saturates, a maximum and a pipeline register.
  static let design = """
    netlist "votes"
    %0 "a" = input "a" : 6
    %1 "b" = input "b" : 6
    %2 "va" = popcount %0 : 3
    %3 "vb" = popcount %1 : 3
    %4 "sum" = add.u %2, %3 : 8
    %5 = const 8'h0d : 8
    %6 "small" = cmp.lt.u %4, %5 : 1
    %7 "clip" = resize.u SAT %4 : 4
    %8 "more" = cmp.gt.u %2, %3 : 1
    %9 "winner" = mux %8, %3, %2 : 3
    %10 "held" = reg 3'h0 %9 : 3
    %11 = output "small" %6 : 1
    %12 = output "clip" %7 : 4
    %13 = output "winner" %10 : 3

    """

  @Test func smallDesign() throws {
    var report = try NetlistReport.make(
      for: NetlistText.parse(Self.design), optimize: true,
      invocation: ["bittrue", "netlist", "report", "votes.nl", "--optimize"])
    report.yosys = try YosysComparison(
      gateScript: YosysComparison.gateScript(files: ["votes.v"], top: "votes", statFile: "g.json"),
      gateStatistics: YosysComparisonTests.statistics(
        #""$_AND_": 12, "$_OR_": 5, "$_XOR_": 14, "$_NOT_": 1, "$_SDFF_PP0_": 3"#),
      ice40Script: YosysComparison.ice40Script(
        files: ["votes.v"], top: "votes", statFile: "i.json"),
      ice40Statistics: YosysComparisonTests.statistics(#""SB_LUT4": 17, "SB_DFFSR": 3"#))
    for format in ReportFormat.allCases {
      let name = "design.\(format.fileExtension)"
      #expect(Golden.mismatch(report.render(format), name: name, folder: Self.folder) == nil)
    }
    #expect(NetlistReport.parse(json: report.render(.json)) == report)
  }
}
