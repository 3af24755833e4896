import Cosim
import Foundation
import NetlistIR
import Reports
import VerilogEmit

/// Runs Yosys on a netlist's emitted Verilog for `bittrue netlist report --yosys`: the two
/// scripts of ``Reports/YosysComparison`` in a temporary folder, removed afterwards unless
/// Yosys fails (the message then names the log in it).
enum YosysCrossCheck {
  /// Yosys's numbers for `netlist`.
  static func run(on netlist: Netlist) throws -> YosysComparison {
    let found: String?
    do throws(CosimError) {
      found = try ExternalTool.locate("yosys", environmentVariable: "YOSYS")
    } catch {
      throw CommandFailure(description: error.description)
    }
    guard let yosys = found else {
      throw CommandFailure(
        description: "yosys not found: install the apt package 'yosys' or set YOSYS to its path")
    }
    let design: EmittedDesign
    do throws(VerilogEmitError) {
      design = try VerilogEmitter.emit(netlist)
    } catch {
      throw CommandFailure(description: "yosys cross-check: \(error.description)")
    }
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("bittrue-yosys-\(UUID().uuidString)")
    Interrupts.removeOnInterrupt(folder.path)
    let verilog = design.files.map(\.name).filter { $0.hasSuffix(".v") }
    let top = design.moduleName
    let gateScript = YosysComparison.gateScript(files: verilog, top: top, statFile: "gates.json")
    let ice40Script = YosysComparison.ice40Script(files: verilog, top: top, statFile: "ice40.json")
    let texts: (gates: String, ice40: String)
    do throws(CosimError) {
      for file in design.files {
        try FileIO.write(file.text, to: folder.appendingPathComponent(file.name))
      }
      let log = folder.appendingPathComponent("yosys.log")
      for (name, script) in [("gates.ys", gateScript), ("ice40.ys", ice40Script)] {
        try FileIO.write(
          script.joined(separator: "\n") + "\n", to: folder.appendingPathComponent(name))
        try ExternalTool.run(yosys, ["-q", "-s", name], in: folder, log: log)
      }
      texts = (
        try FileIO.read(folder.appendingPathComponent("gates.json")),
        try FileIO.read(folder.appendingPathComponent("ice40.json"))
      )
    } catch {
      throw CommandFailure(description: error.description)
    }
    do throws(ReportError) {
      let comparison = try YosysComparison(
        gateScript: gateScript, gateStatistics: texts.gates, ice40Script: ice40Script,
        ice40Statistics: texts.ice40)
      try? FileManager.default.removeItem(at: folder)
      return comparison
    } catch {
      throw CommandFailure(description: "\(error.description) (see \(folder.path))")
    }
  }
}
