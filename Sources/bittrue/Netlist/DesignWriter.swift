import BitTrue
import Foundation

/// Writes an emitted design (Verilog, primitives, port manifest) into an ``OutputFolder``,
/// for `netlist emit` and `logic emit` (which commit the folder once their reports are in).
enum DesignWriter {
  /// Emits `form` and writes its files into `out`; returns what was emitted.
  static func write(
    _ form: DesignForm, lanes: Int, module: String?, to out: OutputFolder, source: String,
    notes: [String] = []
  ) throws -> EmittedDesign {
    let design: EmittedDesign
    do throws(VerilogEmitError) {
      design = try VerilogEmitter.emit(
        form.netlist,
        options: EmitOptions(lanes: lanes, moduleName: module, latency: form.latency, notes: notes))
    } catch {
      throw CommandFailure(description: "\(source): \(error.description)")
    }
    for file in design.files { try out.write(file.text, named: file.name) }
    return design
  }

  /// `wrote a.v, b.v to DIR (N nodes, combinational, 1 lane)`.
  static func summary(_ design: EmittedDesign, _ form: DesignForm, lanes: Int, out: String)
    -> String
  {
    var text = "wrote \(design.files.map(\.name).joined(separator: ", ")) to \(out) "
    text += "(\(form.netlist.nodes.count) nodes, "
    text += design.manifest.clocked ? "clocked" : "combinational"
    if form.latency > 0 {
      text += ", latency \(form.latency) cycles, \(form.pipelineRegisters) pipeline registers"
    }
    text += ", \(lanes) lane\(lanes == 1 ? "" : "s"))"
    return text
  }
}
