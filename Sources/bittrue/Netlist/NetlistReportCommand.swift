import ArgumentParser
import Designs
import Foundation
import NetlistIR
import Reports

extension ReportFormat: ExpressibleByArgument {}

/// `bittrue netlist report DESIGN [--format text|markdown|json] [--out FILE] [--optimize]
/// [--pipeline K] [--yosys]`: what a netlist (or a logic-net model's netlist) costs in
/// hardware.
struct NetlistReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Report gate counts, logic depth, latency and signal widths of a netlist.",
    discussion: """
      Reads DESIGN — the IR text form, or a logic-net model, which is lowered and optimised \
      as `netlist emit` does — and reports its word-level cells (adders, multipliers, \
      comparators, registers, constants, …); its gate level (2-input gates by function, NOT, \
      registers, full and half adders, and the costs under the gate2 table — 2-input-gate \
      equivalents, NOT counts 0 — and the cmos table of transistors), measured on a copy that \
      is optimised, bit-blasted with ripple-carry adders and optimised again; its logic depth \
      in gate levels and latency in clock cycles; and each signal's declared width against \
      the width its value range needs (interval range analysis). For a model whose lowering \
      lists regions (a binarized net: each layer, the output affine, the argmax), it also \
      reports each region: its word-level cells, its marginal gate-level cells (the design \
      cut after the region less the cut before it) and the counts its weights give (XNOR \
      inverters, AND-masked inputs, adder-tree terms).

      --optimize first narrows widths by range analysis (the `narrow` pass) and runs the \
      standard optimisation, and reports the result with the changes made. --pipeline K \
      reports the bit-blasted design with registers every K gate levels (as `netlist emit \
      --pipeline K` emits it). --yosys also synthesises the emitted Verilog with Yosys \
      ($YOSYS, else PATH) — `synth -flatten; abc -g \(YosysComparison.gateSet)` for 2-input \
      gates, `synth_ice40` for LUTs — and prints its numbers beside bittrue's. --place-route \
      PART places and routes the design on an iCE40 part (Yosys `synth_ice40 -json`, then \
      nextpnr-ice40 with unconstrained pins, aiming at \(PlaceAndRoute.targetMHz) MHz) and \
      prints the logic cells, block RAMs and I/O cells used and each clock's Fmax.

      Text and Markdown list every signal of small netlists, and the widest and most \
      narrowable ones of large netlists; JSON lists all, with the tool version and the \
      command line. The output is deterministic. --out writes atomically.

      Example:
        bittrue netlist report adder.nl --optimize --format markdown --out adder.md
      """
  )

  @Argument(help: ArgumentHelp("The netlist or model file.", valueName: "design"))
  var netlist: String

  @Option(name: .long, help: "text, markdown or json.")
  var format: ReportFormat = .text

  @Option(
    name: .long,
    help: ArgumentHelp("Where to write the report (default: standard output).", valueName: "file"))
  var out: String?

  @Flag(name: .long, help: "Narrow widths by range analysis and optimise before measuring.")
  var optimize = false

  @Option(name: .long, help: "Bit-blast and insert registers every K gate levels first.")
  var pipeline: Int?

  @Flag(name: .long, help: "Cross-check with Yosys (needs yosys installed).")
  var yosys = false

  @OptionGroup(title: "Binarized nets") var folding: FoldingOptions

  @OptionGroup(title: "Place and route") var placeRoute: PlaceRouteOptions

  func validate() throws {
    if let pipeline, pipeline < 1 { throw ValidationError("--pipeline must be at least 1") }
  }

  func run() throws {
    if folding.arch == .folded { return try runFolded() }
    let design = try NetlistFile.design(netlist)
    let input = try NetlistFile.form(
      of: design, gateLevel: false, pipeline: pipeline, using: nil, path: netlist
    ).netlist
    var (report, reported) = try Self.report(input, optimize: optimize, source: netlist)
    report.regions = try Self.regions(of: design, pipeline: pipeline, source: netlist)
    if yosys { report.yosys = try YosysCrossCheck.run(on: reported) }
    if let part = placeRoute.part {
      report.placeRoute = try PlaceAndRoute.run(
        on: reported, part: part, timeout: placeRoute.timeout)
    }
    let text = report.render(format)
    guard let out else {
      try StandardStreams.write(text)
      return
    }
    try AtomicFileWriter.write(text, to: out)
    try StandardStreams.writeLine("wrote \(out) (\(format.rawValue) report of \"\(input.name)\")")
  }

  /// `--arch folded`: the report of the folded design's netlist, then its cycle model.
  private func runFolded() throws {
    guard pipeline == nil else {
      throw CommandFailure(description: "--pipeline applies to --arch unrolled")
    }
    let folded = try folding.design(netlist)
    var (report, reported) = try Self.report(
      folded.forms.original, optimize: optimize, source: netlist)
    if yosys { report.yosys = try YosysCrossCheck.run(on: reported) }
    if let part = placeRoute.part {
      report.placeRoute = try PlaceAndRoute.run(
        on: reported, part: part, timeout: placeRoute.timeout)
    }
    let text = report.render(format)
    let unrolled = try Self.report(
      try NetlistFile.design(netlist).original, optimize: optimize, source: netlist
    ).0
    let model =
      FoldingOptions.describe(folded.cycleModel) + "\n"
      + FoldingOptions.table(folded.cycleModel, folded: report, unrolled: unrolled)
    guard let out else {
      try StandardStreams.write(text)
      if format == .text { try StandardStreams.writeLine(model) }
      return
    }
    try AtomicFileWriter.write(text, to: out)
    try StandardStreams.writeLine(
      "wrote \(out) (\(format.rawValue) report of \"\(folded.forms.original.name)\")\n\(model)")
  }

  /// Each region of a model's lowered netlist (nil without regions), see ``RegionCells``.
  static func regions(
    of design: HardwareDesign, pipeline: Int?, source: String
  ) throws -> [RegionCells]? {
    guard let regions = design.model?.regions(), !regions.isEmpty else { return nil }
    do throws(ReportError) {
      return try RegionCells.measure(design.original, regions: regions, pipeline: pipeline)
    } catch {
      throw CommandFailure(description: "\(source): \(error.description)")
    }
  }

  /// The report of `netlist` (after narrowing and optimisation with `optimize`) with this
  /// process's command line, and the netlist it describes; failures name `source`.
  static func report(
    _ netlist: Netlist, optimize: Bool, source: String
  ) throws -> (NetlistReport, Netlist) {
    let invocation = ["bittrue"] + CommandLine.arguments.dropFirst()
    do throws(ReportError) {
      guard optimize else {
        return (try NetlistReport.measure(netlist, invocation: invocation), netlist)
      }
      let (reported, summary) = try NetlistReport.optimized(netlist)
      return (
        try NetlistReport.measure(reported, optimization: summary, invocation: invocation),
        reported
      )
    } catch {
      throw CommandFailure(description: "\(source): \(error.description)")
    }
  }
}
