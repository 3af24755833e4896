// `logic-bench infer`: single-core inference throughput of a trained net on the MNIST test
// images, through LogicNetInference (gates, GroupSum popcounts and argmax all in the
// bit-parallel evaluator), with its "ready in" time. The images are encoded exactly as the
// CLI does (`--crop-border` pixels removed, thermometer with one uniform threshold: x > 127
// on every pixel of mnist20x20), and every engine's counts are checked against the model
// before anything is timed.
//
//   logic-bench infer --net /tmp/ev/mnist20/net.json --mnist /work/shared/data \
//       [--crop 4] [--repeats 30] [--scores out.csv]
import BitTrue
import Foundation

/// Repeated timings of one call: thread CPU time (one core's work, robust on a shared
/// machine) and wall time, best and median.
struct CallTiming {
  var cpu: [Double] = []
  var wall: [Double] = []

  /// Times `repeats` calls of `body` after one warm-up call.
  static func measure(repeats: Int, _ body: () -> Void) -> CallTiming {
    body()
    var timing = CallTiming()
    for _ in 0..<repeats {
      let c0 = clockSeconds(CLOCK_THREAD_CPUTIME_ID)
      let w0 = clockSeconds(CLOCK_MONOTONIC)
      body()
      timing.wall.append(clockSeconds(CLOCK_MONOTONIC) - w0)
      timing.cpu.append(clockSeconds(CLOCK_THREAD_CPUTIME_ID) - c0)
    }
    timing.cpu.sort()
    timing.wall.sort()
    return timing
  }

  static func clockSeconds(_ clock: clockid_t) -> Double {
    var t = timespec()
    clock_gettime(clock, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
  }

  /// `name: best / median CPU ms, median wall ms, images/s (best CPU)`.
  func line(_ name: String, images: Int) -> String {
    let bestCPU = cpu[0]
    let medianCPU = cpu[cpu.count / 2]
    let medianWall = wall[wall.count / 2]
    return String(
      format: "%@: %.3f ms best CPU, %.3f ms median CPU, %.3f ms median wall → "
        + "%.3g images/s (best CPU), %.3g images/s (median wall)",
      name, bestCPU * 1e3, medianCPU * 1e3, medianWall * 1e3, Double(images) / bestCPU,
      Double(images) / medianWall)
  }
}

/// Process CPU seconds and wall seconds around `body`.
func measureOnce<T>(_ body: () throws -> T) rethrows -> (T, cpu: Double, wall: Double) {
  let c0 = cpuSeconds()
  let w0 = CallTiming.clockSeconds(CLOCK_MONOTONIC)
  let value = try body()
  return (value, cpuSeconds() - c0, CallTiming.clockSeconds(CLOCK_MONOTONIC) - w0)
}

func runInference() throws {
  guard let netPath = options["net"] else {
    say("usage: logic-bench infer --net NET.json --mnist DATA_DIR [--crop 4] [--repeats 30]")
    return
  }
  let repeats = int("repeats", 30)
  say("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, load \(loadAverage())")

  // The net: parse, then "ready" = lower + optimise + bit-blast + compile the program.
  let (net, _, parseWall) = try measureOnce {
    try DiscreteLogicNet(interchangeJSON: Data(contentsOf: URL(fileURLWithPath: netPath)))
  }
  let (engine, readyCPU, readyWall) = try measureOnce { try LogicNetInference(net) }
  let stats = engine.statistics
  say(
    "net: \(net.inputs) inputs, \(net.gateCount) gates in \(net.layers.count) layers, "
      + "\(net.classes) classes; parsed in \(String(format: "%.3f", parseWall)) s")
  say(
    "ready in \(String(format: "%.3f", readyWall)) s wall / \(String(format: "%.3f", readyCPU)) "
      + "s CPU (lower + optimise + bit-blast + compile): gate layers \(stats.modelGates) → "
      + "\(stats.remainingGates); gate-level netlist \(engine.evaluator.summary)")

  // The images, encoded as the CLI encodes them.
  let request = DatasetRequest(
    source: "mnist", dataDirectory: option("mnist", "/work/shared/data"),
    cropBorder: int("crop", 4))
  let dataset = try DatasetLoader.load(request)
  let encoder = try FittedEncoder(
    .thermometer(thresholds: 1, placement: .uniform), fittedOn: dataset)
  guard case .bits(let matrix) = encoder.encode(dataset.test.inputs) else {
    preconditionFailure("thermometer inputs are bits")
  }
  let bytes = matrix.sampleMajorBytes()
  let count = dataset.test.count
  precondition(matrix.columns == net.inputs, "the net has \(net.inputs) inputs")

  // Check: the engine's counts and classes equal the model's on every image.
  let reference = net.counts(BitMatrix(sampleMajor: bytes, features: net.inputs))
  let result = engine.evaluate(bits: bytes, count: count)
  if let s = (0..<count * net.classes).first(where: { reference[$0] != result.scores[$0] }) {
    fatalError("image \(s / net.classes): gates64 counts differ from the model's")
  }
  let predicted = DiscreteLogicNet.firstArgmax(reference, classes: net.classes)
  precondition(predicted == result.predicted, "argmax differs")
  let correct = zip(predicted, dataset.test.labels).count { $0.0 == $0.1 }
  say(
    "check: counts and classes equal the model's on all \(count) test images; accuracy "
      + String(format: "%.2f%%", Double(correct) / Double(count) * 100))
  if let path = options["scores"] {
    var text = (0..<net.classes).map { "count\($0)" }.joined(separator: ",") + ",class\n"
    for s in 0..<count {
      text +=
        result.scores[s * net.classes..<(s + 1) * net.classes].map(String.init)
        .joined(separator: ",") + ",\(result.predicted[s])\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
  }

  // Timings, one thread.
  say("timings: \(count) images per call, \(repeats) calls after a warm-up, 1 thread")
  var sink = 0
  let full = CallTiming.measure(repeats: repeats) {
    let r = engine.evaluate(bits: bytes, count: count)
    sink &+= r.predicted[count - 1]
  }
  say(full.line("LogicNetInference.evaluate (bytes in → counts + classes out)", images: count))
  let planes = BitPlanes(rowBytes: bytes, bitCount: net.inputs, sampleCount: count)
  var outputs = BitPlanes(bitCount: engine.evaluator.outputBitCount, sampleCount: count)
  let core = CallTiming.measure(repeats: repeats) {
    engine.evaluator.evaluate(planes, into: &outputs)
  }
  say(core.line("gates64 evaluator only (bit planes in and out)", images: count))
  let transpose = CallTiming.measure(repeats: repeats) {
    let p = BitPlanes(rowBytes: bytes, bitCount: net.inputs, sampleCount: count)
    sink &+= Int(truncatingIfNeeded: p.words[0])
  }
  say(transpose.line("input packing alone (bytes → bit planes)", images: count))
  let packed = BitMatrix(sampleMajor: bytes, features: net.inputs)
  let model = CallTiming.measure(repeats: max(3, repeats / 10)) {
    sink &+= Int(net.counts(packed)[0])
  }
  say(model.line("model reference (unoptimised layers, 64 samples/word)", images: count))
  if sink == 42 { say("") }
}

func loadAverage() -> String {
  let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?"
  return text.split(separator: " ").prefix(3).joined(separator: " ")
}
