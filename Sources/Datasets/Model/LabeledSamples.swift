/// Samples with their class labels: row `i` of ``inputs`` has label `labels[i]`.
public struct LabeledSamples: Equatable, Sendable {
  /// One row per sample.
  public let inputs: IntMatrix
  /// One class label per sample, each in `0 ..< classCount` of its data set.
  public let labels: [Int]

  /// Samples from a matrix and matching labels.
  public init(inputs: IntMatrix, labels: [Int]) {
    precondition(inputs.rows == labels.count, "one label per row")
    self.inputs = inputs
    self.labels = labels
  }

  /// Number of samples.
  public var count: Int { labels.count }

  /// The samples at `indices`, in that order.
  package func selecting(_ indices: [Int]) -> LabeledSamples {
    LabeledSamples(inputs: inputs.selecting(rows: indices), labels: indices.map { labels[$0] })
  }

  /// The first `count` samples (all of them when there are fewer).
  public func prefix(_ count: Int) -> LabeledSamples {
    let kept = inputs.prefix(rows: count)
    return LabeledSamples(inputs: kept, labels: Array(labels[0..<kept.rows]))
  }

  /// How many samples each class has: element `k` counts label `k`.
  public func classCounts(classCount: Int) -> [Int] {
    var counts = [Int](repeating: 0, count: classCount)
    for label in labels { counts[label] += 1 }
    return counts
  }
}
