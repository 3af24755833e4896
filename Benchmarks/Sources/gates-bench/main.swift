// gates-bench: the bit-parallel gate evaluator (gates64) against straight-line C versions of
// the same networks (the CompiledLogicNet approach), generated, compiled and timed in the
// same run. Usage:
//   gates-bench [--quick] [--samples N] [--repeats N] [--networks a,b] [--no-c]
//     [--clnet-max-gates N] [--pass-words W] [--native-binary PATH] [--out FILE.md]
import BitTrue
import Foundation

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
  arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
let quick = arguments.contains("--quick")
let sampleCount = option("--samples").flatMap(Int.init) ?? 4096
let outputPath = option("--out")
let repeats = option("--repeats").flatMap(Int.init) ?? (quick ? 5 : 15)
let skipC = arguments.contains("--no-c")
// gcc -O1 on CompiledLogicNet's single function took 15 minutes for the 50k-gate net whose
// gates all survive folding, so by default that variant runs on the difflogic-sized nets only.
let clnetMaxGates = option("--clnet-max-gates").flatMap(Int.init) ?? 48_000
let nativeBinary = option("--native-binary")
let nativeLabel = option("--native-label") ?? "-target-cpu native"
let only = option("--networks").map { Set($0.split(separator: ",").map(String.init)) }

let allNetworks: [BenchmarkNetwork] =
  quick
  ? [
    Networks.difflogic(name: "difflogic8k", inputs: 400, layers: 4, width: 2000, seed: 8),
    Networks.difflogic(
      name: "groupsum8k", inputs: 400, layers: 4, width: 2000, seed: 8, groupSum: 10),
  ]
  : [
    Networks.random(
      name: "random50k", inputs: 1000, layerWidths: [8334, 8334, 8333, 8333, 8333, 8333],
      seed: 50),
    Networks.difflogic(
      name: "dense50k", inputs: 1000, layers: 6, width: 8333, seed: 51,
      functions: Networks.twoInputFunctions),
    Networks.difflogic(name: "difflogic8k", inputs: 400, layers: 4, width: 2000, seed: 8),
    Networks.difflogic(name: "difflogic48k", inputs: 400, layers: 6, width: 8000, seed: 48),
    Networks.difflogic(
      name: "groupsum8k", inputs: 400, layers: 4, width: 2000, seed: 8, groupSum: 10),
    Networks.difflogic(
      name: "groupsum48k", inputs: 400, layers: 6, width: 8000, seed: 48, groupSum: 10),
  ]

// Probes for the analysis, run only when named with --networks: a deep narrow net whose
// signals fit in L1 and a shallow wide one whose signals need L2.
let probes = [
  Networks.difflogic(
    name: "narrow", inputs: 100, layers: 200, width: 100, seed: 3,
    functions: Networks.twoInputFunctions),
  Networks.difflogic(
    name: "wide", inputs: 100, layers: 5, width: 4000, seed: 3,
    functions: Networks.twoInputFunctions),
]
let networks =
  only.map { names in (allNetworks + probes).filter { names.contains($0.name) } }
  ?? allNetworks

let variants =
  skipC
  ? []
  : [
    CBaseline.Variant(
      name: "clnet-O1", vectorWords: 1, flags: ["-O1", "-march=native"], singleFunction: true),
    CBaseline.Variant(
      name: "c64-O2", vectorWords: 1, flags: ["-O2", "-fno-tree-slp-vectorize", "-march=native"]),
    CBaseline.Variant(name: "c64-O1", vectorWords: 1, flags: ["-O1", "-march=native"]),
    CBaseline.Variant(
      name: "c512-O2", vectorWords: 8, flags: ["-O2", "-fno-tree-slp-vectorize", "-march=native"]),
  ]

/// One measured engine on one network.
struct Row {
  var engine: String
  var compileSeconds: Double
  var timing: Timing
  var threads = 1
}

let temporary = FileManager.default.temporaryDirectory
  .appendingPathComponent("gates-bench-\(getpid())")
try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: temporary) }

