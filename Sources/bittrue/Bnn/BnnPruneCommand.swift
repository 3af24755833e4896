import ArgumentParser
import BitTrue
import Foundation

/// `bittrue bnn prune`: magnitude pruning of a trained net, fine-tuning with the mask fixed,
/// structural reduction of the integer net, and the unrolled hardware it saves.
struct BnnPruneCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "prune",
    abstract: "Prune a trained binarized net, fine-tune it and remove the hardware it frees.",
    discussion: """
      Reads MODEL/training-state (written by `bnn train` or `bnn prune`), prunes in every \
      dense layer the fraction --sparsity of the weights with the smallest latent magnitude \
      (weights already zero first), fine-tunes --epochs epochs on the training split with \
      the pruned weights held at zero (a binary layer with pruned weights deploys as \
      ternary), exports the integer net and reduces it: hidden neurons whose output is \
      constant (all-zero weights, or a threshold no dot product crosses) are removed and \
      their contribution folded exactly into the next layer's thresholds or the class \
      scores, neurons nothing reads are removed, and inputs nothing reads are left unread \
      (the input port stays). The reduced net gives the same classes and scores. The data \
      options must encode the data as for the training. With --out DIR it writes:
        DIR/model.json            the reduced net
        DIR/unreduced-model.json  the pruned, fine-tuned net before the reduction
        DIR/training-state        the fine-tuned state with its pruning masks
        DIR/report.json, report.md, train.log

      It prints the test accuracy of the given net, of the pruned net before and after \
      fine-tuning, the neurons removed and the unrolled hardware of the given and of the \
      reduced net as `bittrue netlist report` measures it (2-input gates, adders, \
      comparators, XNOR inverters; --no-hardware skips it); with --pe and --simd also the \
      folded design's gates, register bits, weight ROM bits, latency and initiation interval \
      (rows `folded: …`). The last two lines are `test accuracy:` (reduced net) and \
      `weights digest:` (fine-tuned state).

      Example:
        bittrue bnn prune --model out/bnn-digits --sparsity 0.5 --epochs 5 \\
            --dataset digits --encoding fixed --format ufix5_En0 --out out/bnn-digits-pruned
      """)

  @OptionGroup(title: "Data set") var data: DatasetOptions

  @Option(help: ArgumentHelp("The folder of a trained net (its training-state).", valueName: "dir"))
  var model: String
  @Option(help: "Fraction of each dense layer's weights to prune (0...1).")
  var sparsity: Double
  @Option(help: "Fine-tuning epochs (0: export the pruned net as it is).")
  var epochs: Int = 2
  @Option(name: .customLong("learning-rate"), help: "Adam learning rate of the fine-tuning.")
  var learningRate: Float = 0.01
  @Option(help: "Worker threads (results do not depend on it).")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount
  @Option(help: ArgumentHelp("The folder for the output files.", valueName: "path"))
  var out: String?
  @Flag(inversion: .prefixedNo, help: "Measure the unrolled hardware before and after.")
  var hardware = true
  @Option(
    help: "Also measure the folded hardware at this PE (one for all layers or one per layer).")
  var pe: FoldingOptions.Counts?
  @Option(
    help: "Also measure the folded hardware at this SIMD (one for all layers or one per layer).")
  var simd: FoldingOptions.Counts?
  @Flag(help: "Print a machine-readable JSON summary on stdout instead of text.")
  var json = false
  @Flag(help: "No progress bar on stderr.")
  var quiet = false

  func validate() throws {
    if threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
    guard sparsity >= 0 && sparsity <= 1 else {
      throw ValidationError("--sparsity must be in [0, 1] (got \(sparsity))")
    }
    if (pe == nil) != (simd == nil) { throw ValidationError("--pe and --simd go together") }
    if pe != nil && !hardware { throw ValidationError("--pe and --simd measure the hardware") }
  }

  mutating func run() async throws {
    let loaded = try BnnData(data)
    let state = try loadState()
    guard loaded.train.inputs == state.config.inputs, loaded.input == state.config.input else {
      throw CommandFailure(
        description:
          "the data give \(loaded.train.inputs) inputs (\(loaded.input)), the net was trained "
          + "on \(state.config.inputs) (\(state.config.input)): use the training's data options")
    }
    if let pe, let simd {
      // A net the folded form refuses is refused before any training, not after it.
      _ = try BnnHardwareCounts.folded(exported(state), pe: pe.values, simd: simd.values, "given")
    }
    let pruned = try prune { () throws(BnnTrainingError) in try state.pruned(sparsity: sparsity) }
    let (tuned, log) = epochs > 0 ? try await fineTune(pruned, on: loaded) : (pruned, [])
    try finish(given: state, pruned: pruned, tuned: tuned, log: log, data: loaded)
  }

  /// `epochs` epochs of training from `pruned` (the mask fixed): the kept state and the log.
  private func fineTune(
    _ pruned: BnnTrainingState, on loaded: BnnData
  ) async throws -> (BnnTrainingState, [TrainingLogEntry]) {
    var trainer = try prune { () throws(BnnTrainingError) in
      try BnnTrainer(config: pruned.config, resuming: pruned)
    }
    let steps = (loaded.train.count + pruned.config.batchSize - 1) / pruned.config.batchSize
    let bar = ProgressBar(
      label: "fine-tune", total: epochs * steps,
      isEnabled: !quiet && !json && ProgressBar.stderrIsTerminal)
    let echo = !json && !quiet
    let report = try await prune { () async throws(BnnTrainingError) in
      try await trainer.train(on: loaded.train, test: loaded.test) { progress in
        if let entry = progress.entry, echo {
          bar.clearLine()
          StandardStreams.writeError(entry.line + "\n")
        }
        bar.update(to: progress.iteration, status: String(format: "loss %.4f", progress.loss))
      }
    }
    bar.finish()
    return (report.bestModel.state, report.log)
  }

  /// Exports and reduces the fine-tuned net, measures, prints and writes the results.
  private func finish(
    given state: BnnTrainingState, pruned: BnnTrainingState, tuned: BnnTrainingState,
    log: [TrainingLogEntry], data loaded: BnnData
  ) throws {
    let folder = try out.map { out throws(AtomicFileWriter.Failure) in
      try OutputFolder(out, command: "bittrue bnn prune")
    }
    let given = try exported(state)
    let unreduced = try exported(tuned)
    let reduction = try reduce(unreduced)
    let predicted = PackedBinarizedNet(reduction.net).predict(loaded.test, threads: threads)
    guard predicted == PackedBinarizedNet(unreduced).predict(loaded.test, threads: threads) else {
      throw CommandFailure(description: "internal error: the reduced net predicts other classes")
    }
    let accuracy = Accuracy(predictions: predicted, labels: loaded.test.labels)
    var rows: [(String, Int, Int)] = []
    if hardware {
      rows = BnnHardwareCounts.rows(
        try BnnHardwareCounts(given), try BnnHardwareCounts(reduction.net))
      if let pe, let simd {
        rows += try BnnHardwareCounts.foldedRows(
          given, reduction.net, pe: pe.values, simd: simd.values)
      }
    }
    let summary = BnnPruneReport(
      model: model, data: loaded.description, sparsity: sparsity, epochs: epochs,
      accuracyBefore: PackedBinarizedNet(given).accuracy(loaded.test, threads: threads),
      accuracyPruned: PackedBinarizedNet(try exported(pruned)).accuracy(
        loaded.test, threads: threads),
      accuracyAfter: Double(accuracy.correct) / Double(max(accuracy.total, 1)),
      zerosBefore: Self.zeroFractions(given), zerosAfter: Self.zeroFractions(unreduced),
      neuronsBefore: given.layers.map(\.outputs),
      neuronsAfter: reduction.net.layers.map(\.outputs),
      constantNeuronsRemoved: reduction.constantNeurons,
      unreadNeuronsRemoved: reduction.unreadNeurons, unreadInputs: reduction.unreadInputs,
      hardware: rows.map { BnnPruneReport.HardwareRow(name: $0.0, before: $0.1, after: $0.2) },
      weightsDigest: tuned.weightsDigest.hexDigest, out: out)
    if let folder {
      try folder.write(reduction.net.fileText(), named: "model.json")
      try folder.write(unreduced.fileText(), named: "unreduced-model.json")
      try folder.write(tuned.fileText(), named: "training-state")
      try folder.write(log.map { $0.line + "\n" }.joined(), named: "train.log")
      try folder.write(try RunSummary.json(summary) + "\n", named: "report.json")
      try folder.write(summary.markdown, named: "report.md")
      try folder.commit()
    }
    if json {
      try RunSummary.printJSON(summary)
      return
    }
    try StandardStreams.write(summary.markdown)
    if let out {
      try StandardStreams.writeLine(
        "wrote \(out)/model.json, unreduced-model.json, training-state, report.json, report.md, "
          + "train.log")
    }
    try RunSummary.printFinalLines(accuracy: accuracy, digest: tuned.weightsDigest)
  }

  /// The fraction of zero weights of each dense layer.
  static func zeroFractions(_ net: BinarizedNet) -> [Double] {
    net.layers.map { layer in
      Double(layer.weights.count { $0 == 0 }) / Double(max(layer.weights.count, 1))
    }
  }

  /// Reads `model/training-state` (epochs, learning rate and threads from the options).
  private func loadState() throws -> BnnTrainingState {
    var options = BnnTrainingConfig(input: .bits, inputs: 1, layers: [])
    (options.epochs, options.learningRate, options.threads) = (epochs, learningRate, threads)
    let path = (model as NSString).appendingPathComponent("training-state")
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CommandFailure(description: "--model: cannot read \(path)")
    }
    return try prune { () throws(BnnTrainingError) in
      try BnnTrainingState(fileData: data, options: options)
    }
  }

  private func exported(_ state: BnnTrainingState) throws -> BinarizedNet {
    do throws(BinarizedNetError) { return try state.exportNet() } catch {
      throw CommandFailure(description: "export: \(error.description)")
    }
  }

  private func reduce(_ net: BinarizedNet) throws -> NetReduction {
    do throws(BinarizedNetError) { return try net.reduced() } catch {
      throw CommandFailure(description: "reduction: \(error.description)")
    }
  }
}

/// Runs a library call, turning its error into a one-line failure.
private func prune<T>(_ body: () throws(BnnTrainingError) -> T) throws -> T {
  do throws(BnnTrainingError) { return try body() } catch {
    throw CommandFailure(description: error.description)
  }
}

/// ``prune(_:)`` for async calls.
private func prune<T>(_ body: () async throws(BnnTrainingError) -> T) async throws -> T {
  do throws(BnnTrainingError) { return try await body() } catch {
    throw CommandFailure(description: error.description)
  }
}
