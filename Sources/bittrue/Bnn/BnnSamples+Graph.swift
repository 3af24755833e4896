import ArgumentParser
import BitTrue
import Foundation

/// `--input-scale`: `A/B` (divide by B after multiplying by A) or a decimal factor.
struct InputScale: ExpressibleByArgument, Equatable {
  /// The factor, then the divisor (both finite float32, the divisor positive).
  var factor: Float
  var divisor: Float

  /// The identity: the value itself.
  static let one = InputScale(factor: 1, divisor: 1)

  private init(factor: Float, divisor: Float) {
    self.factor = factor
    self.divisor = divisor
  }

  init?(argument: String) {
    let parts = argument.split(separator: "/", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), let factor = Float(parts[0]), factor.isFinite else {
      return nil
    }
    let divisor = parts.count == 2 ? Float(parts[1]) : 1
    guard let divisor, divisor.isFinite, divisor > 0 else { return nil }
    self.factor = factor
    self.divisor = divisor
  }

  /// `(value × factor) ÷ divisor + offset`, each step rounded to float32.
  func apply(_ value: Float, offset: Float) -> Float { value * factor / divisor + offset }
}

/// The samples of `bittrue bnn eval` for an imported QONNX graph: floats as the graph's input
/// receives them, turned into the net's inputs by the graph's input quantizer (as the
/// exporting framework's forward pass does).
extension BnnSamples {
  /// Floats from a CSV file (with labels in the last column when `labels`).
  init(
    floatCSV path: String, labels: Bool, net: BinarizedNet, quantizer: GraphInputQuantizer
  ) throws {
    let csv: FloatSampleCSV
    do {
      csv = try FloatSampleCSV.read(path, hasLabels: labels, classCount: net.classes)
    } catch let error as DatasetError {
      throw CommandFailure(description: error.description)
    }
    guard csv.featureCount == net.inputs else {
      throw CommandFailure(
        description:
          "\(path): \(csv.featureCount) feature columns, the net has \(net.inputs) inputs")
    }
    self.init(
      values: try Self.codes(csv.values, net: net, quantizer, source: path),
      labels: csv.labels, count: csv.count,
      source: "\(path), through the graph's \(quantizer.description)")
  }

  /// The test split of the data set `options` name: each feature's exact value (e.g. a
  /// pixel 0...16) rounded to float32, scaled by `scale` and shifted by `offset`.
  init(
    dataset options: DatasetOptions, net: BinarizedNet, quantizer: GraphInputQuantizer,
    scale: InputScale, offset: Float
  ) throws {
    guard options.encoding == .raw else {
      throw CommandFailure(
        description:
          "a QONNX model quantizes its float input itself: leave out --encoding (the data "
          + "set's values, scaled by --input-scale, are its input)")
    }
    let dataset: Dataset
    do {
      dataset = try options.load()
    } catch let error as DatasetError {
      throw CommandFailure(description: error.description)
    }
    let matrix = dataset.test.inputs
    guard matrix.columns == net.inputs else {
      throw CommandFailure(
        description:
          "\(dataset.name) has \(matrix.columns) features, the net has \(net.inputs) inputs")
    }
    let places = dataset.features.map(\.decimalPlaces)
    var floats: [Float] = []
    floats.reserveCapacity(matrix.values.count)
    for (i, m) in matrix.values.enumerated() {
      // m·10^−d correctly rounded, as Float(String) rounds decimal text.
      let value = Float("\(m)e-\(places[i % matrix.columns])") ?? .nan
      floats.append(scale.apply(value, offset: offset))
    }
    self.init(
      values: try Self.codes(floats, net: net, quantizer, source: dataset.name),
      labels: dataset.test.labels.map { Int32($0) }, count: matrix.rows,
      source: "\(dataset.name) test split, through the graph's \(quantizer.description)")
  }

  /// The net's inputs of every sample of `floats`.
  private static func codes(
    _ floats: [Float], net: BinarizedNet, _ quantizer: GraphInputQuantizer, source: String
  ) throws -> [Int] {
    var codes: [Int] = []
    codes.reserveCapacity(floats.count)
    for s in 0..<(floats.count / net.inputs) {
      guard let row = quantizer.codes(Array(floats[(s * net.inputs)..<((s + 1) * net.inputs)]))
      else {
        throw CommandFailure(description: "\(source): sample \(s) has a value that is NaN")
      }
      codes += row
    }
    return codes
  }
}
