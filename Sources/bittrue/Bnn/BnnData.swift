import ArgumentParser
import BitTrue
import Foundation

/// A data set encoded for a binarized net with the shared `--dataset`/`--encoding` options:
/// thermometer bits give a ``InputFormat/bits`` net (one input per bit); raw integers and
/// fixed-point codes give an integer net (`uint`/`int` inputs, as many bits as the widest
/// feature needs, two's complement when any feature is signed).
struct BnnData {
  /// The loaded data set (names, split, class count).
  let dataset: Dataset
  /// What the net's inputs are.
  let input: InputFormat
  /// The training split.
  let train: BnnDataset
  /// The test split.
  let test: BnnDataset
  /// A one-line description: data set, split, encoding, inputs.
  let description: String

  /// Loads and encodes the data set the options name.
  init(_ options: DatasetOptions) throws {
    let (dataset, encoder) = try options.loadFitted()
    self.dataset = dataset
    let encodingText: String
    switch encoder {
    case .thermometer:
      input = .bits
      encodingText = "thermometer bits"
    case .raw(let raw):
      let signed = raw.isSigned.contains(true)
      let bits = zip(raw.bitWidths, raw.isSigned).map { $0 + (signed && !$1 ? 1 : 0) }.max() ?? 1
      guard bits <= 16 else {
        throw CommandFailure(
          description:
            "--encoding raw: the features need \(bits)-bit integers, a net takes at most 16 "
            + "(use --encoding fixed --format …)")
      }
      input = .integers(bits: bits, signed: signed)
      encodingText = "raw integers"
    case .fixedPoint(let fixed):
      let format = fixed.scaling.format
      guard format.width <= 16 else {
        throw CommandFailure(
          description: "--format: a net takes at most 16-bit inputs, got \(format.width)")
      }
      input = .integers(bits: format.width, signed: format.isSigned)
      encodingText = "fixed-point \(format) codes"
    }
    func encode(_ samples: LabeledSamples) throws -> BnnDataset {
      let values: [Int]
      let count: Int
      switch encoder.encode(samples.inputs) {
      case .bits(let matrix):
        values = matrix.sampleMajorBytes().map { Int($0) }
        count = encoder.inputBitCount
      case .integers(let matrix):
        values = matrix.values.map { Int($0) }
        count = matrix.columns
      }
      do throws(BnnTrainingError) {
        return try BnnDataset(inputs: count, values: values, labels: samples.labels)
      } catch {
        throw CommandFailure(description: error.description)
      }
    }
    train = try encode(dataset.train)
    test = try encode(dataset.test)
    let kind: String
    switch input {
    case .bits: kind = "bit"
    case .integers(let bits, let signed): kind = "\(signed ? "int" : "uint")\(bits)"
    }
    let crop = options.cropBorder > 0 ? " (border of \(options.cropBorder) cropped)" : ""
    description =
      "\(dataset.name)\(crop): \(train.count) train / \(test.count) test samples, "
      + "\(dataset.classCount) classes, \(encodingText) → \(train.inputs) \(kind) inputs"
  }
}
