import BitTrue

/// A data set as WAGEUBN input codes: every feature `x` becomes
/// `clamp(round(128·x / m), ±127)` (ties to even) with `m` the largest feature magnitude of
/// the training split (255 for MNIST: `x/255` on the 8-bit grid `2^−7`).
struct WageubnData: Sendable {
  /// The loaded data set (name, classes).
  let dataset: Dataset
  /// The training samples.
  let train: WAGEUBNSamples
  /// The test samples.
  let test: WAGEUBNSamples
  /// One line: data set, split sizes, features, classes, scale.
  let description: String

  /// Loads the data set the options name (raw features only).
  init(_ options: DatasetOptions) throws {
    guard options.encoding == .raw else {
      throw CommandFailure(
        description:
          "wageubn train reads the raw features (scaled onto the 2^-7 grid); drop --encoding")
    }
    let dataset: Dataset
    do { dataset = try options.load() } catch let error as DatasetError {
      throw CommandFailure(description: error.description)
    }
    self.dataset = dataset
    let features = dataset.train.inputs.columns
    var largest: Int64 = 0
    dataset.train.inputs.forEachRow { _, row in
      for v in row { largest = max(largest, Int64(v.magnitude)) }
    }
    let scale = max(largest, 1)
    func encode(_ samples: LabeledSamples) -> WAGEUBNSamples {
      var codes = [Int8](repeating: 0, count: samples.count * features)
      samples.inputs.forEachRow { r, row in
        for (i, v) in row.enumerated() {
          codes[r * features + i] = Int8(WageubnData.code(Int64(v), scale: scale))
        }
      }
      return WAGEUBNSamples(codes: codes, labels: samples.labels, features: features)
    }
    train = encode(dataset.train)
    test = encode(dataset.test)
    description =
      "\(dataset.name): \(train.count) train / \(test.count) test samples, \(features) features, "
      + "\(dataset.classCount) classes, inputs round(128·x/\(scale)) on the 2^-7 grid"
  }

  /// `clamp(round(128·x / scale), ±127)`, ties to even.
  static func code(_ x: Int64, scale: Int64) -> Int64 {
    let q = IntegerRounding.divide(128 * x, by: scale, mode: .rndConv)
    return max(-127, min(127, q))
  }
}
