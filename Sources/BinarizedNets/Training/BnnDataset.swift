/// Samples for training or evaluating a binarized net: each sample's input values exactly as
/// the integer net receives them (0/1 for a ``InputFormat/bits`` net, the integers
/// otherwise) and its class.
public struct BnnDataset: Sendable, Hashable {
  /// Values per sample.
  public let inputs: Int
  /// `values[s·inputs + i]`.
  public let values: [Int]
  /// One class per sample.
  public let labels: [Int]

  /// A data set; `values` must hold `labels.count × inputs` values.
  public init(inputs: Int, values: [Int], labels: [Int]) throws(BnnTrainingError) {
    guard inputs >= 1, values.count == labels.count * inputs else {
      throw .invalidData(
        "\(values.count) input values for \(labels.count) samples of \(inputs) inputs")
    }
    self.inputs = inputs
    self.values = values
    self.labels = labels
  }

  /// The number of samples.
  public var count: Int { labels.count }

  /// The first `n` samples.
  public func prefix(_ n: Int) -> BnnDataset {
    let k = min(n, count)
    return BnnDataset(trusted: inputs, Array(values[..<(k * inputs)]), Array(labels[..<k]))
  }

  /// Samples `range`.
  public func slice(_ range: Range<Int>) -> BnnDataset {
    BnnDataset(
      trusted: inputs, Array(values[(range.lowerBound * inputs)..<(range.upperBound * inputs)]),
      Array(labels[range]))
  }

  private init(trusted inputs: Int, _ values: [Int], _ labels: [Int]) {
    self.inputs = inputs
    self.values = values
    self.labels = labels
  }
}
