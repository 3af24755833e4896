import BitTrue
import Foundation

/// The samples of `bittrue bnn eval`: one value per model input and sample, exactly as the
/// net's input receives it (0/1 for bit inputs, the integers of a `uint`/`int` input), from
/// a CSV file or a data set's test split.
struct BnnSamples {
  /// `values[s·inputs + i]`.
  var values: [Int]
  /// One label per sample, when known.
  var labels: [Int32]?
  /// Number of samples.
  var count: Int
  /// Where they came from, for the summary.
  var source: String

  /// The values a net's input accepts.
  static func range(of input: InputFormat) -> ClosedRange<Int> {
    switch input {
    case .bits: return 0...1
    case .integers(let bits, let signed):
      return signed ? -(1 << (bits - 1))...((1 << (bits - 1)) - 1) : 0...((1 << bits) - 1)
    }
  }

  /// The input in words: `bits`, `uint8`, `int4`.
  static func name(of input: InputFormat) -> String {
    switch input {
    case .bits: return "bits"
    case .integers(let bits, let signed): return "\(signed ? "int" : "uint")\(bits)"
    }
  }

  /// Samples from a CSV file (with labels in the last column when `labels`).
  init(csv path: String, labels: Bool, net: BinarizedNet) throws {
    let csv: IntegerSampleCSV
    do {
      csv = try IntegerSampleCSV.read(
        path, range: Self.range(of: net.input), hasLabels: labels, classCount: net.classes)
    } catch let error as DatasetError {
      throw CommandFailure(description: error.description)
    }
    guard csv.featureCount == net.inputs else {
      throw CommandFailure(
        description:
          "\(path): \(csv.featureCount) feature columns, the net has \(net.inputs) inputs")
    }
    self.init(values: csv.values, labels: csv.labels, count: csv.count, source: path)
  }

  /// The test split of the data set `options` name, encoded as they say: bits (thermometer,
  /// or raw and fixed-point codes as bits, as `logic eval` does) for a bit net; the raw
  /// integers or fixed-point codes for an integer net, which must lie in its input range.
  init(dataset options: DatasetOptions, net: BinarizedNet) throws {
    guard net.input.isInteger else {
      let loaded = try LogicData(options)
      guard loaded.inputBits == net.inputs else {
        throw CommandFailure(
          description:
            "\(loaded.dataset.name) encodes to \(loaded.inputBits) bits, the net has "
            + "\(net.inputs) inputs (use the encoding options the net was trained with)")
      }
      self.init(
        values: loaded.test.bits.map { Int($0) }, labels: loaded.test.labels,
        count: loaded.test.count, source: "\(loaded.dataset.name) test split")
      return
    }
    let (dataset, encoder) = try options.loadFitted()
    let encoded = encoder.encode(dataset.test.inputs)
    let input = Self.name(of: net.input)
    guard case .integers(let matrix) = encoded else {
      throw CommandFailure(
        description:
          "the net takes \(input) inputs: use --encoding raw or fixed, not thermometer bits")
    }
    guard matrix.columns == net.inputs else {
      throw CommandFailure(
        description:
          "\(dataset.name) has \(matrix.columns) features, the net has \(net.inputs) inputs")
    }
    let range = Self.range(of: net.input)
    let values = matrix.values.map { Int($0) }
    if let bad = values.firstIndex(where: { !range.contains($0) }) {
      throw CommandFailure(
        description:
          "\(dataset.name) test sample \(bad / matrix.columns), feature \(bad % matrix.columns): "
          + "\(values[bad]) is outside the net's \(input) range "
          + "\(range.lowerBound)...\(range.upperBound)")
    }
    self.init(
      values: values, labels: dataset.test.labels.map { Int32($0) }, count: matrix.rows,
      source: "\(dataset.name) test split")
  }

  init(values: [Int], labels: [Int32]?, count: Int, source: String) {
    self.values = values
    self.labels = labels
    self.count = count
    self.source = source
  }
}
