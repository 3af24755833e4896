import ArgumentParser
import BitTrue
import Foundation

/// A data set encoded as bits for a logic net: the shared `--dataset`/`--encoding` options
/// turned into sample-major 0/1 bytes.
///
/// Thermometer encoding gives bits directly. Raw encoding gives each feature's integer in
/// two's complement at the width the raw encoder reports, least significant bit first, so
/// binary (0/1) features stay one bit each. Fixed-point encoding gives each feature's code in
/// two's complement at the format's width, least significant bit first.
struct LogicData {
  /// A split: sample-major bits and labels.
  struct Split {
    /// `bits[s · inputBits + i]`, each 0 or 1.
    var bits: [UInt8]
    /// One label per sample.
    var labels: [Int32]
    /// Number of samples.
    var count: Int { labels.count }
  }

  /// The loaded data set (names, split, class count).
  let dataset: Dataset
  /// Bits per encoded sample.
  let inputBits: Int
  /// The training split.
  let train: Split
  /// The test split.
  let test: Split
  /// A one-line description: data set, split, encoding, bit count.
  let description: String

  /// Loads and encodes the data set the options name.
  init(_ options: DatasetOptions) throws {
    let (dataset, encoder) = try options.loadFitted()
    self.dataset = dataset
    self.inputBits = encoder.inputBitCount
    func encode(_ samples: LabeledSamples) -> Split {
      let bits: [UInt8]
      switch encoder.encode(samples.inputs) {
      case .bits(let matrix): bits = matrix.sampleMajorBytes()
      case .integers(let matrix):
        switch encoder {
        case .raw(let raw): bits = LogicData.binary(matrix, widths: raw.bitWidths)
        case .fixedPoint(let fixed):
          let widths = [Int](repeating: fixed.scaling.format.width, count: fixed.featureCount)
          bits = LogicData.binary(matrix, widths: widths)
        case .thermometer: preconditionFailure("thermometer inputs are bits")
        }
      }
      return Split(bits: bits, labels: samples.labels.map { Int32($0) })
    }
    train = encode(dataset.train)
    test = encode(dataset.test)
    let encodingText: String
    switch options.inputEncoding {
    case .raw: encodingText = "raw integers as bits"
    case .thermometer(let k, let placement):
      encodingText = "thermometer, \(k) \(placement.rawValue) threshold(s) per feature"
    case .fixedPoint(let scaling): encodingText = "fixed-point \(scaling.format) codes as bits"
    }
    let crop = options.cropBorder > 0 ? " (border of \(options.cropBorder) cropped)" : ""
    description =
      "\(dataset.name)\(crop): \(train.count) train / \(test.count) test samples, \(dataset.classCount) "
      + "classes, \(encodingText) → \(inputBits) input bits"
  }

  /// Each row's integers as bits, LSB first within each feature's width.
  static func binary(_ matrix: IntMatrix, widths: [Int]) -> [UInt8] {
    let total = widths.reduce(0, +)
    var out = [UInt8](repeating: 0, count: matrix.rows * total)
    for r in 0..<matrix.rows {
      var bit = r * total
      for (c, width) in widths.enumerated() {
        let value = UInt32(bitPattern: matrix[r, c])
        for j in 0..<width { out[bit + j] = UInt8(truncatingIfNeeded: value >> UInt32(j) & 1) }
        bit += width
      }
    }
    return out
  }
}
