import ArgumentParser
import BitTrue
import Foundation

/// `bittrue logic train`: trains a difflogic-style logic-gate network on a data set.
struct LogicTrainCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a logic-gate network (difflogic relaxation, Adam) on a data set.",
    discussion: """
      Every neuron learns which of the 16 two-input gates it is: a softmax over 16 logits \
      mixes the gates' real-valued relaxations during training; the discretised net uses \
      each neuron's most likely gate. The last layer is split into one contiguous block per \
      class; a class's score is the number of true outputs in its block (GroupSum), divided \
      by --tau for the softmax cross-entropy loss.

      Inputs must be bits: use --encoding thermometer (k thresholds per feature, fitted on \
      the training split) or --encoding raw (each integer's two's-complement bits; 0/1 \
      features stay one bit).

      The discretised net is evaluated every --eval-every steps; the best checkpoint is \
      chosen by training accuracy (on the first 10,000 training samples), or with \
      --validation N by the accuracy on the last N training samples, which are then held \
      out of training. The test split is reported, never used to choose. With --out DIR it \
      writes:
        DIR/model.json   all logits, connections and config (bittrue-logicnet, exact floats)
        DIR/net.json     the discretised net (difflogic-net interchange JSON)
        DIR/curve.svg    loss and accuracy over training
        DIR/train.log    one line per evaluation

      Results depend on --seed and --partitions, never on --threads. The last two lines are \
      `test accuracy: NN.NN%` (discretised net, test split) and `weights digest: <hex>`.

      Examples:
        bittrue logic train --dataset digits --encoding thermometer --thresholds 3 \\
            --layers 1000x4 --tau 10 --iterations 3000 --out out/digits
        bittrue logic train --dataset mnist --data-dir ../shared/data \\
            --encoding thermometer --layers 8000x6 --tau 10 --iterations 20000 --out out/mnist
      """)

  @OptionGroup(title: "Data set") var data: DatasetOptions
  @OptionGroup(title: "Run") var run: RunOptions

  @Option(help: "Neurons per layer, e.g. 64,64,64 or 8000x6.")
  var layers: String = "1000x4"
  @Option(help: "GroupSum temperature (softmax temperature of the loss).")
  var tau: Float = 10
  @Option(help: "Connection scheme: unique (a < b, distinct pairs) or random.")
  var connections: String = "unique"
  @Option(help: "Logit initialisation: gaussian or residual (z = 5 on the pass-through gate).")
  var initialization: String = "gaussian"
  @Option(help: "Adam steps (mini-batches).")
  var iterations: Int = 2000
  @Option(help: "Mini-batch size.")
  var batch: Int = 100
  @Option(help: "Adam learning rate.")
  var lr: Float = 0.01
  @Option(help: "Fixed parts each batch is split into; results depend on it.")
  var partitions: Int = TrainingOptions.defaultPartitions
  @Option(help: "Evaluate the discretised net every N steps (0: only at the end).")
  var evalEvery: Int = 250
  @Option(
    help: ArgumentHelp(
      "Hold out the last N training samples (after --limit) as a validation set that picks "
        + "the best checkpoint (default 0: pick by training accuracy).",
      valueName: "N"))
  var validation: Int = 0

  func validate() throws {
    if validation < 0 {
      throw ValidationError("--validation must be at least 0 (got \(validation))")
    }
  }

  mutating func run() async throws {
    let widths = try parseLayers(layers)
    let options = TrainingOptions(
      iterations: iterations, batchSize: batch, learningRate: lr, threads: run.threads,
      partitions: partitions, evaluationInterval: evalEvery)
    try check { () throws(LogicNetsError) in try options.validate() }
    // The output folder is checked (and its staging folder made) before any work.
    let folder = try run.out.map { out throws(AtomicFileWriter.Failure) in
      try OutputFolder(out, command: "bittrue logic train")
    }
    let loaded = try LogicData(data)
    let config = LogicNetConfig(
      inputs: loaded.inputBits, layerWidths: widths, classes: loaded.dataset.classCount,
      tau: tau, connections: try parseScheme(connections),
      initialization: try parseInit(initialization), seed: run.seed)
    try check { () throws(LogicNetsError) in try config.validate() }
    guard validation < loaded.train.count else {
      throw CommandFailure(
        description:
          "--validation \(validation) leaves no training samples (the training split has "
          + "\(loaded.train.count))")
    }
    if !run.json && !run.quiet {
      StandardStreams.writeError("data: \(loaded.description)\n")
      if validation > 0 {
        StandardStreams.writeError(
          "validation: the last \(validation) training samples (held out; they pick the "
            + "checkpoint)\n")
      }
      let gates = widths.reduce(0, +)
      StandardStreams.writeError("net: \(widths.count) layers, \(gates) gates, tau \(tau)\n")
    }
    let report = try await train(loaded, config: config, options: options)
    let best = report.bestModel
    let digest = best.weightsDigest
    if let folder { try writeOutputs(report, to: folder) }
    let testAccuracy = Accuracy(
      predictions: best.discretized().predict(
        BitMatrix(sampleMajor: loaded.test.bits, features: loaded.inputBits)),
      labels: loaded.test.labels.map { Int($0) })
    if run.json {
      try RunSummary.printJSON(
        TrainSummary(
          dataset: loaded.dataset.name, inputBits: loaded.inputBits, layers: widths, tau: tau,
          iterations: iterations, bestIteration: report.best.iteration,
          trainAccuracy: report.best.trainAccuracy,
          validationAccuracy: report.best.validationAccuracy,
          testAccuracy: Double(testAccuracy.correct) / Double(max(testAccuracy.total, 1)),
          samplesPerSecond: report.samplesPerSecond, weightsDigest: digest.hexDigest,
          out: run.out))
    } else {
      try StandardStreams.writeLine("best checkpoint: iteration \(report.best.iteration)")
      try StandardStreams.writeLine(
        String(format: "training: %.0f samples/s", report.samplesPerSecond))
      if let out = run.out {
        try StandardStreams.writeLine("wrote \(out)/model.json, net.json, curve.svg, train.log")
      }
      try RunSummary.printFinalLines(accuracy: testAccuracy, digest: digest)
    }
  }

  /// Runs a library check before any work, turning its error into a one-line failure.
  private func check(_ body: () throws(LogicNetsError) -> Void) throws {
    do throws(LogicNetsError) { try body() } catch {
      throw CommandFailure(description: error.description)
    }
  }

  /// Runs the trainer with a progress bar; evaluation lines go to stderr.
  private func train(
    _ loaded: LogicData, config: LogicNetConfig, options: TrainingOptions
  ) async throws -> TrainingReport<LogicNetModel> {
    let bar = run.progressBar("train", total: iterations)
    let echoLog = !run.json && !run.quiet
    let result: Result<TrainingReport<LogicNetModel>, LogicNetsError>
    do throws(LogicNetsError) {
      let kept = loaded.train.count - validation
      let train = try LogicDataset(
        bits: Array(loaded.train.bits[..<(kept * loaded.inputBits)]), inputs: loaded.inputBits,
        labels: Array(loaded.train.labels[..<kept]))
      let held =
        validation == 0
        ? nil
        : try LogicDataset(
          bits: Array(loaded.train.bits[(kept * loaded.inputBits)...]),
          inputs: loaded.inputBits, labels: Array(loaded.train.labels[kept...]))
      let test = try LogicDataset(
        bits: loaded.test.bits, inputs: loaded.inputBits, labels: loaded.test.labels)
      var trainer = try LogicNetTrainer(model: LogicNetModel(config: config), options: options)
      result = .success(
        try await trainer.train(on: train, validation: held, test: test) { progress in
          if let entry = progress.entry, echoLog {
            bar.clearLine()
            StandardStreams.writeError(entry.line + "\n")
          }
          bar.update(to: progress.iteration, status: String(format: "loss %.4f", progress.loss))
        })
    } catch {
      result = .failure(error)
    }
    bar.finish()
    switch result {
    case .success(let report): return report
    case .failure(let error): throw CommandFailure(description: error.description)
    }
  }

  /// Writes the run's files into `folder` and swaps it in as one set.
  private func writeOutputs(_ report: TrainingReport<LogicNetModel>, to folder: OutputFolder)
    throws
  {
    let best = report.bestModel
    try folder.write([UInt8](best.fileData()), named: "model.json")
    try folder.write(best.discretized().interchangeJSON(), named: "net.json")
    try folder.write(
      TrainingCurveSVG.render(
        report.log, title: "logic net, \(layers)", accuracyAxis: "accuracy (discretised)"),
      named: "curve.svg")
    try folder.write(report.log.map { $0.line + "\n" }.joined(), named: "train.log")
    try folder.commit()
  }
}

/// The `--json` summary of `bittrue logic train`.
struct TrainSummary: Encodable {
  var dataset: String
  var inputBits: Int
  var layers: [Int]
  var tau: Float
  var iterations: Int
  var bestIteration: Int
  var trainAccuracy: Double
  var validationAccuracy: Double?
  var testAccuracy: Double
  var samplesPerSecond: Double
  var weightsDigest: String
  var out: String?
}

/// "64,64,32" or "8000x6".
func parseLayers(_ text: String) throws -> [Int] {
  let parts = text.split(separator: "x")
  if parts.count == 2, let width = Int(parts[0]), let count = Int(parts[1]), count >= 1, width >= 1
  {
    guard count <= LogicNetConfig.maximumLayers else {
      throw ValidationError(
        "--layers: at most \(LogicNetConfig.maximumLayers) layers, got \(count) in '\(text)'")
    }
    return Array(repeating: width, count: count)
  }
  let widths = text.split(separator: ",").compactMap { Int($0) }
  guard !widths.isEmpty, widths.count == text.split(separator: ",").count,
    widths.allSatisfy({ $0 >= 1 })
  else {
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
