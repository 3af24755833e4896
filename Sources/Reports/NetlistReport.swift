/// What a netlist costs in hardware, as data: cell counts at word and gate level, 2-input-gate
/// equivalents under named cost tables, logic depth and latency, every signal's width next to
/// the width its value range needs, and optionally Yosys's numbers for the same design.
///
/// Built by ``make(for:optimize:invocation:)``; printed by ``render(_:signalLimit:)`` as
/// text (for the terminal), Markdown or JSON. The JSON form carries every field, including
/// the generator version and the command line; the text and Markdown forms bound the
/// per-signal listing.
public struct NetlistReport: Codable, Hashable, Sendable {
  /// `bittrue-netlist-report`.
  public var format: String
  /// Layout version of this record (1).
  public var version: Int
  /// The generator, for example `bittrue Reports 0.1.0`.
  public var generator: String
  /// The command line that produced the report (program name first), as the caller passed it.
  public var invocation: [String]
  /// The reported netlist's interface and size.
  public var design: DesignSummary
  /// What `--optimize` did, when it ran.
  public var optimization: OptimizationSummary?
  /// Word-level cells: adders, multipliers, comparators, registers, constants, …
  public var wordLevel: WordLevelCells
  /// Gate-level cells of the bit-blasted, optimised copy, with costs.
  public var gateLevel: GateLevelCells
  /// Logic depth and latency.
  public var timing: TimingSummary
  /// Declared signal widths against the widths their value ranges need.
  public var widths: SignalWidths
  /// The cost tables the gate-level costs use, with their definitions.
  public var costTables: [CostTable]
  /// Yosys's synthesis numbers for the same design, when the cross-check ran.
  public var yosys: YosysComparison?
  /// The design's regions (a model's layers, …), each measured alone, when the lowering
  /// lists them (see ``RegionCells``).
  public var regions: [RegionCells]? = nil
  /// The design placed and routed on an iCE40 part by nextpnr, when that ran.
  public var placeRoute: PlaceRouteSummary? = nil

  /// `bittrue-netlist-report`.
  package static let formatName = "bittrue-netlist-report"
  /// The Reports version written into every report.
  package static let generatorVersion = "0.1.0"
}

/// A named count.
public struct NamedCount: Codable, Hashable, Sendable {
  /// What is counted.
  public var name: String
  /// How many.
  public var count: Int

  /// A count.
  public init(_ name: String, _ count: Int) {
    self.name = name
    self.count = count
  }
}