var report = """
  # gates64: bit-parallel gate evaluator vs straight-line C

  - Machine: \(Machine.cpu); shared with other jobs (load average \(Machine.loadAverage) at
    the start), so times are thread CPU time, best of \(repeats) calls after a warm-up.
  - Toolchain: \(Machine.version("swift")); \(Machine.version("gcc")).
  - Command: `make -C Benchmarks gates` (release builds; runs
    `gates-bench \(arguments.dropFirst().joined(separator: " "))`).
  - \(sampleCount) samples per call (8 tiles of 512): the output planes of a call stay in
    cache, as when a caller reduces each chunk (GroupSum) before evaluating the next.
  - gate-evals/s = two-input gates in the netlist × samples / time (the same numerator for
    every engine, whatever each one folds away); samples/s = samples / time.
  - Engines: `gates64` as built by `swift build -c release` (generic x86-64, SSE2) and, in
    its own row, the same code built with `-Xswiftc -target-cpu -Xswiftc native`. C
    `clnet-O1` is CompiledLogicNet's own form (one function of `const` locals, `uint64_t`,
    `gcc -O1 -march=native`, as difflogic 0.1.0 compiles it); `c64-*` and `c512-O2` are the
    split form (functions of ≤ 500 statements over a static value array, `uint64_t` or a
    512-bit vector type), generated after propagating constants and pass-through gates and
    dropping unread gates (what gcc does to the single-function form). Every C variant's
    outputs are checked bit for bit against gates64's, and gates64 against the reference
    interpreter on the first 64 samples.


  """

