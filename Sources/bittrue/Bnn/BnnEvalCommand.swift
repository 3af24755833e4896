import ArgumentParser
import BitTrue
import Foundation

/// `bittrue bnn eval`: runs a binarized net on samples with the bit-packed runtime.
struct BnnEvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Run a binarized net on samples (bit-packed) and report accuracy and throughput.",
    discussion: """
      The model is a bittrue-bnn JSON or a QONNX (.onnx) file. For a bittrue-bnn net, \
      samples come from --inputs (a CSV with one sample per row, each value exactly as the \
      net's input receives it: 0/1 for a bits input, integers in range for a uint/int input; \
      with --labels the last column is the class) or from a data set's test split \
      (--dataset and encoding options, as for `logic eval`: bits for a bits input, raw \
      integers or fixed-point codes for an integer input).

      A QONNX model's input is the float tensor the exporting framework (Brevitas) fed it: \
      the graph's input Quant (or BipolarQuant) node turns it into the net's integer codes, \
      exactly, here as there. So for a QONNX model an --inputs CSV holds those floats, one \
      per input, before the input quantizer (e.g. pixel/16 if the model was trained on \
      pixel/16); --dataset takes each feature's value (e.g. a pixel 0...16) as float32 and \
      computes (value × A) ÷ B + --input-offset with --input-scale A/B (or a decimal A), \
      each step rounded to float32 as numpy and torch do (pixel/255: --input-scale 1/255).

      The net runs bit-packed: ±1 activations and weights 64 per word, XNOR, AND and \
      hardware popcount, blocks of 256 samples on --threads cores. Scores are the last \
      layer's integer dot products; the predicted class is the first largest score (ties \
      to the lowest class, as torch.argmax). --scores writes one row per sample: the \
      scores, then the class. The time is that of the inference alone (not reading the \
      samples), with the rates it implies in samples, 64-bit popcounts and binary \
      multiply-accumulates per second.

      Examples:
        bittrue bnn eval --model out/model.json --dataset mnist --threads 2
        bittrue bnn eval --model model.json --inputs x.csv --labels --scores scores.csv
        bittrue bnn eval --model cnn.onnx --dataset digits --input-scale 1/16
      """)

  @Option(help: "The model file (bittrue-bnn JSON or QONNX).")
  var model: String
  @Option(help: "CSV with one sample per row, values as the net's input takes them.")
  var inputs: String?
  @Flag(help: "With --inputs: the last column is the label; print the accuracy.")
  var labels = false
  @Option(help: "Write per-sample scores and the predicted class here (CSV).")
  var scores: String?
  @Option(help: "Worker threads.")
  var threads: Int = 1
  @Flag(help: "Print a JSON summary instead of text.")
  var json = false
  @Option(help: "QONNX model, --dataset: the graph input is value × A ÷ B (A/B or A).")
  var inputScale: InputScale?
  @Option(help: "QONNX model, --dataset: added to the scaled value (float32).")
  var inputOffset: Float?
  @OptionGroup(title: "Data set (when --inputs is absent)") var data: DatasetOptions

  func validate() throws {
    if inputs == nil && data.dataset == nil {
      throw ValidationError("name the samples: --inputs FILE or --dataset NAME")
    }
    if inputs != nil && data.dataset != nil {
      throw ValidationError("give either --inputs or --dataset, not both")
    }
    if labels && inputs == nil { throw ValidationError("--labels goes with --inputs") }
    if (inputScale != nil || inputOffset != nil) && data.dataset == nil {
      throw ValidationError("--input-scale and --input-offset go with --dataset")
    }
    if let inputOffset, !inputOffset.isFinite {
      throw ValidationError("--input-offset must be a finite number")
    }
    if threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
  }

  func run() throws {
    let design = try BnnModelFile.design(model)
    let net = design.net
    let samples = try loadSamples(design)
    let runtime = PackedBinarizedNet(net)
    let start = DispatchTime.now().uptimeNanoseconds
    let result = runtime.run(samples.values, samples: samples.count, threads: threads)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
    if let scores {
      try ScoresCSV.write(
        result.scores, predicted: result.predicted, classes: net.classes, column: "score",
        to: scores)
    }
    let accuracy = samples.labels.map {
      Accuracy(predictions: result.predicted, labels: $0.map { Int($0) })
    }
    let rates = Throughput(
      work: runtime.workPerSample, samples: samples.count, seconds: seconds, threads: threads)
    if json {
      try RunSummary.printJSON(
        BnnEvalSummary(
          samples: samples.count,
          accuracy: accuracy.map { Double($0.correct) / Double(Swift.max($0.total, 1)) },
          throughput: rates))
      return
    }
    try StandardStreams.writeLine("net: \(Self.shape(net))")
    try StandardStreams.writeLine("samples: \(samples.count) (\(samples.source))")
    try StandardStreams.writeLine(rates.line)
    if let accuracy { try StandardStreams.writeLine(RunSummary.testAccuracyLine(accuracy)) }
  }

  /// The samples the options name, as the net's inputs.
  func loadSamples(_ design: BinarizedNetDesign) throws -> BnnSamples {
    let net = design.net
    guard let quantizer = design.inputQuantizer else {
      if inputScale != nil || inputOffset != nil {
        throw CommandFailure(
          description:
            "--input-scale and --input-offset apply to QONNX models (\(model) is a "
            + "bittrue-bnn net: use the encoding options)")
      }
      return try inputs.map { try BnnSamples(csv: $0, labels: labels, net: net) }
        ?? BnnSamples(dataset: data, net: net)
    }
    if let inputs {
      return try BnnSamples(floatCSV: inputs, labels: labels, net: net, quantizer: quantizer)
    }
    return try BnnSamples(
      dataset: data, net: net, quantizer: quantizer,
      scale: inputScale ?? .one, offset: inputOffset ?? 0)
  }

  /// `uint8 784 → 256 (int8) → 10 (binary)`; a convolutional front shows as
  /// `→ conv3x3 16 (binary) → maxpool2` before the dense layers.
  static func shape(_ net: BinarizedNet) -> String {
    let front = net.features.map { layer -> String in
      switch layer {
      case .convolution(let c):
        return " → conv\(c.kernel)x\(c.kernel) \(c.outputChannels) (\(c.mode.name))"
      case .maxPool(let p): return " → maxpool\(p.size)"
      }
    }
    return "\(BnnSamples.name(of: net.input)) \(net.inputs)" + front.joined()
      + net.layers.map { " → \($0.outputs) (\($0.mode.name))" }.joined()
  }
}

