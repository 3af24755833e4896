import ArgumentParser
import BitTrue
import Foundation

/// `bittrue wageubn train`: exact 8-bit integer WAGEUBN training of an MLP.
struct WageubnTrainCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train an MLP with WAGEUBN's exact 8-bit integer arithmetic.",
    discussion: """
      Weights, activations, gradients, errors and updates are integers throughout (docs/\
      wageubn.md): forward W_q·A and the backward products run in accumulators of declared \
      width that wrap or saturate as hardware would, and every overflow is counted. The loss \
      (softmax cross-entropy of the logits) is the one float step. --reference float runs the \
      same graph in Double, fake-quantized by the same quantizers, to show the gap.

      The network is evaluated after every epoch (training accuracy on the first 10,000 \
      training samples, and the test split). With --out DIR it writes report.json, report.md \
      (see `bittrue wageubn report`), curve.svg (accuracy and overflows per epoch), train.log \
      and checkpoint.json (the final parameters).

      Results depend on --seed, never on --threads. The last two lines are \
      `test accuracy: NN.NN%` and `weights digest: <hex>` (the final parameters).

      Examples:
        bittrue wageubn train --dataset digits --model mlp:64-64-10 --epochs 3 --out out/w
        bittrue wageubn train --dataset mnist --model mlp:784-256-10 --profile hardware \\
            --epochs 2 --out out/mnist
      """)

  @OptionGroup(title: "Data set") var data: DatasetOptions
  @OptionGroup(title: "Run") var run: RunOptions

  @Option(help: "The model: mlp:<input>-<hidden>…-<classes>, e.g. mlp:784-256-10.")
  var model: String = "mlp:784-256-10"
  @Option(help: "The quantizer profile: paper, officialCode or hardware.")
  var profile: String = "paper"
  @Option(help: "Epochs.")
  var epochs: Int = 1
  @Option(help: "Samples per step.")
  var batch: Int = 64
  @Option(
    help:
      "Learning-rate / g_scale schedule: official (the recipe's phases over the epochs) or constant."
  )
  var schedule: String = "official"
  @Option(
    help: ArgumentHelp(
      "Base learning rate, a decimal (quantized to C(Q(lr,10),10), units 2^-9).",
      valueName: "decimal"))
  var lr: String = "0.05"
  @Option(help: ArgumentHelp("Run the float reference instead: float.", valueName: "float"))
  var reference: String?
  @Option(
    name: .customLong("accumulator-width"),
    help: "Declare every accumulator this wide (2...63 bits) instead of the profile's.")
  var accumulatorWidth: Int?
  @Option(
    name: .customLong("accumulator-overflow"),
    help: "With --accumulator-width: wrap or saturate (default saturate).")
  var accumulatorOverflow: String?

  static let maximumEpochs = 10_000
  static let maximumBatch = 100_000

  func validate() throws {
    guard (1...Self.maximumEpochs).contains(epochs) else {
      throw ValidationError("--epochs must be in 1...\(Self.maximumEpochs) (got \(epochs))")
    }
    guard (1...Self.maximumBatch).contains(batch) else {
      throw ValidationError("--batch must be in 1...\(Self.maximumBatch) (got \(batch))")
    }
    if let reference, reference != "float" {
      throw ValidationError("--reference: expected float, got '\(reference)'")
    }
    if let accumulatorWidth, !(2...63).contains(accumulatorWidth) {
      throw ValidationError("--accumulator-width must be in 2...63 (got \(accumulatorWidth))")
    }
    if let accumulatorOverflow {
      guard accumulatorWidth != nil else {
        throw ValidationError("--accumulator-overflow needs --accumulator-width")
      }
      guard ["wrap", "saturate"].contains(accumulatorOverflow) else {
        throw ValidationError(
          "--accumulator-overflow: expected wrap or saturate, got '\(accumulatorOverflow)'")
      }
    }
    guard Self.parseRate(lr) != nil else {
      throw ValidationError("--lr: expected a decimal in (0, 1) such as 0.05, got '\(lr)'")
    }
    guard ["official", "constant"].contains(schedule) else {
      throw ValidationError("--schedule: expected official or constant, got '\(schedule)'")
    }
    guard WAGEUBNProfile.named.contains(where: { $0.name == profile }) else {
      throw ValidationError(
        "--profile: expected paper, officialCode or hardware, got '\(profile)'")
    }
  }

  /// The most parameters (weights) of one model: three `Int64` codes each.
  static let maximumParameters = 1 << 26
  /// The most activation codes of one layer's batch (batch × width).
  static let maximumActivations = 1 << 26

  mutating func run() async throws {
    let widths = try Self.parseModel(model)
    guard run.threads <= TrainingLimits.maximumThreads else {
      throw CommandFailure(
        description:
          "--threads must be in 1...\(TrainingLimits.maximumThreads), got \(run.threads)")
    }
    let parameters = zip(widths, widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
    guard parameters <= Self.maximumParameters else {
      throw CommandFailure(
        description:
          "--model \(model) has \(parameters) weights; at most \(Self.maximumParameters) fit")
    }
    guard batch * widths.max()! <= Self.maximumActivations else {
      throw CommandFailure(
        description:
          "--batch \(batch) × the widest layer (\(widths.max()!)) exceeds "
          + "\(Self.maximumActivations) activations; use a smaller batch")
    }
    let folder = try run.out.map { out throws(AtomicFileWriter.Failure) in
      try OutputFolder(out, command: "bittrue wageubn train")
    }
    let loaded = try WageubnData(data)
    guard widths.first == loaded.train.features, widths.last == loaded.dataset.classCount else {
      throw CommandFailure(
        description:
          "--model \(model) needs \(widths.first!) inputs and \(widths.last!) classes; "
          + "\(loaded.dataset.name) has \(loaded.train.features) features and "
          + "\(loaded.dataset.classCount) classes")
    }
    let configuration = makeConfiguration(widths)
    let quiet = run.json || run.quiet
    if !quiet {
      StandardStreams.writeError("data: \(loaded.description)\n")
      StandardStreams.writeError(
        "model: \(model), profile \(profile), \(configuration.arithmetic.rawValue) arithmetic, "
          + "batch \(batch), \(epochs) epoch(s)\n")
    }
    let steps = epochs * ((loaded.train.count + batch - 1) / batch)
    let bar = run.progressBar("train", total: steps)
    let result: WAGEUBNRun
    do throws(TrainingError) {
      result = try await WAGEUBNTraining.run(
        configuration, train: loaded.train, test: loaded.test, threads: run.threads
      ) { step, _, loss, record in
        if let record, !quiet {
          bar.clearLine()
          StandardStreams.writeError(Self.epochLine(record) + "\n")
        }
        bar.update(to: step, status: String(format: "loss %.4f", loss))
      }
    } catch {
      bar.finish()
      throw CommandFailure(description: error.description)
    }
    bar.finish()
    let network = result.model.network
    let predictions = network.predict(
      loaded.test.codes, count: loaded.test.count, plan: configuration.plan,
      profile: configuration.profile, threads: run.threads)
    let accuracy = Accuracy(predictions: predictions, labels: loaded.test.labels)
    let digest = network.weightsDigest
    let report = WAGEUBNRunReport(
      run: result, dataset: loaded.dataset.name,
      testAccuracy: Double(accuracy.correct) / Double(max(accuracy.total, 1)),
      weightsDigest: digest.hexDigest, threads: run.threads)
    if let folder { try write(report, result, to: folder) }
    if run.json {
      try StandardStreams.writeLine(try RunSummary.json(report))
    } else {
      try StandardStreams.writeLine(
        "training: " + WAGEUBNRunReport.fixed(report.secondsPerEpoch, 1) + " s per epoch")
      if let out = run.out {
        try StandardStreams.writeLine(
          "wrote \(out)/report.json, report.md, curve.svg, train.log, checkpoint.json")
      }
      try RunSummary.printFinalLines(accuracy: accuracy, digest: digest)
    }
  }

  /// The configuration the options describe.
  private func makeConfiguration(_ widths: [Int]) -> WAGEUBNTrainingConfiguration {
    let chosen = WAGEUBNProfile.named.first { $0.name == profile }!.profile
    let rate = Self.parseRate(lr)!
    var plan: AccumulatorPlan = profile == "hardware" ? .hardware : .reference
    if let accumulatorWidth {
      plan = AccumulatorPlan(
        all: Accumulator(
          width: accumulatorWidth, overflow: accumulatorOverflow == "wrap" ? .wrap : .saturate))
    }
    return WAGEUBNTrainingConfiguration(
      widths: widths, profileName: profile, profile: chosen, plan: plan,
      schedule: schedule == "constant"
        ? .constant(numerator: rate.numerator, denominator: rate.denominator)
        : .official(epochs: epochs, numerator: rate.numerator, denominator: rate.denominator),
      arithmetic: reference == nil ? .integer : .floatReference, seed: run.seed, batchSize: batch,
      epochs: epochs)
  }

  /// Writes the run's files and swaps the folder in.
  private func write(_ report: WAGEUBNRunReport, _ run: WAGEUBNRun, to folder: OutputFolder)
    throws
  {
    try folder.write(try RunSummary.json(report) + "\n", named: "report.json")
    try folder.write(report.markdown, named: "report.md")
    try folder.write(WAGEUBNCurveSVG.render(report), named: "curve.svg")
    try folder.write(report.epochs.map { Self.epochLine($0) + "\n" }.joined(), named: "train.log")
    // Compact (one line): the parameters are hundreds of thousands of numbers.
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let checkpoint = WageubnCheckpoint(
      configuration: run.configuration, steps: run.model.steps, network: run.model.network)
    try folder.write([UInt8](try encoder.encode(checkpoint)) + [10], named: "checkpoint.json")
    try folder.commit()
  }

  /// `epoch 1 steps 938 loss 0.4123 train 91.20% test 90.85% overflows 0 12.3s`.
  static func epochLine(_ r: WAGEUBNEpochRecord) -> String {
    let loss = WAGEUBNRunReport.fixed(r.loss, 4)
    let train = WAGEUBNRunReport.percent(r.trainAccuracy)
    let test = WAGEUBNRunReport.percent(r.testAccuracy)
    let seconds = WAGEUBNRunReport.fixed(r.seconds, 1)
    return "epoch \(r.epoch) steps \(r.steps) loss \(loss) train \(train) test \(test) "
      + "overflows \(r.overflows) \(seconds)s"
  }

  /// `0.05` → 5/100: a decimal in (0, 1) with at most 9 fraction digits.
  static func parseRate(_ text: String) -> (numerator: Int64, denominator: Int64)? {
    let parts = text.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 2, parts[0] == "0", (1...9).contains(parts[1].count),
      parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int64(parts[1]), n > 0
    else { return nil }
    var denominator: Int64 = 1
    for _ in 0..<parts[1].count { denominator *= 10 }
    return (n, denominator)
  }

  /// `mlp:784-256-10` → `[784, 256, 10]`.
  static func parseModel(_ text: String) throws -> [Int] {
    let fail = ValidationError(
      "--model: expected mlp:<input>-<hidden>…-<classes> such as mlp:784-256-10, got '\(text)'")
    guard text.hasPrefix("mlp:") else { throw fail }
    let parts = text.dropFirst(4).split(separator: "-", omittingEmptySubsequences: false)
    let widths = parts.compactMap { Int($0) }
    guard widths.count == parts.count, widths.count >= 2, widths.count <= 16,
      widths.allSatisfy({ (1...65_536).contains($0) })
    else { throw fail }
    return widths
  }
}

/// `checkpoint.json`: the configuration, the step count and every parameter.
struct WageubnCheckpoint: Encodable {
  var format = "bittrue-wageubn-checkpoint"
  var version = 1
  var configuration: WAGEUBNTrainingConfiguration
  var steps: Int
  var network: WAGEUBNNetwork
}
