import ArgumentParser
import Foundation
import NetlistIR
import Reports
import VerilogEmit

/// `bittrue netlist emit`: netlist text → Verilog + port manifest.
struct NetlistEmitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "emit",
    abstract: "Write synthesizable Verilog and a port manifest for a netlist.",
    discussion: """
      Reads DESIGN — the IR text form (see `NetlistText`) or a logic-net model, which is \
      lowered and optimised — and writes into DIR:
        <module>.v              the design (Verilog-2005, verilator -Wall clean)
        <primitive>.v           each rtl/ primitive it instantiates
        <module>.manifest.json  ports, widths, clocking, latency, lanes
        <module>.report.<ext>   with --report: `bittrue netlist report` of the emitted netlist

      The module is named after the netlist (legalised). Registers use one rising-edge clock \
      `clk` and a synchronous active-high reset `rst`, present only when the netlist has \
      registers. The files are written into a temporary sibling folder that then replaces \
      DIR as a whole, so DIR always holds one complete set; DIR must be new, empty, or an \
      output folder bittrue wrote (it holds .bittrue-output).

      --lanes 64 emits the sample-parallel form of a gate-level netlist: every one-bit signal \
      is 64 bits wide, so one clock cycle evaluates 64 samples (bit i of sample j is port bit \
      64*i + j). This is the form `bittrue cosim --lanes 64` simulates fast.

      Example:
        bittrue netlist emit adder.nl --out build/rtl
        verilator --lint-only -Wall build/rtl/*.v
      """
  )

  @Argument(help: ArgumentHelp("The netlist or model file.", valueName: "design"))
  var netlist: String

  @Option(
    name: .long,
    help: "The output folder: created if missing, else replaced as a whole (see below).")
  var out: String

  @Option(name: .long, help: "Samples per port bit: 1, or 64 (the gate-level form).")
  var lanes: Int = 1

  @Option(name: .long, help: "Insert registers every K gate levels (gate-level form).")
  var pipeline: Int?

  @Option(name: .long, help: "The module name (default: the netlist's name).")
  var module: String?

  @Option(
    name: .long,
    help: "Also write the design's report (text, markdown or json) as <module>.report.<ext>.")
  var report: ReportFormat?

  func validate() throws {
    if let pipeline, pipeline < 1 { throw ValidationError("--pipeline must be at least 1") }
  }

  func run() throws {
    let folder = try OutputFolder(out, command: "bittrue netlist emit")
    let form = try NetlistFile.form(netlist, gateLevel: lanes > 1, pipeline: pipeline)
    // The report is made before anything is written, so a failure leaves no files.
    let measured = try report.map { _ in
      try NetlistReportCommand.report(form.netlist, optimize: false, source: netlist).0
    }
    let design = try DesignWriter.write(
      form, lanes: lanes, module: module, to: folder, source: netlist,
      notes: measured.map { [$0.headline] } ?? [])
    let reportName = "\(design.moduleName).report.\(report?.fileExtension ?? "")"
    if let report, let measured { try folder.write(measured.render(report), named: reportName) }
    try folder.commit()
    try StandardStreams.writeLine(DesignWriter.summary(design, form, lanes: lanes, out: out))
    if let report {
      try StandardStreams.writeLine("wrote \(out)/\(reportName) (\(report.rawValue) report)")
    }
  }
}
