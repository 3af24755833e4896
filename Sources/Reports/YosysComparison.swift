import Foundation

/// Yosys's numbers for the same design: the emitted Verilog synthesised and mapped to
/// two-input gates, and synthesised for an iCE40 FPGA (4-input LUTs).
///
/// Reports only builds the scripts and reads Yosys's `stat -json` output; running Yosys is
/// the caller's job (the CLI's `--yosys`).
public struct YosysComparison: Codable, Hashable, Sendable {
  /// One Yosys run.
  public struct Run: Codable, Hashable, Sendable {
    /// The script it ran, one command per element.
    public var script: [String]
    /// Cells by type (Yosys names), sorted by name.
    public var cells: [NamedCount]
    /// All cells.
    public var totalCells: Int
  }

  /// Yosys's version line, for example `Yosys 0.23 (git sha1 7ce5011c24b)`.
  public var version: String
  /// The gate-mapping run (``gateScript(files:top:statFile:)``).
  public var gateRun: Run
  /// Two-input gate cells of the gate-mapping run.
  public var twoInputGates: Int
  /// `$_NOT_` cells of the gate-mapping run.
  public var not: Int
  /// Flip-flop cells of the gate-mapping run (one per register bit).
  public var flipFlops: Int
  /// The iCE40 run (``ice40Script(files:top:statFile:)``).
  public var ice40Run: Run
  /// `SB_LUT4` cells.
  public var luts: Int
  /// `SB_CARRY` cells (the iCE40 carry chain, beside the LUTs).
  public var carries: Int
  /// `SB_DFF…` cells.
  public var ice40FlipFlops: Int

  /// The gate set of the mapping: every non-trivial two-input function up to input order
  /// (`ANDNOT` is `a ∧ ¬b`, `ORNOT` is `a ∨ ¬b`), the same cells bittrue counts as
  /// two-input gates; ABC adds `NOT` where it needs one.
  public static let gateSet = "AND,NAND,OR,NOR,XOR,XNOR,ANDNOT,ORNOT"

  /// The Yosys cell names of the two-input gates of ``gateSet``.
  static let twoInputCells = Set(gateSet.split(separator: ",").map { "$_\($0)_" })

  /// Synthesis flattened to one module, mapped by ABC to ``gateSet``, statistics written
  /// as JSON to `statFile`.
  public static func gateScript(files: [String], top: String, statFile: String) -> [String] {
    files.map { "read_verilog \($0)" } + [
      "synth -flatten -top \(top)", "abc -g \(gateSet)", "opt_clean",
      "tee -q -o \(statFile) stat -json",
    ]
  }

  /// iCE40 synthesis (`synth_ice40`, flattened), statistics written as JSON to `statFile`.
  public static func ice40Script(files: [String], top: String, statFile: String) -> [String] {
    files.map { "read_verilog \($0)" } + [
      "synth_ice40 -top \(top)", "tee -q -o \(statFile) stat -json",
    ]
  }

  /// The comparison from the scripts that ran and the `stat -json` texts they wrote.
  public init(
    gateScript: [String], gateStatistics: String, ice40Script: [String],
    ice40Statistics: String
  ) throws(ReportError) {
    let gates = try Self.statistics(gateStatistics)
    let ice40 = try Self.statistics(ice40Statistics)
    version = gates.creator
    gateRun = Run(script: gateScript, counts: gates.cells)
    ice40Run = Run(script: ice40Script, counts: ice40.cells)
    twoInputGates = gates.cells.filter { Self.twoInputCells.contains($0.key) }.map(\.value)
      .reduce(0, +)
    not = gates.cells["$_NOT_"] ?? 0
    flipFlops = gates.cells.filter { $0.key.contains("DFF") }.map(\.value).reduce(0, +)
    luts = ice40.cells["SB_LUT4"] ?? 0
    carries = ice40.cells["SB_CARRY"] ?? 0
    ice40FlipFlops = ice40.cells.filter { $0.key.hasPrefix("SB_DFF") }.map(\.value).reduce(0, +)
  }

  /// The fields of `stat -json` that the comparison reads.
  private struct Statistics: Decodable {
    struct Design: Decodable {
      var num_cells_by_type: [String: Int]?
    }
    var creator: String
    var design: Design
  }

  /// The version line and the design's cells by type from `stat -json` output.
  static func statistics(_ text: String) throws(ReportError) -> (
    creator: String, cells: [String: Int]
  ) {
    do {
      let parsed = try JSONDecoder().decode(Statistics.self, from: Data(text.utf8))
      return (parsed.creator, parsed.design.num_cells_by_type ?? [:])
    } catch {
      throw .yosysStatistics(
        "not the output of 'stat -json' (\(ReportError.decodingReason(error)))")
    }
  }
}

extension YosysComparison.Run {
  /// A run from its script and cell counts.
  init(script: [String], counts: [String: Int]) {
    self.script = script
    cells = counts.keys.sorted().map { NamedCount($0, counts[$0]!) }
    totalCells = counts.values.reduce(0, +)
  }
}
