import Cosim
import Foundation
import NetlistIR
import Reports
import VerilogEmit

/// Places and routes a netlist's emitted Verilog on an iCE40 part for `bittrue netlist
/// report --place-route`: Yosys `synth_ice40 -json`, then nextpnr-ice40 with its pins placed
/// freely, in a temporary folder that is removed afterwards unless a tool fails (the message
/// then names the log in it). Each tool runs under coreutils' `timeout`.
enum PlaceAndRoute {
  /// The frequency nextpnr's timing-driven placement aims at, in MHz; a design that misses
  /// it is still routed (`--timing-allow-fail`) and reports what it achieved.
  static let targetMHz = 100
  /// The placer's seed: the same design gives the same placement.
  static let seed = 1

  /// nextpnr's numbers for `netlist` on `part`, each tool run limited to `timeout` seconds.
  static func run(
    on netlist: Netlist, part: PlaceRouteOptions.Part, timeout: Int
  ) throws -> PlaceRouteSummary {
    let yosys = try tool("yosys", variable: "YOSYS", package: "yosys")
    let nextpnr = try tool("nextpnr-ice40", variable: "NEXTPNR_ICE40", package: "nextpnr-ice40")
    let limiter = try tool("timeout", variable: nil, package: "coreutils")
    let design: EmittedDesign
    do throws(VerilogEmitError) {
      design = try VerilogEmitter.emit(netlist)
    } catch {
      throw CommandFailure(description: "place and route: \(error.description)")
    }
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("bittrue-nextpnr-\(UUID().uuidString)")
    Interrupts.removeOnInterrupt(folder.path)
    let script =
      design.files.map(\.name).filter { $0.hasSuffix(".v") }.map { "read_verilog \($0)" }
      + ["synth_ice40 -top \(design.moduleName) -json design.json"]
    let placeArguments = [
      part.deviceFlag, "--package", part.package, "--json", "design.json",
      "--pcf-allow-unconstrained", "--freq", "\(targetMHz)", "--timing-allow-fail",
      "--seed", "\(seed)", "--report", "report.json",
    ]
    let limit = ["--kill-after=10", "\(timeout)"]
    let log = folder.appendingPathComponent("tools.log")
    let placeLog = folder.appendingPathComponent("nextpnr.log")
    let texts: (report: String, version: String)
    do throws(CosimError) {
      for file in design.files {
        try FileIO.write(file.text, to: folder.appendingPathComponent(file.name))
      }
      try FileIO.write(
        script.joined(separator: "\n") + "\n", to: folder.appendingPathComponent("synth.ys"))
      try limited(
        "yosys", limiter, limit + [yosys, "-q", "-s", "synth.ys"], in: folder, log: log,
        timeout: timeout, placeLog: nil)
      try limited(
        "nextpnr-ice40", limiter, limit + [nextpnr] + placeArguments + ["-q", "-l", "nextpnr.log"],
        in: folder, log: log, timeout: timeout, placeLog: placeLog)
      let versionLog = folder.appendingPathComponent("version.log")
      try ExternalTool.run(nextpnr, ["--version"], in: folder, log: versionLog)
      texts = (
        try FileIO.read(folder.appendingPathComponent("report.json")),
        try FileIO.read(versionLog)
      )
    } catch {
      throw CommandFailure(description: error.description)
    }
    let version =
      texts.version.split(whereSeparator: \.isNewline).first { $0.contains("Version") }
      .map(String.init) ?? "nextpnr-ice40"
    do throws(ReportError) {
      let summary = try PlaceRouteSummary(
        part: part.rawValue, package: part.package, version: version,
        commands: [script.last!, (["nextpnr-ice40"] + placeArguments).joined(separator: " ")],
        report: texts.report)
      try? FileManager.default.removeItem(at: folder)
      return summary
    } catch {
      throw CommandFailure(description: "\(error.description) (see \(folder.path))")
    }
  }

  /// The path of `name` (`$variable`, else `PATH`), or a one-line error naming the package.
  private static func tool(_ name: String, variable: String?, package: String) throws -> String {
    do throws(CosimError) {
      if let path = try ExternalTool.locate(name, environmentVariable: variable) { return path }
    } catch {
      throw CommandFailure(description: error.description)
    }
    let hint = variable.map { " or set \($0) to its path" } ?? ""
    throw CommandFailure(
      description: "\(name) not found: install the apt package '\(package)'\(hint)")
  }

  /// Runs `limiter` (coreutils' `timeout`) with `arguments` (the limit, then the tool
  /// `name` and its arguments), turning the status of a run that hit the limit into a message
  /// naming the limit and a nextpnr failure into its first `ERROR:` line from `placeLog`.
  private static func limited(
    _ name: String, _ limiter: String, _ arguments: [String], in folder: URL, log: URL,
    timeout: Int, placeLog: URL?
  ) throws(CosimError) {
    do {
      try ExternalTool.run(limiter, arguments, in: folder, log: log)
    } catch .commandFailed(_, let status, let log) where status == 124 || status == 137 {
      throw .io(
        "\(name) did not finish within \(timeout) s (--place-route-timeout; log: \(log))")
    } catch .commandFailed(let command, let status, let log) {
      guard let placeLog, let text = try? FileIO.read(placeLog),
        let line = text.split(whereSeparator: \.isNewline).first(where: {
          $0.hasPrefix("ERROR:")
        })
      else { throw .commandFailed(command: command, status: status, log: log) }
      throw .io(
        "\(name) failed: \(line.dropFirst("ERROR:".count).trimmingCharacters(in: .whitespaces)) (log: \(placeLog.path))"
      )
    }
  }
}
