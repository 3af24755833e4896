// `logic-bench compare`: LogicNetInference beside difflogic's own CompiledLogicNet, in one
// process, on the same random inputs (sample-major bytes, one per input bit, as
// CompiledLogicNet's `apply_logic_gate_net` takes them), one core, CPU time. The nets and
// their CompiledLogicNet libraries come from scripts/difflogic_infer_nets.py (NAME.json and
// NAME.so in --dir). Before anything is timed, both engines' counts must equal the model's
// (`DiscreteLogicNet.counts`) on every sample. The calls then alternate (CompiledLogicNet,
// BitTrue, …) so both see the same load, and each side's best and median are reported, with
// the ratio, the ready time, and the input-bandwidth limit: the rate at which one core reads
// the same input bytes (a plain sum over them), as images/s.
//
//   logic-bench compare --dir .build/compare [--nets breast_cancer,digits,random]
//       [--samples 16384] [--repeats 20] [--packed 1 (packed-row and bit-plane inputs too)]
import BitTrue
import Foundation

/// CompiledLogicNet's entry point: `void apply_logic_gate_net(bool const *inp, int *out,
/// size_t len)`, `len` blocks of 64 samples.
typealias CompiledNetFunction =
  @convention(c) (UnsafePointer<UInt8>, UnsafeMutablePointer<Int32>, Int) -> Void

func runComparison() throws {
  let dir = option("dir", ".build/compare")
  let names = option("nets", "breast_cancer,digits,random").split(separator: ",").map(String.init)
  let samples = (int("samples", 16384) + 63) / 64 * 64
  let repeats = int("repeats", 20)
  say("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores, load \(loadAverage())")
  say("\(samples) random samples per call, \(repeats) alternating calls after a warm-up, 1 thread")
  for name in names {
    try compare(name: name, dir: dir, samples: samples, repeats: repeats)
  }
}

