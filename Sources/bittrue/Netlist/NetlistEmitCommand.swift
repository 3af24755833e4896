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
      Reads NETLIST (the IR text form, see `NetlistText`) and writes into DIR:
        <module>.v              the design (Verilog-2005, verilator -Wall clean)
        <primitive>.v           each rtl/ primitive it instantiates
        <module>.manifest.json  ports, widths, clocking, latency, lanes
        <module>.report.<ext>   with --report: `bittrue netlist report` of the netlist

      The module is named after the netlist (legalised). Registers use one rising-edge clock \
      `clk` and a synchronous active-high reset `rst`, present only when the netlist has \
      registers. Each file is written under a temporary name and renamed, so none is ever \
      half-written.

      --lanes 64 emits the sample-parallel form of a gate-level netlist: every one-bit signal \
      is 64 bits wide, so one clock cycle evaluates 64 samples (bit i of sample j is port bit \
      64*i + j). This is the form `bittrue cosim --lanes 64` simulates fast.

      Example:
        bittrue netlist emit adder.nl --out build/rtl
        verilator --lint-only -Wall build/rtl/*.v
      """
  )

  @Argument(help: "The netlist text file.")
  var netlist: String

  @Option(name: .long, help: "The output folder (created if missing).")
  var out: String

  @Option(name: .long, help: "Samples per port bit: 1, or 64 for gate-level netlists.")
  var lanes: Int = 1

  @Option(name: .long, help: "The module name (default: the netlist's name).")
  var module: String?

  @Option(
    name: .long,
    help: "Also write the netlist's report (text, markdown or json) as <module>.report.<ext>.")
  var report: ReportFormat?

  func run() throws {
    let netlist = try NetlistFile.load(self.netlist)
    let design: EmittedDesign
    do throws(VerilogEmitError) {
      design = try VerilogEmitter.emit(
        netlist, options: EmitOptions(lanes: lanes, moduleName: module))
    } catch {
      throw CommandFailure(description: "\(self.netlist): \(error.description)")
    }
    var files = design.files
    if let report {
      let text: String
      do throws(ReportError) {
        let invocation = ["bittrue"] + CommandLine.arguments.dropFirst()
        text = try NetlistReport.make(for: netlist, invocation: invocation).render(report)
      } catch {
        throw CommandFailure(description: "\(self.netlist): \(error.description)")
      }
      files.append(("\(design.moduleName).report.\(report.fileExtension)", text))
    }
    let folder = URL(fileURLWithPath: out)
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      for file in files {
        try Data(file.text.utf8).write(
          to: folder.appendingPathComponent(file.name), options: .atomic)
      }
    } catch {
      throw CommandFailure(description: "\(out): cannot write: \(error.localizedDescription)")
    }
    print(
      "wrote \(files.map(\.name).joined(separator: ", ")) to \(out) "
        + "(\(netlist.nodes.count) nodes, \(design.manifest.clocked ? "clocked" : "combinational"), "
        + "\(lanes) lane\(lanes == 1 ? "" : "s"))")
  }
}
