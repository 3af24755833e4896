import ArgumentParser
import BitTrue
import Foundation

/// `bittrue bnn emit`: a binarized net → Verilog + port manifest (as `netlist emit` does).
struct BnnEmitCommand: ParsableCommand {
  /// The hardware architectures of a binarized net.
  enum Architecture: String, CaseIterable, ExpressibleByArgument {
    /// Every neuron its own XNOR array, popcount tree and comparator.
    case unrolled
    /// Processing elements reused over the neurons (PE/SIMD, FINN style).
    case folded
  }

  static let configuration = CommandConfiguration(
    commandName: "emit",
    abstract: "Write synthesizable Verilog and a port manifest for a binarized net.",
    discussion: """
      The net is lowered to the hardware IR (XNOR/AND arrays, popcount trees, threshold \
      comparators, an adder tree for an integer first layer, the argmax), optimised and \
      written into DIR exactly as `bittrue netlist emit` writes a design: <module>.v, the \
      rtl/ primitives it instantiates and <module>.manifest.json. --arch unrolled (the \
      default) builds every neuron; --pipeline K registers the gate-level form every K \
      gate levels. DIR must be new, empty, or an output folder bittrue wrote.

      Example:
        bittrue bnn emit --model out/model.json --out build/rtl --pipeline 8
      """)

  @Option(help: "The model file (bittrue-bnn JSON).")
  var model: String
  @Option(help: "Hardware architecture: unrolled (folded: not yet).")
  var arch: Architecture = .unrolled
  @Option(help: "The output folder: created if missing, else replaced as a whole.")
  var out: String
  @Option(help: "Insert registers every K gate levels (gate-level form).")
  var pipeline: Int?
  @Option(help: "The module name (default: the model file's name).")
  var module: String?

  func validate() throws {
    if let pipeline, pipeline < 1 { throw ValidationError("--pipeline must be at least 1") }
  }

  func run() throws {
    guard arch == .unrolled else {
      throw CommandFailure(
        description: "--arch folded is not implemented yet (issue 14); use --arch unrolled")
    }
    _ = try BnnModelFile.load(model)
    let folder = try OutputFolder(out, command: "bittrue bnn emit")
    let form = try NetlistFile.form(model, gateLevel: false, pipeline: pipeline)
    let design = try DesignWriter.write(form, lanes: 1, module: module, to: folder, source: model)
    try folder.commit()
    try StandardStreams.writeLine(DesignWriter.summary(design, form, lanes: 1, out: out))
  }
}
