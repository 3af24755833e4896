import ArgumentParser
import BitTrue
import Foundation

/// `bittrue logic train`: trains a logic-gate network on 0/1 CSV data.
struct LogicTrainCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a logic-gate network (difflogic relaxation, Adam) on 0/1 CSV data.")

  @Option(help: "Training CSV: 0/1 feature columns, then the integer label.")
  var train: String
  @Option(help: "Test CSV (same columns); reported, never used to pick the checkpoint.")
  var test: String?
  @Option(help: "Neurons per layer, e.g. 64,64,64 or 8000x6.")
  var layers: String = "64x4"
  @Option(help: "Number of classes (default: largest training label + 1).")
  var classes: Int?
  @Option(help: "GroupSum temperature.")
  var tau: Float = 1
  @Option(help: "Connection scheme: unique or random.")
  var connections: String = "random"
  @Option(help: "Logit initialisation: gaussian or residual (z = 5 on the pass-through gate).")
  var initialization: String = "gaussian"
  @Option(help: "Adam steps.")
  var iterations: Int = 1000
  @Option(help: "Mini-batch size.")
  var batch: Int = 100
  @Option(help: "Adam learning rate.")
  var lr: Float = 0.01
  @Option(help: "Seed of connections, initial logits and shuffles.")
  var seed: UInt64 = 0
  @Option(help: "Concurrent tasks (results do not depend on it).")
  var threads: Int = 1
  @Option(help: "Fixed batch partitions (results depend on it; default 2).")
  var partitions: Int = 2
  @Option(help: "Evaluate the discretised net every N steps (0: at the end).")
  var evalEvery: Int = 0
  @Option(help: "Write the best model (all logits) here.")
  var out: String?
  @Option(help: "Write the best discretised net (interchange JSON) here.")
  var net: String?
  @Option(help: "Write the training curve (SVG) here.")
  var svg: String?
  @Option(help: "Write the training log (one line per evaluation) here.")
  var log: String?
  @Flag(help: "No progress output on stderr.")
  var quiet = false

  func run() async throws {
    let trainData = try BinaryCSV(path: train, hasLabels: true)
    let testData = try test.map { try BinaryCSV(path: $0, hasLabels: true) }
    let config = LogicNetConfig(
      inputs: trainData.features, layerWidths: try parseLayers(layers),
      classes: classes ?? Int(trainData.labels.max()!) + 1, tau: tau,
      connections: try parseScheme(connections), initialization: try parseInit(initialization),
      seed: seed)
    let options = TrainingOptions(
      iterations: iterations, batchSize: batch, learningRate: lr, threads: threads,
      partitions: partitions, evaluationInterval: evalEvery)
    do {
      let trainer = try LogicNetTrainer(model: LogicNetModel(config: config), options: options)
      let showProgress = !quiet && isatty(2) != 0
      let report = try await trainer.train(
        on: trainData.dataset(), test: testData?.dataset()
      ) { progress in
        if let entry = progress.entry, !quiet {
          FileHandle.standardError.write(
            Data(((showProgress ? "\r" : "") + entry.line + "\n").utf8))
        } else if showProgress && progress.iteration % 50 == 0 {
          let line = "\r[\(progress.iteration)/\(progress.iterations)] loss \(progress.loss)"
          FileHandle.standardError.write(Data(line.utf8))
        }
      }
      let best = report.bestModel
      if let out {
        try Data(best.fileData()).write(to: URL(fileURLWithPath: out), options: .atomic)
      }
      if let net { try writeAtomically(best.discretized().interchangeJSON(), to: net) }
      if let log {
        try writeAtomically(report.log.map { $0.line + "\n" }.joined(), to: log)
      }
      if let svg {
        try writeAtomically(TrainingCurveSVG.render(report.log, title: train), to: svg)
      }
      let accuracy = report.best.testAccuracy ?? report.best.trainAccuracy
      let percent = (accuracy * 10000).rounded() / 100
      print("best checkpoint: iteration \(report.best.iteration)")
      print("\(report.best.testAccuracy == nil ? "train" : "test") accuracy: \(percent)%")
      print("weights digest: \(best.weightsDigest)")
    } catch let error as LogicNetsError {
      throw ValidationError(error.description)
    }
  }
}

/// "64,64,32" or "8000x6".
func parseLayers(_ text: String) throws -> [Int] {
  let parts = text.split(separator: "x")
  if parts.count == 2, let width = Int(parts[0]), let count = Int(parts[1]), count >= 1 {
    return Array(repeating: width, count: count)
  }
  let widths = text.split(separator: ",").compactMap { Int($0) }
  guard !widths.isEmpty, widths.count == text.split(separator: ",").count else {
    throw ValidationError("--layers: expected e.g. 64,64,32 or 8000x6, got '\(text)'")
  }
  return widths
}

func parseScheme(_ text: String) throws -> ConnectionScheme {
  guard let scheme = ConnectionScheme(rawValue: text) else {
    throw ValidationError("--connections: expected unique or random, got '\(text)'")
  }
  return scheme
}

func parseInit(_ text: String) throws -> LogitInitialization {
  switch text {
  case "gaussian": return .gaussian
  case "residual": return .residual(z: 5)
  default: throw ValidationError("--initialization: expected gaussian or residual, got '\(text)'")
  }
}
