// bnn-bench: PackedBinarizedNet throughput on FINN's SFC (784→256→256→256→10) and LFC
// (784→1024→1024→1024→10) binary MLPs with random ±1 weights and thresholds, on random bit
// inputs already packed (BitMatrix rows), for 1 and 2 threads. Also the hidden layers alone
// (a net whose input is the first hidden layer's output). Prints one line per case:
//   bnn <net> <part> <threads> <samples> <best seconds> <popcounts/sample> <binary MACs/sample>
//       <best CPU seconds>
// (wall-clock and process CPU time, each the best of the repeats: on a shared machine the CPU
// time tells what one core does when it runs).
// With an output folder, also writes per case `<folder>/<net>-<part>/`: the net's NumPy form
// (BinarizedNet.numpyFiles), `inputs.u8` (samples × inputs bytes, 0/1) and `predicted.txt`
// (BitTrue's classes), so the PyTorch baseline runs the very same net and checks its classes.
// Usage: bnn-bench [samples] [repeats] [folder]
import BenchSupport
import BitTrue

#if canImport(Glibc)
  import Glibc
#endif

/// CPU seconds of the process (all threads).
func cpuTime() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

let arguments = CommandLine.arguments
let samples = arguments.count > 1 ? Int(arguments[1]) ?? 10_000 : 10_000
let repeats = arguments.count > 2 ? Int(arguments[2]) ?? 5 : 5
let folder = arguments.count > 3 ? arguments[3] : nil

/// Writes `bytes` to `path` (the benchmark's own scratch files).
func save(_ bytes: [UInt8], to path: String) {
  guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
  _ = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
  fclose(file)
}

/// A binary MLP with `widths[0]` bit inputs, seeded weights and thresholds near the middle
/// of each hidden neuron's dot range (so about half fire).
func binaryNet(_ widths: [Int], seed: UInt64) throws -> BinarizedNet {
  var counter = seed << 32
  func next() -> UInt64 {
    counter += 1
    return splitmix(counter)
  }
  var layers: [DenseLayer] = []
  for l in 1..<widths.count {
    let (inputs, outputs) = (widths[l - 1], widths[l])
    let weights = (0..<(inputs * outputs)).map { _ in next() & 1 == 0 ? Int16(1) : -1 }
    let activations: [NeuronActivation]? =
      l + 1 < widths.count
      ? (0..<outputs).map { _ in .atLeast(Int(next() % 9) - 4) } : nil
    layers.append(
      DenseLayer(
        mode: .binary, inputs: inputs, outputs: outputs, weights: weights,
        activations: activations))
  }
  return try BinarizedNet(input: .bits, inputs: widths[0], layers: layers)
}

func randomBits(rows: Int, columns: Int, seed: UInt64) -> BitMatrix {
  let words = (columns + 63) / 64
  let tail = columns % 64
  var values = [UInt64](repeating: 0, count: rows * words)
  for i in 0..<values.count {
    values[i] = splitmix(seed << 40 | UInt64(i))
    if tail != 0 && i % words == words - 1 { values[i] &= (1 << UInt64(tail)) - 1 }
  }
  return BitMatrix(rows: rows, columns: columns, words: values)
}

let shapes: [(String, [Int])] = [
  ("SFC", [784, 256, 256, 256, 10]),
  ("LFC", [784, 1024, 1024, 1024, 10]),
]
var checksum = 0
for (name, widths) in shapes {
  for (part, layers) in [("all", widths), ("hidden", Array(widths.dropFirst()))] {
    let net = try binaryNet(layers, seed: UInt64(layers.count))
    let runtime = PackedBinarizedNet(net)
    let inputs = randomBits(rows: samples, columns: layers[0], seed: 7)
    let work = runtime.workPerSample
    if let folder {
      let dir = "\(folder)/\(name)-\(part)"
      mkdir(dir, 0o755)
      for file in try! net.numpyFiles() { save(file.bytes, to: "\(dir)/\(file.name)") }
      var bytes = [UInt8](repeating: 0, count: samples * layers[0])
      for s in 0..<samples {
        for i in 0..<layers[0] where inputs[s, i] { bytes[s * layers[0] + i] = 1 }
      }
      save(bytes, to: "\(dir)/inputs.u8")
      let predicted = runtime.run(bits: inputs, threads: 2).predicted
      save(
        Array(predicted.map(String.init).joined(separator: "\n").utf8), to: "\(dir)/predicted.txt")
    }
    for threads in [1, 2] {
      var best = Double.infinity
      var bestCPU = Double.infinity
      for _ in 0..<repeats {
        let (start, startCPU) = (now(), cpuTime())
        let result = runtime.run(bits: inputs, threads: threads)
        best = min(best, now() - start)
        bestCPU = min(bestCPU, cpuTime() - startCPU)
        checksum &+= result.predicted.reduce(0, &+)
      }
      print(
        "bnn \(name) \(part) \(threads) \(samples) \(best) \(work.popcounts) \(work.binaryMACs) "
          + "\(bestCPU)")
    }
  }
}
print("# checksum \(checksum)")
