import ArgumentParser
import BitTrue
import Foundation

/// `bittrue logic emit`: a trained logic net as synthesizable Verilog.
struct LogicEmitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "emit",
    abstract: "Write Verilog, a port manifest and a gate report for a logic net.",
    discussion: """
      The net is lowered to the hardware IR — one gate per neuron, a popcount per class \
      (GroupSum), an argmax comparator tree (ties to the lowest class) and the class index \
      output — and optimised: dead, constant, pass-through and duplicate gates vanish (the \
      counts are printed). Ports: input `x` (bit i = input i), outputs `score_0` … \
      (class counts) and `predicted`.

      By default the popcounts and the argmax stay word-level (the Verilog instantiates the \
      rtl/ popcount primitive); --pipeline K bit-blasts everything to gates and inserts \
      registers every K gate levels (latency in the manifest); --lanes 64 emits the \
      64-samples-per-cycle form used for fast cosimulation.

      The gate report (gate counts by function, full/half adders, 2-input-gate equivalents, \
      logic depth, latency, signal widths) is written as <module>.report.txt and .json next \
      to the Verilog and printed unless --quiet.

      The files are written into a temporary sibling folder that then replaces --out as a \
      whole, so it always holds one complete set; --out must be new, empty, or an output \
      folder bittrue wrote (it holds .bittrue-output).

      Check the result with `bittrue cosim MODEL --dataset … [same --pipeline/--lanes]`.

      Example:
        bittrue logic emit --model out/digits/net.json --out out/digits/rtl --pipeline 4
      """)

  @Option(help: "Interchange net (difflogic-net JSON) or trained model file.")
  var model: String
  @Option(help: "The output folder: created if missing, else replaced as a whole.")
  var out: String
  @Option(help: "Insert registers every K gate levels (bit-blasts the design).")
  var pipeline: Int?
  @Option(help: "Samples per port bit: 1, or 64 (the gate-level form).")
  var lanes: Int = 1
  @Option(help: "The module name (default: the model file's name).")
  var module: String?

  func validate() throws {
    if let pipeline, pipeline < 1 { throw ValidationError("--pipeline must be at least 1") }
  }

  @Flag(help: "Do not print the gate report (it is still written next to the Verilog).")
  var quiet = false

  func run() throws {
    let folder = try OutputFolder(out, command: "bittrue logic emit")
    let hw = try NetlistFile.design(model)
    let forms = try NetlistFile.forms(of: hw, path: model)
    let form = try NetlistFile.form(
      of: hw, gateLevel: lanes > 1, pipeline: pipeline, using: forms, path: model)
    // Reports are made before anything is written, so a failure leaves no files.
    let (report, _) = try NetlistReportCommand.report(form.netlist, optimize: false, source: model)
    let design = try DesignWriter.write(
      form, lanes: lanes, module: module, to: folder, source: model, notes: [report.headline])
    for format in [ReportFormat.text, .json] {
      try folder.write(
        report.render(format), named: "\(design.moduleName).report.\(format.fileExtension)")
    }
    try folder.commit()
    if let model = hw.model {
      try StandardStreams.writeLine("\(model.noun): \(forms.optimized.removal)")
    }
    try StandardStreams.writeLine(DesignWriter.summary(design, form, lanes: lanes, out: out))
    try StandardStreams.writeLine(
      "wrote \(design.moduleName).report.txt and .json (gate report) to \(out)")
    if !quiet { try StandardStreams.write("\n" + report.render(.text)) }
  }
}
