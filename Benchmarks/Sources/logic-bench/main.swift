// logic-bench: training throughput of the LogicNets CPU trainer, and a driver for the
// accuracy experiments recorded in results/logicnets.md.
//
//   logic-bench throughput --inputs 400 --widths 8000x6 --classes 10 --batch 100 \
//       --steps 30 --threads 2 [--tile 16]
//   logic-bench train --data /tmp/lgdata/mnist20 --inputs 400 --widths 8000x6 --classes 10 \
//       --tau 10 --iterations 20000 --batch 100 --threads 2 --eval-every 2000 [--scale 255] \
//       [--out model.json] [--svg curve.svg] [--net net.json]
//
//   logic-bench infer --net net.json --mnist DATA_DIR [--crop 4] [--repeats 30]
//       (inference throughput and "ready in" time; see Inference.swift)
//   logic-bench compare --dir .build/compare (beside CompiledLogicNet; see Compare.swift)
//
// `--data P` reads P_train.x / P_train.y / P_test.x / P_test.y: raw bytes, sample-major
// inputs (value = byte / scale) and one label byte per sample.
import BitTrue
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
let mode = arguments.first ?? "throughput"
let options: [String: String] = {
  var out: [String: String] = [:]
  var rest = arguments.dropFirst()
  while rest.count >= 2 {
    out[String(rest.removeFirst().drop { $0 == "-" })] = rest.removeFirst()
  }
  return out
}()

/// Prints and flushes at once (the log is followed while training runs).
func say(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
func option(_ name: String, _ fallback: String) -> String { options[name] ?? fallback }
func int(_ name: String, _ fallback: Int) -> Int { Int(option(name, "\(fallback)"))! }

/// "8000x6" → six layers of 8000; "64,64,32" → as listed.
func widths(_ text: String) -> [Int] {
  if let x = text.firstIndex(of: "x") {
    return Array(repeating: Int(text[..<x])!, count: Int(text[text.index(after: x)...])!)
  }
  return text.split(separator: ",").map { Int($0)! }
}

func config() -> LogicNetConfig {
  LogicNetConfig(
    inputs: int("inputs", 400), layerWidths: widths(option("widths", "8000x6")),
    classes: int("classes", 10), tau: Float(option("tau", "10"))!,
    connections: ConnectionScheme(rawValue: option("connections", "unique"))!,
    initialization: option("init", "gaussian") == "residual" ? .residual(z: 5) : .gaussian,
    seed: UInt64(option("seed", "0"))!, gradFactor: Float(option("grad-factor", "1"))!)
}

func trainingOptions(iterations: Int) -> TrainingOptions {
  TrainingOptions(
    iterations: iterations, batchSize: int("batch", 100),
    learningRate: Float(option("lr", "0.01"))!, threads: int("threads", 1),
    partitions: options["partitions"].map { Int($0)! } ?? TrainingOptions.defaultPartitions,
    tileWidth: int("tile", 8),
    evaluationInterval: int("eval-every", 0), trainEvaluationLimit: int("train-eval", 10_000))
}

func load(_ path: String, inputs: Int, scale: Float) throws -> LogicDataset {
  let x = try Data(contentsOf: URL(fileURLWithPath: path + ".x"))
  let y = try Data(contentsOf: URL(fileURLWithPath: path + ".y"))
  return try LogicDataset(
    values: x.map { Float($0) / scale }, inputs: inputs, labels: y.map { Int32($0) })
}

/// CPU seconds used by this process (all threads).
func cpuSeconds() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
    + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) * 1e-6
}

func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

