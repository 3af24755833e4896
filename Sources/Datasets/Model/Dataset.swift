/// A loaded data set: feature layout, class count, and its train and test splits.
public struct Dataset: Sendable {
  /// How the rows were divided into training and test samples.
  public enum Split: Equatable, Sendable {
    /// The data set's own training and test files (MNIST, MONK's).
    case official
    /// A seeded 80/20 split of all rows (see ``SeededSplit``).
    case seeded(seed: UInt64)
  }

  /// The data-set name (`digits`, `monks-2`, …) or the file name for a direct path.
  public let name: String
  /// The files read, in order (training data first).
  public let files: [String]
  /// One description per input column.
  public let features: [FeatureColumn]
  /// Number of classes; labels are `0 ..< classCount`.
  public let classCount: Int
  /// How train and test were formed.
  public let split: Split
  /// Training samples (after `limit`, when one was given).
  public let train: LabeledSamples
  /// Test samples.
  public let test: LabeledSamples
  /// Training samples before `limit` was applied.
  public let trainCountBeforeLimit: Int

  /// A data set from its parts.
  public init(
    name: String, files: [String], features: [FeatureColumn], classCount: Int, split: Split,
    train: LabeledSamples, test: LabeledSamples, trainCountBeforeLimit: Int
  ) {
    precondition(train.inputs.columns == features.count && test.inputs.columns == features.count)
    self.name = name
    self.files = files
    self.features = features
    self.classCount = classCount
    self.split = split
    self.train = train
    self.test = test
    self.trainCountBeforeLimit = trainCountBeforeLimit
  }

  /// Rows read from the files (training before `limit`, plus test).
  public var rowCount: Int { trainCountBeforeLimit + test.count }
}
