/// Training or test data for a logic net: per sample, one value in [0, 1] per input and a
/// class label.
///
/// Binary data (0/1) is the usual case. Values in between are treated as probabilities by the
/// relaxed training forward pass (difflogic trains MNIST on grey values this way); the
/// discretised net sees `value > 0.5` (difflogic's `round()`, which rounds 0.5 to 0).
public struct LogicDataset: Sendable {
  /// The number of inputs per sample.
  public let inputs: Int
  /// Sample-major values: `values[s · inputs + i]`.
  public let values: [Float]
  /// One class label per sample.
  public let labels: [Int32]

  /// The number of samples.
  public var count: Int { labels.count }

  /// Data from sample-major 0/1 bytes (any non-zero byte is 1).
  public init(bits: [UInt8], inputs: Int, labels: [Int32]) throws(LogicNetsError) {
    try self.init(values: bits.map { $0 == 0 ? 0 : 1 }, inputs: inputs, labels: labels)
  }

  /// Data from sample-major values in [0, 1].
  public init(values: [Float], inputs: Int, labels: [Int32]) throws(LogicNetsError) {
    guard inputs >= 1 else { throw .invalidData("inputs must be at least 1") }
    guard values.count == inputs * labels.count else {
      throw .invalidData(
        "\(values.count) values for \(labels.count) samples of \(inputs) inputs")
    }
    if let bad = values.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
      throw .invalidData(
        "sample \(bad / inputs), input \(bad % inputs): value \(values[bad]) is outside [0, 1]")
    }
    if let bad = labels.firstIndex(where: { $0 < 0 }) {
      throw .invalidData("sample \(bad): negative label \(labels[bad])")
    }
    self.inputs = inputs
    self.values = values
    self.labels = labels
  }

  /// The samples rounded to bits (`value > 0.5`) and packed feature-major for the
  /// discretised net.
  package var packedBits: BitMatrix {
    BitMatrix(sampleMajor: values.map { $0 > 0.5 ? 1 : 0 }, features: inputs)
  }

  /// The first `n` samples (all when `n >= count`).
  public func prefix(_ n: Int) -> LogicDataset {
    let m = min(max(n, 0), count)
    return try! LogicDataset(
      values: Array(values[..<(m * inputs)]), inputs: inputs, labels: Array(labels[..<m]))
  }
}