func compare(name: String, dir: String, samples: Int, repeats: Int) throws {
  let net = try DiscreteLogicNet(
    interchangeJSON: Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name).json")))
  let (engine, _, readyWall) = try measureOnce { try LogicNetInference(net) }
  guard let library = dlopen("\(dir)/\(name).so", RTLD_NOW),
    let symbol = dlsym(library, "apply_logic_gate_net")
  else {
    fatalError("\(dir)/\(name).so: \(String(cString: dlerror()))")
  }
  let compiled = unsafeBitCast(symbol, to: CompiledNetFunction.self)
  let classes = net.classes
  var rng = CounterRNG(seed: 15).sequential()
  let bytes = (0..<samples * net.inputs).map { _ in UInt8(truncatingIfNeeded: rng.next() & 1) }

  let reference = net.counts(BitMatrix(sampleMajor: bytes, features: net.inputs))
  var theirs = [Int32](repeating: 0, count: samples * classes)
  bytes.withUnsafeBufferPointer { compiled($0.baseAddress!, &theirs, samples / 64) }
  var engines = [
    ("CompiledLogicNet", theirs),
    ("gates64 with Swift packing", engine.evaluateWithPlanes(bits: bytes, count: samples).scores),
  ]
  for path in LogicKernelPath.available {
    engines.append(
      ("\(path) kernels", engine.evaluate(bits: bytes, count: samples, path: path).scores))
  }
  for (label, counts) in engines {
    if let i = (0..<samples * classes).first(where: { reference[$0] != counts[$0] }) {
      fatalError("\(name) sample \(i / classes): \(label) counts differ from the model's")
    }
  }

  var cln = CallTiming()
  var bittrue = CallTiming()
  var before = CallTiming()
  var read = CallTiming()
  var sink: UInt64 = 0
  for r in 0...repeats {
    let c = CallTiming.measure(repeats: 1) {
      bytes.withUnsafeBufferPointer { compiled($0.baseAddress!, &theirs, samples / 64) }
    }
    let b = CallTiming.measure(repeats: 1) {
      sink &+= UInt64(engine.evaluate(bits: bytes, count: samples).predicted[samples - 1])
    }
    let m = CallTiming.measure(repeats: 1) { sink &+= sumWords(bytes) }
    let p = CallTiming.measure(repeats: 1) {
      sink &+= UInt64(engine.evaluateWithPlanes(bits: bytes, count: samples).predicted[0])
    }
    if r > 0 {
      cln.append(c)
      bittrue.append(b)
      read.append(m)
      before.append(p)
    }
  }
  // One and two threads alternating, so both see the same load; wall time.
  var one = CallTiming()
  var two = CallTiming()
  for _ in 0..<repeats {
    one.append(
      CallTiming.measure(repeats: 1) {
        sink &+= UInt64(engine.evaluate(bits: bytes, count: samples).predicted[0])
      })
    two.append(
      CallTiming.measure(repeats: 1) {
        sink &+= UInt64(engine.evaluate(bits: bytes, count: samples, threads: 2).predicted[0])
      })
  }
  let summary = engine.evaluator.summary
  say(
    "\(name): \(net.inputs) inputs, \(net.gateCount) gates, k=\(classes); ready in "
      + String(format: "%.3f s", readyWall) + "; \(summary)")
  say(
    "  check: the counts of \(engines.map { $0.0 }.joined(separator: ", ")) equal the model's on "
      + "all \(samples) samples")
  say("  " + cln.line("CompiledLogicNet (gcc -O1 -march=native)", images: samples))
  say(
    "  "
      + bittrue.line(
        "LogicNetInference.evaluate (\(LogicKernelPath.best) kernels)", images: samples))
  say("  " + before.line("before: Swift packing + gates64 + rows", images: samples))
  say("  " + read.line("input-bandwidth limit (one read of the input bytes)", images: samples))
  let wallRate = { (t: CallTiming) in Double(samples) / t.wall[t.wall.count / 2] }
  let bestWallRate = { (t: CallTiming) in Double(samples) / t.wall[0] }
  say(
    String(
      format: "  2 threads: %.3g images/s median wall, %.2f× one thread's median wall, "
        + "%.2f× its best wall (calls alternating with one-thread calls)",
      wallRate(two), wallRate(two) / wallRate(one), bestWallRate(two) / bestWallRate(one)))
  let rate = { (t: CallTiming) in Double(samples) / t.cpu[0] }
  let medianRate = { (t: CallTiming) in Double(samples) / t.cpu[t.cpu.count / 2] }
  say(
    String(
      format: "  ratio: %.2f× best CPU, %.2f× median CPU (before: %.2f×); %.3g gate-evals/s "
        + "(netlist gates); %.1f%% of the input-bandwidth limit",
      rate(bittrue) / rate(cln), medianRate(bittrue) / medianRate(cln), rate(before) / rate(cln),
      rate(bittrue) * Double(net.gateCount), 100 * rate(bittrue) / rate(read)))
  if option("packed", "0") != "0" {
    comparePacked(
      engine: engine, bytes: bytes, samples: samples, repeats: repeats, compiledRate: rate(cln))
  }
  if sink == 42 { say("") }
}

extension CallTiming {
  /// Adds another timing's samples (kept sorted).
  mutating func append(_ other: CallTiming) {
    cpu = (cpu + other.cpu).sorted()
    wall = (wall + other.wall).sorted()
  }
}

/// A plain sum over the bytes as 64-bit words: what reading the input once costs.
func sumWords(_ bytes: [UInt8]) -> UInt64 {
  bytes.withUnsafeBytes { raw in
    let words = raw.count / 64
    var acc = SIMD8<UInt64>()
    for i in 0..<words {
      acc &+= raw.loadUnaligned(fromByteOffset: 64 * i, as: SIMD8<UInt64>.self)
    }
    return acc.wrappedSum()
  }
}