/// The inference rates of one `bnn eval` run.
struct Throughput: Encodable {
  var seconds: Double
  var threads: Int
  var samplesPerSecond: Double
  var popcountsPerSecond: Double
  var binaryMACsPerSecond: Double
  var integerMACsPerSecond: Double

  init(work: PackedBinarizedNet.Work, samples: Int, seconds: Double, threads: Int) {
    let rate = Double(samples) / Swift.max(seconds, 1e-9)
    self.seconds = seconds
    self.threads = threads
    samplesPerSecond = rate
    popcountsPerSecond = rate * Double(work.popcounts)
    binaryMACsPerSecond = rate * Double(work.binaryMACs)
    integerMACsPerSecond = rate * Double(work.integerMACs)
  }

  /// `time: 12.3 ms on 2 threads: 8.1e+05 samples/s, 4.2e+09 popcounts/s, …` (integer
  /// MACs/s only for a net with an integer first layer).
  var line: String {
    func e(_ x: Double) -> String { String(format: "%.3g", x) }
    return "time: \(String(format: "%.3f", seconds * 1000)) ms on \(threads) thread"
      + "\(threads == 1 ? "" : "s"): \(e(samplesPerSecond)) samples/s, "
      + "\(e(popcountsPerSecond)) popcounts/s, \(e(binaryMACsPerSecond)) binary MACs/s"
      + (integerMACsPerSecond > 0 ? ", \(e(integerMACsPerSecond)) integer MACs/s" : "")
  }
}

/// The `--json` summary of `bittrue bnn eval`.
struct BnnEvalSummary: Encodable {
  var samples: Int
  var accuracy: Double?
  var throughput: Throughput
}
