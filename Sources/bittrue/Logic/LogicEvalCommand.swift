import ArgumentParser
import BitTrue
import Foundation

/// `bittrue logic eval`: runs a discretised net on samples with the bit-parallel evaluator.
struct LogicEvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Run a discretised logic net on samples (bit-parallel) and report accuracy.",
    discussion: """
      The net is lowered to the hardware IR, optimised (dead, constant, pass-through and \
      duplicate gates vanish; the counts are printed) and run by the bit-parallel gate \
      evaluator, 512 samples per pass, on the fastest kernels of the CPU (AVX-512, AVX2 or \
      portable). Samples come from --inputs (a CSV with one sample of 0/1 values per row, with \
      --labels the last column is the class; or a NumPy .npy file: a C-order bool or uint8 \
      array of shape (samples, inputs) holding 0/1; with --packed-bits a uint8 array of \
      shape (samples, ⌈inputs/8⌉) as np.packbits(x, axis=1, bitorder='little') writes it, \
      which skips the byte-to-bit step) or from a data set's test split (--dataset and \
      encoding options, as for `logic train`).

      The output ends with the time until the net could run (`ready in:` lower, optimise, \
      bit-blast, compile) and the measured throughput of the evaluation alone (`throughput:` \
      images/s and gate-evals/s, counting the net's gates; a few samples give a noisy rate).

      Scores are per-class counts of true outputs (GroupSum before the division by tau); the \
      predicted class is the first class with the largest count, so ties go to the lowest \
      class index (as torch.argmax). --scores writes one row per sample: the counts, then \
      the class. --check also runs the model-level reference and fails on any difference.

      Examples:
        bittrue logic eval --model out/digits/net.json --dataset digits \\
            --encoding thermometer --thresholds 3
        bittrue logic eval --model net.json --inputs x.csv --scores scores.csv
        bittrue logic eval --model net.json --inputs x.npy --threads 2
        bittrue logic eval --model net.json --inputs packed.npy --packed-bits
      """)

  @Option(help: "Interchange net (difflogic-net JSON) or trained model file.")
  var model: String
  @Option(
    help: "CSV with one sample of 0/1 values per row, or .npy of bool/uint8 (samples, inputs).")
  var inputs: String?
  @Flag(help: "With --inputs: the last column is the label; print the accuracy.")
  var labels = false
  @Flag(help: "--inputs is packed bits: .npy uint8 (samples, ⌈inputs/8⌉), little bit order.")
  var packedBits = false
  @Option(help: "Write per-sample class counts and the predicted class here (CSV).")
  var scores: String?
  @Flag(help: "Also evaluate with the model-level reference and require equal results.")
  var check = false
  @Option(help: "Worker threads.")
  var threads: Int = 1
  @Flag(help: "Print a JSON summary instead of text.")
  var json = false
  @OptionGroup(title: "Data set (when --inputs is absent)") var data: DatasetOptions

  func validate() throws {
    if inputs == nil && data.dataset == nil {
      throw ValidationError("name the samples: --inputs FILE or --dataset NAME")
    }
    if packedBits && (inputs == nil || labels) {
      throw ValidationError("--packed-bits reads a .npy given by --inputs (without --labels)")
    }
  }

  func run() throws {
    let net = try NetlistFile.loadNet(model)
    let packed: PackedSampleNPY? =
      packedBits ? try EvalSamples.readPacked(inputs ?? "", width: net.inputs) : nil
    let samples =
      if let packed {
        EvalSamples.unpacked(packed, inputs: net.inputs, source: inputs ?? "")
      } else {
        try loadSamples(inputs: net.inputs, classes: net.classes)
      }
    let clock = ContinuousClock()
    let engine: LogicNetInference
    let ready: Duration
    do throws(PassError) {
      let start = clock.now
      engine = try LogicNetInference(net, name: NetlistFile.stem(model))
      ready = clock.now - start
    } catch {
      throw CommandFailure(description: "\(model): \(error.description)")
    }
    let start = clock.now
    let result =
      if let packed {
        engine.evaluate(packedBits: packed.rows, count: packed.count, threads: threads)
      } else {
        engine.evaluate(bits: samples.bits, count: samples.count, threads: threads)
      }
    let speed = EvalSpeed(
      ready: ready, evaluation: clock.now - start, samples: samples.count, gates: net.gateCount,
      threads: threads)
    if check {
      let reference = net.counts(BitMatrix(sampleMajor: samples.bits, features: net.inputs))
      if let s = (0..<samples.count).first(where: {
        reference[$0 * net.classes..<($0 + 1) * net.classes]
          != result.scores[$0 * net.classes..<($0 + 1) * net.classes]
      }) {
        throw CommandFailure(
          description: "sample \(s): gates64 scores differ from the model's (a bug: report it)")
      }
    }
    if let scores {
      try ScoresCSV.write(
        result.scores, predicted: Array(result.predicted.prefix(samples.count)),
        classes: net.classes, column: "count", to: scores)
    }
    let accuracy = samples.labels.map {
      Accuracy(predictions: result.predicted, labels: $0.map { Int($0) })
    }
    let stats = engine.statistics
    if json {
      try RunSummary.printJSON(
        EvalSummary(
          samples: samples.count, optimization: stats,
          accuracy: accuracy.map { Double($0.correct) / Double(max($0.total, 1)) },
          checked: check, readySeconds: speed.readySeconds, imagesPerSecond: speed.imagesPerSecond,
          gateEvalsPerSecond: speed.gateEvalsPerSecond, kernels: speed.kernels))
      return
    }
    try StandardStreams.writeLine("net: \(stats)")
    try StandardStreams.writeLine("samples: \(samples.count) (\(samples.source))")
    if check { try StandardStreams.writeLine("check: gates64 equals the model on every sample") }
    if let accuracy { try StandardStreams.writeLine(RunSummary.testAccuracyLine(accuracy)) }
    for line in speed.lines { try StandardStreams.writeLine(line) }
  }

  /// Samples from `--inputs` or the data set's test split.
  private func loadSamples(inputs width: Int, classes: Int) throws -> (
    bits: [UInt8], labels: [Int32]?, count: Int, source: String
  ) {
    if let inputs, try EvalSamples.isNPY(inputs) {
      guard !labels else {
        throw CommandFailure(
          description: "\(inputs): --labels applies to CSV inputs; a .npy file holds inputs only")
      }
      let npy = try EvalSamples.readNPY(inputs, width: width)
      return (npy.bits, nil, npy.count, inputs)
    }
    if let inputs {
      let csv: BinarySampleCSV
      do {
        csv = try BinarySampleCSV.read(inputs, hasLabels: labels, classCount: classes)
      } catch let error as DatasetError {
        throw CommandFailure(description: error.description)
      }
      guard csv.featureCount == width else {
        throw CommandFailure(
          description: "\(inputs): \(csv.featureCount) feature columns, the net has \(width) inputs"
        )
      }
      return (csv.bits, csv.labels, csv.count, inputs)
    }
    let loaded = try LogicData(data)
    guard loaded.inputBits == width else {
      throw CommandFailure(
        description:
          "\(loaded.dataset.name) encodes to \(loaded.inputBits) bits, the net has \(width) "
          + "inputs (use the encoding options the net was trained with)")
    }
    return (
      loaded.test.bits, loaded.test.labels, loaded.test.count, "\(loaded.dataset.name) test split"
    )
  }
}

/// The `--json` summary of `bittrue logic eval`.
struct EvalSummary: Encodable {
  var samples: Int
  var optimization: GateRemoval
  var accuracy: Double?
  var checked: Bool
  var readySeconds: Double
  var imagesPerSecond: Double
  var gateEvalsPerSecond: Double
  var kernels: String
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
    let net = try NetlistFile.loadNet(model)
    try AtomicFileWriter.write(net.interchangeJSON(), to: out)
    try StandardStreams.writeLine(
      "gates: \(net.gateCount), layers: \(net.layers.count), classes: \(net.classes)")
  }
}
