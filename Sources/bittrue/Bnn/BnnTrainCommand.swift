import ArgumentParser
import BitTrue
import Foundation

/// `bittrue bnn train`: trains a binarized / ternary multilayer perceptron and writes the
/// integer-folded net.
struct BnnTrainCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train a binarized or ternary MLP (STE/ReSTE, batch norm, Adam) on a data set.",
    discussion: """
      Each dense layer keeps float master weights and is quantized in the forward pass: \
      binary (sign), ternary (TWN: threshold 0.7·mean|W|, per-layer scale), plinear \
      (ternary as posNet − negNet of tanh-squashed latent weights, threshold 0) or int<K> \
      (K-bit fixed-point weights, first layer on integer inputs only). Hidden layers are \
      sign(batch norm(dot)); the gradient of sign is the STE (hardtanh window) or ReSTE \
      (--act reste, --reste-power o, --reste-threshold t); --qmode stoch draws hidden bits \
      at random in training. The output scores are the last layer's integer dot products (--output-bn: their \
      per-class batch norm, exported as an exact output affine).

      After every epoch the net is folded to integers (batch norm → one threshold per \
      neuron, exactly) and that integer net is evaluated; the best epoch by training \
      accuracy, or by the accuracy on the held-out --validation fraction, is kept. Inputs: \
      --encoding thermometer gives bit inputs; --encoding raw or fixed gives integer inputs \
      (uint/int of the features' width). With --out DIR it writes:
        DIR/model.json       the integer net (bittrue-bnn: cosim, netlist read it)
        DIR/training-state   float weights, BN statistics, Adam state (--resume)
        DIR/curve.svg        loss and integer-net accuracy per epoch
        DIR/report.json      settings, accuracies, confusion matrix, timing
        DIR/report.md        the same as tables
        DIR/train.log        one line per epoch

      Results depend on --seed and the options, never on --threads. The last two lines are \
      `test accuracy: NN.NN%` (integer net, test split) and `weights digest: <hex>` (the \
      float state of the kept epoch).

      Examples:
        bittrue bnn train --dataset digits --encoding fixed --format ufix5_En0 \\
            --layers "int8:64,binary:64,binary:10" --epochs 20 --out out/bnn-digits
        bittrue bnn train --dataset iris --encoding thermometer --thresholds 8 \\
            --layers "binary:32,ternary:3" --act reste --epochs 50 --out out/iris
        bittrue bnn train --dataset mnist --data-dir ../shared/data \\
            --encoding raw --layers "int8:256,binary:256,binary:10" \\
            --epochs 10 --out out/bnn-mnist
        bittrue bnn train --dataset mnist --data-dir ../shared/data --encoding raw \\
            --image 1,28,28 --layers \\
            "conv3x3-int8:16,conv3x3-binary:32,maxpool2,binary:32,binary:32,binary:10" \\
            --epochs 1 --out out/bnn-mnist-cnn
      """)

  @OptionGroup(title: "Data set") var data: DatasetOptions
  @OptionGroup(title: "Run") var run: RunOptions

  @Option(
    help: ArgumentHelp(
      "Dense layers as WEIGHTS:OUTPUTS, WEIGHTS = binary, ternary, plinear, complex or "
        + "int2…int16 (complex:N: N/2 complex neurons, real parts then imaginary parts); "
        + "the last layer's outputs are the classes. A convolutional front may come first: "
        + "convKxK[sS][pP]-WEIGHTS:CHANNELS (stride S, default 1; zero padding P, default "
        + "(K−1)/2) and maxpoolN[sS] after a convolution (needs --image).", valueName: "list"))
  var layers: String
  @Option(
    help: ArgumentHelp(
      "The inputs as an image of C channels, H rows and W columns (channel-major), for a "
        + "convolutional front: 1,8,8 for digits, 1,28,28 for MNIST.", valueName: "C,H,W"))
  var image: String?
  @Option(help: "Hidden activation gradient: sign (STE, hardtanh window) or reste.")
  var act: String = "sign"
  @Option(name: .customLong("reste-power"), help: "ReSTE's power o (≥ 1).")
  var restePower: Float = 3
  @Option(name: .customLong("reste-threshold"), help: "ReSTE's threshold t (> 0).")
  var resteThreshold: Float = 1.5
  @Option(help: "Hidden binarization in training: det or stoch.")
  var qmode: String = "det"
  @Option(help: "Epochs over the training samples.")
  var epochs: Int = 10
  @Option(name: .customLong("batch-size"), help: "Mini-batch size.")
  var batchSize: Int = 64
  @Option(name: .customLong("learning-rate"), help: "Adam learning rate.")
  var learningRate: Float = 0.01
  @Option(
    help: ArgumentHelp(
      "Hold out this fraction (0 ≤ F < 1) of the training split, its last samples, as a "
        + "validation set that picks the best epoch (0: pick by training accuracy).",
      valueName: "F"))
  var validation: Double = 0
  @Flag(
    name: .customLong("output-bn"),
    help: ArgumentHelp(
      "A batch norm on the output layer, exported as the net's per-class output affine "
        + "(scale γ/√(σ²+ε), offset β − scale·μ on the integer dots)."))
  var outputBatchNorm = false
  @Option(help: ArgumentHelp("Continue from DIR/training-state.", valueName: "dir"))
  var resume: String?

  func validate() throws {
    guard validation >= 0 && validation < 1 else {
      throw ValidationError("--validation must be in [0, 1) (got \(validation))")
    }
    guard ["sign", "reste"].contains(act) else {
      throw ValidationError("--act: expected sign or reste, got '\(act)'")
    }
    guard Binarization(rawValue: qmode) != nil else {
      throw ValidationError("--qmode: expected det or stoch, got '\(qmode)'")
    }
  }

  mutating func run() async throws {
    let (features, specs) = try library { () throws(BnnTrainingError) in
      try FeatureLayerSpec.parseNet(layers)
    }
    let folder = try run.out.map { out throws(AtomicFileWriter.Failure) in
      try OutputFolder(out, command: "bittrue bnn train")
    }
    let loaded = try BnnData(data)
    guard specs.last!.outputs == loaded.dataset.classCount else {
      throw CommandFailure(
        description:
          "--layers: the last layer has \(specs.last!.outputs) outputs, the data set "
          + "\(loaded.dataset.classCount) classes")
    }
    let config = BnnTrainingConfig(
      input: loaded.input, inputs: loaded.train.inputs, layers: specs,
      estimator: act == "reste" ? .reste(power: restePower, threshold: resteThreshold) : .ste,
      binarization: Binarization(rawValue: qmode)!, outputBatchNorm: outputBatchNorm,
      seed: run.seed, epochs: epochs, batchSize: batchSize, learningRate: learningRate,
      threads: run.threads, image: try imageShape(), features: features)
    let resumed = try resume.map { dir in try loadState(dir, options: config) }
    var trainer = try library { () throws(BnnTrainingError) in
      try BnnTrainer(config: config, resuming: resumed)
    }
    let held = Int(Double(loaded.train.count) * validation)
    guard held < loaded.train.count else {
      throw CommandFailure(description: "--validation \(validation) leaves no training samples")
    }
    let kept = loaded.train.count - held
    let trainSplit = loaded.train.slice(0..<kept)
    let validationSplit = held > 0 ? loaded.train.slice(kept..<loaded.train.count) : nil
    if !run.json && !run.quiet {
      StandardStreams.writeError("data: \(loaded.description)\n")
      if held > 0 {
        StandardStreams.writeError("validation: the last \(held) training samples (held out)\n")
      }
    }
    let bar = run.progressBar(
      "train", total: epochs * ((kept + batchSize - 1) / max(batchSize, 1)))
    let echo = !run.json && !run.quiet
    let report = try await library { () async throws(BnnTrainingError) in
      try await trainer.train(on: trainSplit, validation: validationSplit, test: loaded.test) {
        progress in
        if let entry = progress.entry, echo {
          bar.clearLine()
          StandardStreams.writeError(entry.line + "\n")
        }
        bar.update(to: progress.iteration, status: String(format: "loss %.4f", progress.loss))
      }
    }
    bar.finish()
    let best = report.bestModel
    let net: BinarizedNet
    switch best.net {
    case .success(let value): net = value
    case .failure(let error): throw CommandFailure(description: "export: \(error.description)")
    }
    let predicted = PackedBinarizedNet(net).predict(loaded.test, threads: run.threads)
    let accuracy = Accuracy(predictions: predicted, labels: loaded.test.labels)
    let summary = BnnTrainReport(
      dataset: loaded.dataset.name, data: loaded.description, layers: layers, act: act,
      qmode: qmode, epochs: epochs, batchSize: batchSize, learningRate: learningRate,
      seed: run.seed, bestEpoch: report.best.epoch,
      bestIteration: report.best.iteration, trainAccuracy: report.best.trainAccuracy,
      validationAccuracy: report.best.validationAccuracy,
      testAccuracy: Double(accuracy.correct) / Double(max(accuracy.total, 1)),
      secondsPerEpoch: report.stepSeconds / Double(max(epochs, 1)),
      samplesPerSecond: report.samplesPerSecond, weightsDigest: best.state.weightsDigest.hexDigest,
      confusion: BnnTrainReport.confusion(
        predicted, loaded.test.labels, classes: loaded.dataset.classCount),
      out: run.out)
    if let folder {
      try folder.write(net.fileText(), named: "model.json")
      try folder.write(best.state.fileText(), named: "training-state")
      try folder.write(
        TrainingCurveSVG.render(
          report.log, title: "binarized net, \(layers)", accuracyAxis: "accuracy (integer net)"),
        named: "curve.svg")
      try folder.write(report.log.map { $0.line + "\n" }.joined(), named: "train.log")
      try folder.write(try RunSummary.json(summary) + "\n", named: "report.json")
      try folder.write(summary.markdown, named: "report.md")
      try folder.commit()
    }
    if run.json {
      try RunSummary.printJSON(summary)
    } else {
      try StandardStreams.writeLine("best checkpoint: iteration \(report.best.iteration)")
      try StandardStreams.writeLine(
        String(
          format: "training: %.0f samples/s, %.2f s/epoch", report.samplesPerSecond,
          summary.secondsPerEpoch))
      if let out = run.out {
        try StandardStreams.writeLine(
          "wrote \(out)/model.json, training-state, curve.svg, report.json, report.md, train.log")
      }
      try RunSummary.printFinalLines(accuracy: accuracy, digest: best.state.weightsDigest)
    }
  }

  /// `--image C,H,W`.
  private func imageShape() throws -> ImageShape? {
    guard let image else { return nil }
    let sides = image.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
    guard sides.count == 3, let c = sides[0], let h = sides[1], let w = sides[2] else {
      throw CommandFailure(description: "--image: expected C,H,W (e.g. 1,28,28), got '\(image)'")
    }
    return ImageShape(channels: c, height: h, width: w)
  }

  /// Reads `dir/training-state`.
  private func loadState(_ dir: String, options: BnnTrainingConfig) throws -> BnnTrainingState {
    let path = (dir as NSString).appendingPathComponent("training-state")
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CommandFailure(description: "--resume: cannot read \(path)")
    }
    return try library { () throws(BnnTrainingError) in
      try BnnTrainingState(fileData: data, options: options)
    }
  }
}

/// Runs a library call, turning its error into a one-line failure.
private func library<T>(_ body: () throws(BnnTrainingError) -> T) throws -> T {
  do throws(BnnTrainingError) { return try body() } catch {
    throw CommandFailure(description: error.description)
  }
}

/// ``library(_:)`` for async calls.
private func library<T>(_ body: () async throws(BnnTrainingError) -> T) async throws -> T {
  do throws(BnnTrainingError) { return try await body() } catch {
    throw CommandFailure(description: error.description)
  }
}
