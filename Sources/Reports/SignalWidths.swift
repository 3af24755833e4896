import FixedPoint
import NetlistIR
import NetlistPasses

/// Every signal's declared width next to the width its value range needs
/// (``NetlistPasses/RangeAnalysis``), with totals.
public struct SignalWidths: Codable, Hashable, Sendable {
  /// The smallest and largest value of a signal under one reading, in decimal.
  public struct Bounds: Codable, Hashable, Sendable {
    /// The smallest value.
    public var low: String
    /// The largest value.
    public var high: String

    /// Bounds from their decimal spellings.
    public init(low: String, high: String) {
      self.low = low
      self.high = high
    }

    init(_ r: ClosedRange<BigInt>) {
      self.init(low: r.lowerBound.description, high: r.upperBound.description)
    }
  }

  /// One signal (one node).
  public struct Signal: Codable, Hashable, Sendable {
    /// The node, `%N`.
    public var node: String
    /// Its name or port name, if any.
    public var name: String?
    /// Its op mnemonic.
    public var op: String
    /// Its category: one of ``WordLevelCells/categoryNames``, or `ports`.
    public var category: String
    /// Declared width.
    public var width: Int
    /// The fewest bits that hold every value of its range, in the better reading.
    public var needed: Int
    /// That reading: `unsigned` or `signed`.
    public var reading: String
    /// The range read unsigned.
    public var unsigned: Bounds
    /// The range read as two's complement.
    public var signed: Bounds

    /// The bits the range does not need.
    public var spare: Int { width - needed }
  }

  /// Signals (nodes).
  public var signals: Int
  /// Total declared bits.
  public var declaredBits: Int
  /// Total bits the ranges need.
  public var neededBits: Int
  /// Logic and register signals (not ports, constants or wiring) whose range needs fewer
  /// bits than declared.
  public var narrowable: Int
  /// Their spare bits in total.
  public var spareBits: Int
  /// Every signal, in node order.
  public var listing: [Signal]

  /// The categories whose spare bits cost nothing: ports (the interface), constants and
  /// wiring (extension bits are zeros or copies of the sign).
  static let costFree: Set<String> = ["ports", "constants", "wiring"]

  /// The widths of `netlist`'s signals, from its ranges.
  init(_ netlist: Netlist, ranges: [ValueRange]) {
    var listing: [Signal] = []
    listing.reserveCapacity(netlist.nodes.count)
    var narrowable = 0
    var spareBits = 0
    for id in netlist.ids {
      let node = netlist[id]
      let range = ranges[id.int]
      let (needed, reading) = range.narrowest
      let category = WordLevelCells.category(of: node.op).map { WordLevelCells.categoryNames[$0] }
      let signal = Signal(
        node: id.description, name: node.name ?? netlist.portName(id), op: node.op.mnemonic,
        category: category ?? "ports", width: node.width, needed: needed,
        reading: reading == .unsigned ? "unsigned" : "signed",
        unsigned: Bounds(range.unsigned), signed: Bounds(range.signed))
      if signal.spare > 0 && !Self.costFree.contains(signal.category) {
        narrowable += 1
        spareBits += signal.spare
      }
      listing.append(signal)
    }
    signals = listing.count
    declaredBits = listing.reduce(0) { $0 + $1.width }
    neededBits = listing.reduce(0) { $0 + $1.needed }
    self.narrowable = narrowable
    self.spareBits = spareBits
    self.listing = listing
  }

  /// The `limit` widest signals, widest first (ties in node order).
  public func widest(_ limit: Int) -> [Signal] {
    Array(
      listing.enumerated().sorted { a, b in
        a.element.width != b.element.width ? a.element.width > b.element.width : a.offset < b.offset
      }.prefix(limit).map(\.element))
  }

  /// The `limit` logic and register signals with the most spare bits, most first (ties in
  /// node order); only signals with spare bits (see ``narrowable``).
  package func mostSpare(_ limit: Int) -> [Signal] {
    let candidates = listing.enumerated().filter {
      $0.element.spare > 0 && !Self.costFree.contains($0.element.category)
    }
    return Array(
      candidates.sorted { a, b in
        a.element.spare != b.element.spare ? a.element.spare > b.element.spare : a.offset < b.offset
      }.prefix(limit).map(\.element))
  }
}
