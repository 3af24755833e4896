/// What a reader produces: the feature layout and one sample set per file (or file pair).
public struct LabeledTable: Sendable {
  /// One description per feature column.
  public let features: [FeatureColumn]
  /// The samples of each file, in the order given.
  public let parts: [LabeledSamples]
  /// Number of classes: the one asked for, else the largest label plus one.
  public let classCount: Int

  /// A table from its parts (each part has one column per feature).
  public init(features: [FeatureColumn], parts: [LabeledSamples], classCount: Int) {
    precondition(parts.allSatisfy { $0.inputs.columns == features.count }, "column count")
    self.features = features
    self.parts = parts
    self.classCount = classCount
  }
}
