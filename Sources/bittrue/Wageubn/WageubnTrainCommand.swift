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
      and checkpoint.json (the training state: configuration, step count, the whole network \
      with its optimiser state, counters, epoch records). --resume DIR continues the run saved \
      in DIR/checkpoint.json up to --epochs, with the same other options; the result equals \
      that of an uninterrupted run (the official schedule's phases must agree for the epochs \
      already taken).

      Results depend on --seed, never on --threads. The last two lines are \
      `test accuracy: NN.NN%` and `weights digest: <hex>` (the final parameters).

      Examples:
        bittrue wageubn train --dataset digits --model mlp:64-64-10 --epochs 3 --out out/w
        bittrue wageubn train --dataset mnist --model mlp:784-256-10 --profile hardware \\
            --epochs 2 --out out/mnist
      """)

  @OptionGroup(title: "Data set") var data: DatasetOptions
  @OptionGroup(title: "Run") var run: RunOptions

  @OptionGroup(title: "Training") var options: WageubnTrainOptions

  @Option(
    help: ArgumentHelp(
      "Write the integer tensors of the datapath units at --capture-steps into this folder.",
      valueName: "path"))
  var capture: String?
  @Option(
    name: .customLong("capture-steps"),
    help: ArgumentHelp("With --capture: the steps (0-based), e.g. 0,5.", valueName: "s1,s2,…"))
  var captureSteps: String = "0"
  @Option(
    name: .customLong("capture-dot-products"),
    help: "With --capture: dot products kept per product (the first ones, 1...4096).")
  var captureDotProducts: Int = 16
  @Option(
    help: ArgumentHelp(
      "Continue the run saved in DIR/checkpoint.json up to --epochs (same options otherwise).",
      valueName: "dir"))
  var resume: String?

  func validate() throws {
    let steps = captureSteps.split(separator: ",", omittingEmptySubsequences: false)
    guard (1...64).contains(steps.count),
      steps.allSatisfy({ $0.count <= 9 && Int($0).map { $0 >= 0 } == true })
    else {
      throw ValidationError(
        "--capture-steps: expected 1...64 step numbers such as 0,5, got '\(Excerpt.of(captureSteps))'"
      )
    }
    guard (1...4096).contains(captureDotProducts) else {
      throw ValidationError(
        "--capture-dot-products must be in 1...4096 (got \(captureDotProducts))")
    }
    if capture != nil, options.reference != nil {
      throw ValidationError("--capture records integer tensors; drop --reference float")
    }
  }

  mutating func run() async throws {
    let widths = try options.checkedWidths(threads: run.threads)
    let folder = try run.out.map { out throws(AtomicFileWriter.Failure) in
      try OutputFolder(out, command: "bittrue wageubn train")
    }
    let captureFolder = try capture.map { path throws(AtomicFileWriter.Failure) in
      try OutputFolder(path, command: "bittrue wageubn train --capture")
    }
    let loaded = try WageubnData(data)
    try options.check(widths, against: loaded)
    let configuration = options.configuration(widths, seed: run.seed)
    let state = try resume.map { try loadState($0, configuration, trainCount: loaded.train.count) }
    let quiet = run.json || run.quiet
    if !quiet {
      StandardStreams.writeError("data: \(loaded.description)\n")
      StandardStreams.writeError(
        "model: \(options.model), profile \(options.profile), "
          + "\(configuration.arithmetic.rawValue) arithmetic, batch \(options.batch), "
          + "\(options.epochs) epoch(s)\n")
    }
    let steps =
      options.epochs * ((loaded.train.count + options.batch - 1) / options.batch)
      - (state?.steps ?? 0)
    if let state, !quiet {
      StandardStreams.writeError(
        "resuming after epoch \(state.epochs.count), step \(state.steps)\n")
    }
    let bar = run.progressBar("train", total: steps)
    let result: WageubnTrainRun
    do {
      result = try await WageubnTrainRun.perform(
        configuration, loaded, threads: run.threads, folder: folder,
        capture: captureFolder.map { folder in
          let steps = Set(captureSteps.split(separator: ",").compactMap { Int($0) })
          return (WAGEUBNCapture(steps: steps, dotProducts: captureDotProducts), folder)
        }, resuming: state
      ) { step, loss, record in
        if let record, !quiet {
          bar.clearLine()
          StandardStreams.writeError(WageubnTrainRun.epochLine(record) + "\n")
        }
        bar.update(to: step, status: String(format: "loss %.4f", loss))
      }
    } catch {
      bar.finish()
      throw error
    }
    bar.finish()
    if run.json {
      try StandardStreams.writeLine(try RunSummary.json(result.report))
    } else {
      try StandardStreams.writeLine(
        "training: " + WAGEUBNRunReport.fixed(result.report.secondsPerEpoch, 1) + " s per epoch")
      if let out = run.out {
        try StandardStreams.writeLine(
          "wrote \(out)/report.json, report.md, curve.svg, train.log, checkpoint.json")
      }
      try RunSummary.printFinalLines(accuracy: result.accuracy, digest: result.digest)
    }
  }
}

/// Reads `dir/checkpoint.json` for `--resume` and checks it can continue `configuration`.
private func loadState(
  _ dir: String, _ configuration: WAGEUBNTrainingConfiguration, trainCount: Int
) throws -> WAGEUBNTrainingState {
  let path = (dir as NSString).appendingPathComponent("checkpoint.json")
  guard let data = FileManager.default.contents(atPath: path) else {
    throw CommandFailure(description: "--resume: cannot read \(path)")
  }
  let state: WAGEUBNTrainingState
  do { state = try JSONDecoder().decode(WAGEUBNTrainingState.self, from: data) } catch {
    throw CommandFailure(
      description:
        "--resume: \(path) is not a WAGEUBN training state (\(WageubnFileProblem.describe(error)))"
    )
  }
  if let reason = state.mismatch(with: configuration, trainCount: trainCount) {
    throw CommandFailure(description: "--resume: \(path): \(reason)")
  }
  return state
}
