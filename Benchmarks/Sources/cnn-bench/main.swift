// The MiniMNIST CNN of issue 12 with random weights: bit-packed throughput and netlist size.
//
//   cnn-bench [samples] [file] [gates]
//
// 8-bit 1×28×28 → 3×3 ternary conv, 16 channels → 3×3 binary conv, 32 channels → 2×2
// max-pool → dense 32 → 32 → 10 (no padding: 28 → 26 → 24 → 12, 4608 features). Writes the
// net as a bittrue-bnn file when `file` is given (for `bittrue netlist report`); with `gates`,
// also measures the gate-level form (what `bittrue netlist report` counts; minutes, GBs).
import BenchSupport
import BitTrue
import Foundation

var counter: UInt64 = 0
@MainActor func next(_ n: Int) -> Int {
  counter += 1
  return Int(splitmix(counter) % UInt64(n))
}

@MainActor func activations(_ count: Int, spread: Int) -> [NeuronActivation] {
  (0..<count).map { _ in
    let t = next(2 * spread + 1) - spread
    return next(2) == 0 ? .atLeast(t) : .atMost(t)
  }
}

@MainActor func conv(_ mode: WeightMode, _ c: Int, _ o: Int, spread: Int) -> FeatureLayer {
  let weights = (0..<(o * c * 9)).map { _ -> Int16 in
    mode == .binary ? (next(2) == 0 ? -1 : 1) : Int16(next(3) - 1)
  }
  return .convolution(
    ConvolutionLayer(
      mode: mode, inputChannels: c, outputChannels: o, kernel: 3, stride: 1, padding: 0,
      weights: weights, activations: activations(o, spread: spread)))
}

@MainActor func dense(_ inputs: Int, _ outputs: Int, hidden: Bool) -> DenseLayer {
  DenseLayer(
    mode: .binary, inputs: inputs, outputs: outputs,
    weights: (0..<(inputs * outputs)).map { _ in next(2) == 0 ? -1 : 1 },
    activations: hidden ? activations(outputs, spread: 8) : nil)
}

let arguments = CommandLine.arguments
let samples = arguments.count > 1 ? Int(arguments[1]) ?? 2000 : 2000
let net = try BinarizedNet(
  input: .integers(bits: 8, signed: false), inputs: 784,
  image: ImageShape(channels: 1, height: 28, width: 28),
  features: [
    conv(.ternary, 1, 16, spread: 300), conv(.binary, 16, 32, spread: 12),
    .maxPool(MaxPoolLayer(size: 2, stride: 2)),
  ],
  layers: [
    dense(4608, 32, hidden: true), dense(32, 32, hidden: true), dense(32, 10, hidden: false),
  ])
if arguments.count > 2 {
  try Data(net.fileText().utf8).write(to: URL(fileURLWithPath: arguments[2]))
}

let values = (0..<(samples * 784)).map { _ in next(256) }
let packed = PackedBinarizedNet(net)
// Popcount words per sample: conv2 24·24 positions × 32 channels × ⌈144/64⌉, then the
// dense layers 32·⌈4608/64⌉ + 32·1 + 10·1; conv1 is 26·26·16·9 integer multiply-adds.
let words = 24 * 24 * 32 * 3 + 32 * 72 + 32 + 10
let macs = 26 * 26 * 16 * 9
/// Seconds of CPU time used by the process (all threads).
func cpuTime() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

for threads in [1, 2] {
  var best = Double.infinity
  var bestCPU = Double.infinity
  var digest = 0
  for _ in 0..<3 {
    let start = now()
    let cpu = cpuTime()
    let result = packed.run(values, samples: samples, threads: threads)
    best = min(best, now() - start)
    bestCPU = min(bestCPU, cpuTime() - cpu)
    digest = result.predicted.reduce(0) { ($0 &* 31) &+ $1 }
  }
  let rate = Double(samples) / best
  let cpuRate = Double(samples) / bestCPU
  print(
    String(
      format: "packed, %d thread(s): %.0f samples/s wall, %.0f samples per CPU-second; "
        + "per CPU-second %.3g popcount words, %.3g conv1 MACs (digest %d)", threads, rate,
      cpuRate, cpuRate * Double(words), cpuRate * Double(macs), digest))
}
let check = (0..<min(samples, 20)).allSatisfy { s in
  let sample = Array(values[(s * 784)..<((s + 1) * 784)])
  return packed.run(sample, samples: 1).scores == net.referenceScores(sample)
}
print("packed == reference on \(min(samples, 20)) samples: \(check)")

let start = now()
let netlist = BinarizedNetLowering.lower(net)
let lowering = now() - start
var byOp: [String: Int] = [:]
var popcountInputs = 0
for node in netlist.nodes {
  byOp[node.op.mnemonic, default: 0] += 1
  if node.op == .popcount { popcountInputs += node.operands.count }
}
print(
  String(
    format: "netlist: %d nodes (lowered in %.1f s), %d popcount input bits", netlist.nodes.count,
    lowering, popcountInputs))
for (op, count) in byOp.sorted(by: { $0.value > $1.value }) { print("  \(op): \(count)") }

if arguments.count > 3 && arguments[3] == "gates" {
  let start = now()
  let report = try NetlistReport.make(for: netlist)
  let cells = report.gateLevel
  print(
    String(
      format: "gate level (%.0f s): %d two-input gates, %d NOT, %d full adders, %d half adders, "
        + "logic depth %d", now() - start, cells.twoInputGates, cells.not, cells.fullAdders,
      cells.halfAdders, cells.logicDepth))
}
