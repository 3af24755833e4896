import ArgumentParser
import Foundation
import NetlistIR
import Reports

extension ReportFormat: ExpressibleByArgument {}

/// `bittrue netlist report NETLIST [--format text|markdown|json] [--out FILE] [--optimize]
/// [--yosys]`: what a netlist costs in hardware.
struct NetlistReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Report gate counts, logic depth, latency and signal widths of a netlist.",
    discussion: """
      Reads NETLIST (the IR text form) and reports:
        word-level cells    adders, multipliers, comparators, registers, constants, …
        gate level          2-input gates by function, NOT, registers, full/half adders, \
      costs under the gate2 (2-input-gate equivalents; NOT counts 0) and cmos (transistors) \
      tables — measured on a copy that is optimised, bit-blasted with ripple-carry adders \
      and optimised again
        timing              logic depth in gate levels, latency in clock cycles
        signal widths       each signal's declared width against the width its value \
      range needs (interval range analysis)

      --optimize first narrows widths by range analysis (the `narrow` pass) and runs the \
      standard optimisation, and reports the result with the changes made. --yosys also \
      synthesises the emitted Verilog with Yosys ($YOSYS, else PATH): `synth -flatten; abc \
      -g \(YosysComparison.gateSet)` for 2-input gates and `synth_ice40` for LUTs, and \
      prints its numbers beside bittrue's.

      Text and Markdown list every signal of small netlists and the widest and most \
      narrowable ones of large netlists; JSON lists all, with the tool version and the \
      command line. The output is deterministic. --out writes atomically.

      Example:
        bittrue netlist report adder.nl --optimize --format markdown --out adder.report.md
      """
  )

  @Argument(help: "The netlist text file.")
  var netlist: String

  @Option(name: .long, help: "text, markdown or json.")
  var format: ReportFormat = .text

  @Option(
    name: .long,
    help: ArgumentHelp("Where to write the report (default: standard output).", valueName: "file"))
  var out: String?

  @Flag(name: .long, help: "Narrow widths by range analysis and optimise before measuring.")
  var optimize = false

  @Flag(name: .long, help: "Cross-check with Yosys (needs yosys installed).")
  var yosys = false

  func run() throws {
    let input = try NetlistFile.load(netlist)
    let invocation = ["bittrue"] + CommandLine.arguments.dropFirst()
    var report: NetlistReport
    var reported = input
    do throws(ReportError) {
      var summary: OptimizationSummary?
      if optimize { (reported, summary) = try NetlistReport.optimized(input) }
      report = try NetlistReport.measure(
        reported, optimization: summary, invocation: invocation)
    } catch {
      throw CommandFailure(description: "\(netlist): \(error.description)")
    }
    if yosys { report.yosys = try YosysCrossCheck.run(on: reported) }
    let text = report.render(format)
    guard let out else {
      FileHandle.standardOutput.write(Data(text.utf8))
      return
    }
    do {
      try AtomicFileWriter.write(text, to: out)
    } catch {
      throw CommandFailure(description: "\(error)")
    }
    print("wrote \(out) (\(format.rawValue) report of \"\(input.name)\")")
  }
}
