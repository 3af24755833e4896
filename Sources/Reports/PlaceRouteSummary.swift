import Foundation

/// A design placed and routed for an iCE40 FPGA by nextpnr-ice40: the resources it uses
/// against what the part has, and the highest clock frequency its routed timing allows.
///
/// Reports only reads the JSON that `nextpnr-ice40 --report FILE` writes; running Yosys
/// (`synth_ice40 -json`) and nextpnr is the caller's job (the CLI's `--place-route`).
public struct PlaceRouteSummary: Codable, Hashable, Sendable {
  /// One kind of resource (nextpnr's bel type, for example `ICESTORM_LC`).
  public struct Resource: Codable, Hashable, Sendable {
    /// nextpnr's name of the resource.
    public var name: String
    /// How many the design uses.
    public var used: Int
    /// How many the part has.
    public var available: Int
  }

  /// One clock domain's timing after routing.
  public struct Clock: Codable, Hashable, Sendable {
    /// The clock net as the design names it (nextpnr's buffer suffixes removed).
    public var name: String
    /// The highest frequency the routed paths of this clock allow, in MHz.
    public var achievedMHz: Double
    /// The frequency nextpnr was asked to meet, in MHz.
    public var constraintMHz: Double
  }

  /// The part, for example `ice40-hx8k`.
  public var part: String
  /// Its package, for example `ct256`.
  public var package: String
  /// nextpnr's version line, for example `nextpnr-ice40 -- … (Version 0.4-1+b1)`.
  public var version: String
  /// The commands that ran, without the temporary folder's paths.
  public var commands: [String]
  /// Every resource of the utilisation report, sorted by name.
  public var resources: [Resource]
  /// Every clock's timing, sorted by name (empty for a design without registers).
  public var clocks: [Clock]

  /// The summary of the report text `nextpnr-ice40 --report` wrote.
  public init(
    part: String, package: String, version: String, commands: [String], report: String
  ) throws(ReportError) {
    let parsed: NextpnrReport
    do {
      parsed = try JSONDecoder().decode(NextpnrReport.self, from: Data(report.utf8))
    } catch {
      throw .nextpnrReport(
        "not the JSON of 'nextpnr-ice40 --report' (\(ReportError.decodingReason(error)))")
    }
    self.part = part
    self.package = package
    self.version = version
    self.commands = commands
    resources = parsed.utilization.keys.sorted().map { name in
      let entry = parsed.utilization[name]!
      return Resource(name: name, used: entry.used, available: entry.available)
    }
    clocks = (parsed.fmax ?? [:]).map { net, timing in
      Clock(
        name: Self.clockName(net), achievedMHz: timing.achieved, constraintMHz: timing.constraint)
    }.sorted { ($0.name, $0.achievedMHz) < ($1.name, $1.achievedMHz) }
    for resource in resources where resource.used < 0 || resource.available < 0 {
      throw .nextpnrReport("negative count for '\(resource.name)'")
    }
    for clock in clocks where !(clock.achievedMHz.isFinite && clock.achievedMHz > 0) {
      throw .nextpnrReport("bad frequency for clock '\(clock.name)'")
    }
  }

  /// The resource named `name` (`ICESTORM_LC`, `ICESTORM_RAM`, `SB_IO`, …), if listed.
  public func resource(_ name: String) -> Resource? {
    resources.first { $0.name == name }
  }

  /// Logic cells (a 4-input LUT, a carry and a flip-flop each).
  public var logicCells: Resource? { resource("ICESTORM_LC") }
  /// 4-kbit block RAMs.
  public var blockRAMs: Resource? { resource("ICESTORM_RAM") }
  /// I/O cells.
  public var ioCells: Resource? { resource("SB_IO") }

  /// The design's maximum clock frequency: the slowest clock's, nil without clocks.
  public var fmaxMHz: Double? { clocks.map(\.achievedMHz).min() }

  /// `clk$SB_IO_IN_$glb_clk` → `clk`: the net name before nextpnr's first `$` suffix.
  static func clockName(_ net: String) -> String {
    let base = net.split(separator: "$", maxSplits: 1, omittingEmptySubsequences: false).first
    return base.map(String.init).flatMap { $0.isEmpty ? nil : $0 } ?? net
  }

  /// The fields of nextpnr's `--report` JSON that the summary reads.
  private struct NextpnrReport: Decodable {
    struct Count: Decodable {
      var used: Int
      var available: Int
    }
    struct Timing: Decodable {
      var achieved: Double
      var constraint: Double
    }
    var utilization: [String: Count]
    var fmax: [String: Timing]?
  }
}