switch mode {
case "throughput":
  let c = config()
  let steps = int("steps", 30)
  let batch = int("batch", 100)
  var rng = CounterRNG(seed: 99).sequential()
  let n = 4 * batch
  let data = try LogicDataset(
    bits: (0..<n * c.inputs).map { _ in UInt8(rng.next() & 1) }, inputs: c.inputs,
    labels: (0..<n).map { _ in Int32(rng.next() % UInt64(c.classes)) })
  var trainer = try LogicNetTrainer(
    model: LogicNetModel(config: c), options: trainingOptions(iterations: 0))
  let batches = (0..<4).map { b in Array(b * batch..<(b + 1) * batch) }
  _ = try await trainer.step(batch: batches[0], data: data)  // warm-up
  let clock = ContinuousClock()
  let start = clock.now
  let cpuStart = cpuSeconds()
  for s in 0..<steps { _ = try await trainer.step(batch: batches[s % 4], data: data) }
  let elapsed = seconds(clock.now - start)
  let cpu = cpuSeconds() - cpuStart
  say(
    "gates \(c.gateCount) batch \(batch) tile \(int("tile", 8)) threads \(int("threads", 1)): "
      + "\(String(format: "%.1f", elapsed / Double(steps) * 1000)) ms/step wall, "
      + "\(String(format: "%.0f", Double(steps * batch) / elapsed)) samples/s wall, "
      + "\(String(format: "%.0f", Double(steps * batch) / cpu)) samples/CPU-s")

case "train":
  let c = config()
  let prefix = option("data", "/tmp/lgdata/monk1")
  let scale = Float(option("scale", "1"))!
  let train = try load(prefix + "_train", inputs: c.inputs, scale: scale)
  let test = try load(prefix + "_test", inputs: c.inputs, scale: scale)
  let iterations = int("iterations", 1000)
  var trainer = try LogicNetTrainer(
    model: LogicNetModel(config: c), options: trainingOptions(iterations: iterations))
  say("gates \(c.gateCount), train \(train.count), test \(test.count), \(iterations) iterations")
  let report = try await trainer.train(on: train, test: test) { progress in
    if let entry = progress.entry { say(entry.line) }
  }
  say(
    "best (by train accuracy) at iteration \(report.best.iteration): "
      + "test \(String(format: "%.2f", (report.best.testAccuracy ?? 0) * 100))%")
  say(
    "step time \(String(format: "%.1f", report.stepSeconds)) s, "
      + "\(String(format: "%.0f", report.samplesPerSecond)) samples/s")
  say("weights digest: \(report.finalModel.weightsDigest)")
  if let path = options["out"] {
    try report.bestModel.fileData().write(to: URL(fileURLWithPath: path))
  }
  if let path = options["net"] {
    try report.bestModel.discretized().interchangeJSON().write(
      toFile: path, atomically: true, encoding: .utf8)
  }
  if let path = options["svg"] {
    try TrainingCurveSVG.render(report.log, title: option("title", prefix)).write(
      toFile: path, atomically: true, encoding: .utf8)
  }

case "layout":
  // Feature-major SIMD tiles (the trainer, via `gradients`: forward + backward, no Adam)
  // against a plain batch-major loop (one sample at a time, neurons contiguous).
  let c = config()
  let batch = int("batch", 100)
  let steps = int("steps", 10)
  var rng = CounterRNG(seed: 7).sequential()
  let data = try LogicDataset(
    bits: (0..<batch * c.inputs).map { _ in UInt8(rng.next() & 1) }, inputs: c.inputs,
    labels: (0..<batch).map { _ in Int32(rng.next() % UInt64(c.classes)) })
  let model = try LogicNetModel(config: c)
  var trainer = try LogicNetTrainer(model: model, options: trainingOptions(iterations: 0))
  let all = Array(0..<batch)
  _ = try await trainer.gradients(batch: all, data: data)
  var cpu = cpuSeconds()
  for _ in 0..<steps { _ = try await trainer.gradients(batch: all, data: data) }
  let tiled = (cpuSeconds() - cpu) / Double(steps)
  let batchMajor = BatchMajorReference(model: model)
  batchMajor.pass(data)
  cpu = cpuSeconds()
  for _ in 0..<steps { batchMajor.pass(data) }
  let plain = (cpuSeconds() - cpu) / Double(steps)
  say(
    "gates \(c.gateCount) batch \(batch): feature-major tiles (tile \(int("tile", 8))) "
      + "\(String(format: "%.1f", tiled * 1000)) CPU-ms, batch-major scalar "
      + "\(String(format: "%.1f", plain * 1000)) CPU-ms per forward+backward")

case "infer":
  try runInference()

case "compare":
  try runComparison()

default:
  say("usage: logic-bench throughput|train|layout|infer|compare [--option value …]")
}
