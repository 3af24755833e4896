/// A named, contiguous range of a netlist's nodes that a lowering built for one part of a
/// model — a layer, the output affine, the argmax — with counts the model itself gives
/// (e.g. a layer's −1 weights). Reports measure each region on its own
/// (`Reports.RegionCells`), so any lowering (fully unrolled or folded) can attribute its
/// hardware by listing the ranges it appended.
public struct NetlistRegion: Hashable, Sendable {
  /// The region in reports: `layer 0`, `argmax`, …
  public var name: String
  /// The positions of its nodes in ``Netlist/nodes``.
  public var nodes: Range<Int>
  /// Model-level counts, in report order (name, count).
  public var counts: [ModelCount]

  /// A region.
  public init(name: String, nodes: Range<Int>, counts: [ModelCount] = []) {
    self.name = name
    self.nodes = nodes
    self.counts = counts
  }

  /// One model-level count of a region.
  public struct ModelCount: Hashable, Sendable {
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
}
