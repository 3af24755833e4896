import ArgumentParser
import BitTrue
import Foundation

/// Reads a discretised net from an interchange file or a trained model file.
func loadNet(_ path: String) throws -> DiscreteLogicNet {
  guard let data = FileManager.default.contents(atPath: path) else {
    throw ValidationError("cannot read '\(path)'")
  }
  do {
    if String(decoding: data.prefix(4096), as: UTF8.self).contains(LogicNetModel.fileFormat) {
      return try LogicNetModel.load(fileData: data).model.discretized()
    }
    return try DiscreteLogicNet(interchangeJSON: data)
  } catch let error as LogicNetsError {
    throw ValidationError("\(path): \(error.description)")
  }
}

/// `bittrue logic eval`: runs a discretised net on 0/1 samples.
struct LogicEvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Evaluate a discretised logic net (64 samples per word) on 0/1 CSV samples.",
    discussion: """
      Scores are per-class counts of true outputs (GroupSum before the division by tau); the \
      class is the first class with the largest count (ties go to the lowest index).
      """)

  @Option(help: "Interchange net (difflogic-net JSON) or trained model file.")
  var model: String
  @Option(help: "CSV with one sample of 0/1 values per row.")
  var inputs: String
  @Flag(help: "The last column of the inputs is the label; print the accuracy.")
  var labels = false
  @Option(help: "Write per-sample class counts and the predicted class here (CSV).")
  var scores: String?

  func run() throws {
    let net = try loadNet(model)
    let samples = try BinaryCSV(path: inputs, hasLabels: labels)
    guard samples.features == net.inputs else {
      throw ValidationError(
        "\(inputs): \(samples.features) feature columns, the net has \(net.inputs) inputs")
    }
    let packed = PackedBits(sampleMajor: samples.bits, features: samples.features)
    let counts = net.counts(packed)
    let predicted = DiscreteLogicNet.firstArgmax(counts, classes: net.classes)
    if let scores {
      var text = (0..<net.classes).map { "count\($0)" }.joined(separator: ",") + ",class\n"
      for s in 0..<samples.count {
        let row = counts[s * net.classes..<(s + 1) * net.classes].map(String.init)
        text += row.joined(separator: ",") + ",\(predicted[s])\n"
      }
      try writeAtomically(text, to: scores)
    }
    print("samples: \(samples.count), gates: \(net.gateCount)")
    if labels {
      let correct = zip(predicted, samples.labels).filter { $0.0 == Int($0.1) }.count
      let percent = (Double(correct) / Double(samples.count) * 10000).rounded() / 100
      print("accuracy: \(percent)%")
    }
  }
}

/// `bittrue logic export`: discretises a trained model into the interchange format.
struct LogicExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the discretised net of a model (or net) file as difflogic-net JSON.")

  @Option(help: "Trained model file (or interchange net).")
  var model: String
  @Option(help: "Where to write the interchange JSON.")
  var out: String

  func run() throws {
    let net = try loadNet(model)
    try writeAtomically(net.interchangeJSON(), to: out)
    print("gates: \(net.gateCount), layers: \(net.layers.count), classes: \(net.classes)")
  }
}
