import ArgumentParser
import BitTrue
import Foundation

/// `bittrue bnn emit`: a binarized net → Verilog + port manifest (as `netlist emit` does).
struct BnnEmitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "emit",
    abstract: "Write synthesizable Verilog and a port manifest for a binarized net.",
    discussion: """
      The net is lowered to the hardware IR (XNOR/AND arrays, popcount trees, threshold \
      comparators, an adder tree for an integer first layer, the argmax), optimised and \
      written into DIR exactly as `bittrue netlist emit` writes a design: <module>.v, the \
      rtl/ primitives it instantiates and <module>.manifest.json. --arch unrolled (the \
      default) builds every neuron; --pipeline K registers the gate-level form every K \
      gate levels. --arch folded --pe P --simd S folds every dense layer onto P neurons \
      × S input bits per cycle (one value for all layers or one per layer: --pe 8,4,2; \
      weights in ROMs, layers overlapping through double buffers, a start/done/ready \
      handshake recorded in the manifest) and prints the cycle model. DIR must be new, empty, or an output folder \
      bittrue wrote.

      Examples:
        bittrue bnn emit --model out/model.json --out build/rtl --pipeline 8
        bittrue bnn emit --model out/model.json --out build/folded --arch folded --pe 4 --simd 16
      """)

  @Option(help: "The model file (bittrue-bnn JSON).")
  var model: String
  @Option(help: "The output folder: created if missing, else replaced as a whole.")
  var out: String
  @Option(help: "Insert registers every K gate levels (gate-level form).")
  var pipeline: Int?
  @Option(help: "The module name (default: the model file's name).")
  var module: String?
  @OptionGroup var folding: FoldingOptions

  func validate() throws {
    if let pipeline, pipeline < 1 { throw ValidationError("--pipeline must be at least 1") }
    if folding.arch == .folded && pipeline != nil {
      throw ValidationError("--pipeline applies to --arch unrolled")
    }
  }

  func run() throws {
    if folding.arch == .folded { return try runFolded() }
    _ = try BnnModelFile.load(model)
    let folder = try OutputFolder(out, command: "bittrue bnn emit")
    let form = try NetlistFile.form(model, gateLevel: false, pipeline: pipeline)
    let design = try DesignWriter.write(form, lanes: 1, module: module, to: folder, source: model)
    try folder.commit()
    try StandardStreams.writeLine(DesignWriter.summary(design, form, lanes: 1, out: out))
  }

  /// `--arch folded`: the folded design's optimised netlist with its handshake.
  private func runFolded() throws {
    let design = try folding.design(model, module: module)
    let folder = try OutputFolder(out, command: "bittrue bnn emit")
    let netlist = design.forms.optimized.netlist
    let emitted: EmittedDesign
    do throws(VerilogEmitError) {
      emitted = try VerilogEmitter.emit(
        netlist, options: EmitOptions(moduleName: module, streaming: StreamingPorts()))
    } catch {
      throw CommandFailure(description: "\(model): \(error.description)")
    }
    for file in emitted.files { try folder.write(file.text, named: file.name) }
    try folder.commit()
    try StandardStreams.writeLine(
      "wrote \(emitted.files.map(\.name).joined(separator: ", ")) to \(out) "
        + "(\(netlist.nodes.count) nodes, \(netlist.registers.count) registers, "
        + "start/done handshake)\n" + FoldingOptions.describe(design.cycleModel))
  }
}
