/// What a reader produces: the feature layout and one sample set per file (or file pair).
package struct LabeledTable: Sendable {
  /// One description per feature column.
  package let features: [FeatureColumn]
  /// The samples of each file, in the order given.
  package let parts: [LabeledSamples]
  /// Number of classes: the one asked for, else the largest label plus one.
  package let classCount: Int

  /// A table from its parts (each part has one column per feature).
  package init(features: [FeatureColumn], parts: [LabeledSamples], classCount: Int) {
    precondition(parts.allSatisfy { $0.inputs.columns == features.count }, "column count")
    self.features = features
    self.parts = parts
    self.classCount = classCount
  }
}