for network in networks {
  print("== \(network.name): \(network.description)")
  let netlist = network.netlist
  let compileStart = Date()
  var evaluator = try GateEvaluator(netlist)
  if let words = option("--pass-words").flatMap(Int.init) { evaluator.passWords = words }
  let swiftCompile = Date().timeIntervalSince(compileStart)
  print("   gates64 program: \(evaluator.summary) (compiled in \(swiftCompile) s)")
  fflush(nil)

  var inputs = BitPlanes(bitCount: evaluator.inputBitCount, sampleCount: sampleCount)
  let rng = CounterRNG(seed: 7, stream: 99)
  inputs.withUnsafeMutableWords { words in
    for i in words.indices { words[i] = rng.word(at: UInt64(i)) }
  }
  let expected = evaluator.evaluate(inputs)

  // gates64 against the reference interpreter on the first 64 samples.
  let vectors = (0..<64).map { s in
    (0..<inputs.bitCount).map {
      BitVector(width: 1, truncating: inputs[bit: $0, sample: s] ? 1 : 0)
    }
  }
  let reference = try ReferenceInterpreter(netlist).run(vectors)
  for s in 0..<64 {
    for (port, value) in reference[s].enumerated()
    where value[bit: 0] != expected[bit: port, sample: s] {
      throw BenchmarkError(
        "\(network.name): gates64 differs from interp at sample \(s), output \(port)")
    }
  }

  var rows: [Row] = []
  var swiftOutputs = expected
  let swiftTiming = Timing.measure(repeats: repeats) {
    evaluator.evaluate(inputs, into: &swiftOutputs)
  }
  rows.append(Row(engine: "gates64 (Swift)", compileSeconds: swiftCompile, timing: swiftTiming))
  let threaded = Timing.measure(repeats: repeats) {
    evaluator.evaluate(inputs, into: &swiftOutputs, threads: 2)
  }
  guard swiftOutputs == expected else {
    throw BenchmarkError("\(network.name): gates64 results changed between calls")
  }
  rows.append(
    Row(
      engine: "gates64 (Swift), 2 threads", compileSeconds: swiftCompile, timing: threaded,
      threads: 2))

  print("gates64-timing \(swiftTiming.bestCPU) \(swiftTiming.medianCPU) \(swiftTiming.bestWall)")
  if let nativeBinary {
    let timing = try nativeTiming(
      nativeBinary, network: network.name, samples: sampleCount, repeats: repeats)
    rows.insert(
      Row(engine: "gates64 (Swift, \(nativeLabel))", compileSeconds: swiftCompile, timing: timing),
      at: 1)
  }

  var outputs = [UInt64](repeating: 0, count: expected.words.count)
  let tiles = inputs.tileCount
  for variant in variants where !variant.singleFunction || network.gates <= clnetMaxGates {
    let compiled = try CBaseline.compile(netlist, variant, in: temporary)
    print(
      "   \(variant.name): gcc \(variant.flags.joined(separator: " ")) took \(compiled.compileSeconds) s"
    )
    fflush(nil)
    let call = {
      inputs.words.withUnsafeBufferPointer { input in
        outputs.withUnsafeMutableBufferPointer { output in
          compiled.entry(input.baseAddress, output.baseAddress, tiles, 0)
        }
      }
    }
    call()
    guard outputs == expected.words else {
      throw BenchmarkError("\(network.name): \(variant.name) output differs from gates64")
    }
    rows.append(
      Row(
        engine: "C \(variant.name)", compileSeconds: compiled.compileSeconds,
        timing: Timing.measure(repeats: repeats, call)))
  }

  let evaluations = Double(network.gates) * Double(sampleCount)
  func time(_ row: Row) -> Double { row.threads == 1 ? row.timing.bestCPU : row.timing.bestWall }
  let c64 = rows.first { $0.engine == "C c64-O2" }.map(time)
  let clnet = rows.first { $0.engine == "C clnet-O1" }.map(time)
  func ratio(_ base: Double?, _ t: Double) -> String {
    base.map { String(format: "%.2f×", $0 / t) } ?? "–"
  }
  report += """
    ## \(network.name)

    \(network.description). gates64 program: \(evaluator.summary).

    | engine | compile (s) | time / call (ms) | median (ms) | gate-evals/s | samples/s | vs C c64-O2 | vs C clnet-O1 |
    |---|---:|---:|---:|---:|---:|---:|---:|

    """
  for row in rows {
    let t = time(row)
    let line =
      String(
        format: "| %@ | %.2f | %.3f | %.3f | %.3g | %.3g | ", row.engine, row.compileSeconds,
        t * 1e3, (row.threads == 1 ? row.timing.medianCPU : row.timing.medianWall) * 1e3,
        evaluations / t, Double(sampleCount) / t)
      + "\(ratio(c64, t)) | \(ratio(clnet, t)) |\n"
    report += line
    print("   " + line, terminator: "")
    fflush(nil)
  }
  report += "\n"
}

if let outputPath {
  let url = URL(fileURLWithPath: outputPath)
  let temporaryFile = url.deletingLastPathComponent().appendingPathComponent(
    ".\(url.lastPathComponent).tmp")
  try report.write(to: temporaryFile, atomically: false, encoding: .utf8)
  guard rename(temporaryFile.path, url.path) == 0 else {
    throw BenchmarkError("cannot rename \(temporaryFile.path) to \(url.path)")
  }
  print("wrote \(outputPath)")
} else {
  print(report)
}

/// Times gates64 in a second build of this benchmark (the same code compiled for the host
/// CPU) on the same network.
func nativeTiming(_ binary: String, network: String, samples: Int, repeats: Int) throws -> Timing {
  let process = Process()
  let pipe = Pipe()
  process.executableURL = URL(fileURLWithPath: binary)
  process.arguments = [
    "--networks", network, "--no-c", "--samples", "\(samples)", "--repeats", "\(repeats)",
  ]
  process.standardOutput = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  let line = String(decoding: data, as: UTF8.self).split(separator: "\n")
    .first { $0.hasPrefix("gates64-timing ") }
  let numbers = line?.split(separator: " ").dropFirst().compactMap { Double($0) } ?? []
  guard process.terminationStatus == 0, numbers.count == 3 else {
    throw BenchmarkError("\(binary) gave no timing for \(network)")
  }
  return Timing(
    bestCPU: numbers[0], medianCPU: numbers[1], bestWall: numbers[2], medianWall: numbers[2])
}
