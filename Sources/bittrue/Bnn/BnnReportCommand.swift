import ArgumentParser
import BitTrue
import Foundation

/// `bittrue bnn report`: what a binarized net is made of and what its unrolled hardware costs.
struct BnnReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Summarise a binarized net and report the hardware of its unrolled lowering.",
    discussion: """
      The model is a bittrue-bnn JSON or a QONNX (.onnx) file. The report lists the net's \
      input (format, count, image shape) and each layer: its kind, input and output shapes, \
      weight mode, weights and zero weights, and its neurons' thresholds (how many compare \
      with ≥ T, with ≤ T, how many are constant, and the range of T). Then comes the \
      hardware report of the fully unrolled lowering, exactly as `bittrue netlist report` \
      makes it for the same file: word-level cells, the gate level (2-input gates, full and \
      half adders, registers, 2-input-gate equivalents), logic depth, signal widths, and per \
      region (each layer, the output affine, the argmax) the XNOR inverters, popcounts by \
      width, comparators and marginal gate-level cells. --pipeline K measures the design \
      with registers every K gate levels, as `bnn emit --pipeline K` writes it.

      Examples:
        bittrue bnn report --model out/model.json
        bittrue bnn report --model net.onnx --pipeline 8 --markdown
      """)

  @Option(help: "The model file (bittrue-bnn JSON or QONNX).")
  var model: String
  @Option(help: "Report the design with registers every K gate levels.")
  var pipeline: Int?
  @Flag(help: "Print JSON: the model summary and the netlist report.")
  var json = false
  @Flag(help: "Print Markdown instead of text.")
  var markdown = false

  func validate() throws {
    if let pipeline, pipeline < 1 { throw ValidationError("--pipeline must be at least 1") }
    if json && markdown { throw ValidationError("give --json or --markdown, not both") }
  }

  func run() throws {
    let net = try BnnModelFile.load(model)
    let summary = BinarizedNetSummary(net)
    let design = try NetlistFile.design(model)
    let lowered = try NetlistFile.form(
      of: design, gateLevel: false, pipeline: pipeline, using: nil, path: model
    ).netlist
    var (report, _) = try NetlistReportCommand.report(lowered, optimize: false, source: model)
    report.regions = try NetlistReportCommand.regions(
      of: design, pipeline: pipeline, source: model)
    if json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      let data = try encoder.encode(BnnReport(model: summary, hardware: report))
      try StandardStreams.writeLine(String(decoding: data, as: UTF8.self))
      return
    }
    let title = "Binarized net: \(model)"
    if markdown {
      let lines = summary.lines.map { "- \($0)" }.joined(separator: "\n")
      try StandardStreams.write("# \(title)\n\n\(lines)\n\n" + report.render(.markdown))
    } else {
      let lines = summary.lines.map { "  \($0)" }.joined(separator: "\n")
      try StandardStreams.write("\(title)\n\(lines)\n\n" + report.render(.text))
    }
  }
}

/// The `--json` form of `bittrue bnn report`.
struct BnnReport: Encodable {
  /// `bittrue-bnn-report`.
  var format = "bittrue-bnn-report"
  /// Layout version (1).
  var version = 1
  /// The net's layers.
  var model: BinarizedNetSummary
  /// The unrolled lowering's netlist report, with its regions.
  var hardware: NetlistReport
}
