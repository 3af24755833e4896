// Reports benchmark: how long a report takes on large netlists, what width narrowing by range
// analysis saves, and how bittrue's gate counts compare with Yosys's on the same designs —
// all measured in one run. Run: make -C Benchmarks reports  (release build).
import BitTrue
import Foundation

/// Seconds taken by `body` (best of `repeats`), and its last result.
func timed<T>(_ repeats: Int = 1, _ body: () throws -> T) rethrows -> (Double, T) {
  var best = Double.infinity
  var result: T?
  for _ in 0..<repeats {
    let start = ContinuousClock.now
    result = try body()
    let d = ContinuousClock.now - start
    best = min(best, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
  }
  return (best, result!)
}

/// A deterministic pseudo-random stream (SplitMix64) for the generated designs.
struct Stream {
  var state: UInt64
  mutating func next(_ bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((z ^ (z >> 31)) % UInt64(bound))
  }
}

/// An integer dense layer as a generic tool would declare it: `outputs` neurons, each the sum
/// of `inputs` products of an 8-bit signed input and a constant 4-bit signed weight in a
/// 32-bit accumulator, then rounded by 4 bits and saturated to 8 bits.
func denseLayer(inputs: Int, outputs: Int) -> Netlist {
  var n = Netlist(name: "dense")
  var s = Stream(state: 1)
  let x = (0..<inputs).map { n.input("x\($0)", width: 8) }
  for o in 0..<outputs {
    var acc = n.constant(0, width: 32)
    for i in 0..<inputs {
      let w = n.constant(s.next(15) - 7, width: 4)
      acc = n.add(acc, n.mul(x[i], w, .signed, width: 32), .signed, width: 32)
    }
    let y = n.resize(n.round(acc, by: 4, .rndConv, .signed, width: 28), to: 8, .sat, .signed)
    n.output("y\(o)", y)
  }
  return n
}

/// Binary neurons: XNOR of `inputs` bits with constant weights, a popcount declared 16 bits
/// wide, compared with a threshold.
func xnorLayer(inputs: Int, outputs: Int) -> Netlist {
  var n = Netlist(name: "xnor")
  var s = Stream(state: 2)
  let x = n.input("x", width: inputs)
  for o in 0..<outputs {
    let w = n.constant(
      BitVector(width: inputs, words: (0..<(inputs + 63) / 64).map { _ in UInt64(s.next(1 << 62)) })
    )
    let agree = n.not(n.bitwise(.xor, x, w))
    let count = n.popcount([agree], width: 16)
    let threshold = n.constant(inputs / 2 + s.next(9) - 4, width: 16)
    n.output("y\(o)", n.compare(.ge, count, threshold, .unsigned))
  }
  return n
}

/// A difflogic-style network: `layers` layers of `width` random two-input gates; the last
/// layer is split into 10 groups whose popcounts are the class scores.
func gateNetwork(inputs: Int, layers: Int, width: Int) -> Netlist {
  var n = Netlist(name: "gates")
  var s = Stream(state: 3)
  var previous = (0..<inputs).map { n.input("x\($0)", width: 1) }
  for _ in 0..<layers {
    previous = (0..<width).map { _ in
      n.gate(
        GateFunction(table: UInt8(s.next(16))), previous[s.next(previous.count)],
        previous[s.next(previous.count)])
    }
  }
  let group = width / 10
  for c in 0..<10 {
    n.output("class\(c)", n.popcount(Array(previous[(c * group)..<((c + 1) * group)])))
  }
  return n
}

/// The longest a Yosys run may take before it is stopped.
let yosysLimit = 120.0

/// Yosys's two-input gate count (nil when stopped after ``yosysLimit`` seconds) and seconds
/// for `netlist` (`synth -flatten; abc -g …; stat`), or nil without yosys.
func yosys(_ netlist: Netlist) throws -> (gates: Int?, seconds: Double)? {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin"
  guard
    let exe = path.split(separator: ":").map({ "\($0)/yosys" })
      .first(where: { FileManager.default.isExecutableFile(atPath: $0) })
  else { return nil }
  let design = try VerilogEmitter.emit(netlist)
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("reports-bench-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  for file in design.files {
    try Data(file.text.utf8).write(to: folder.appendingPathComponent(file.name))
  }
  let script = YosysComparison.gateScript(
    files: design.files.map(\.name).filter { $0.hasSuffix(".v") }, top: design.moduleName,
    statFile: "stat.json")
  try Data(script.joined(separator: "\n").utf8).write(to: folder.appendingPathComponent("g.ys"))
  let (seconds, status) = try timed { () throws -> Int32 in
    // In a session of its own, so that a stopped run takes ABC (its child) with it.
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
    p.arguments = [exe, "-q", "-s", "g.ys"]
    p.currentDirectoryURL = folder
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    let deadline = Date().addingTimeInterval(yosysLimit)
    while p.isRunning && Date() < deadline { usleep(100_000) }
    if p.isRunning {
      kill(-p.processIdentifier, SIGTERM)
      p.waitUntilExit()
      return -1
    }
    return p.terminationStatus
  }
  if status == -1 { return (nil, seconds) }
  guard status == 0 else { return nil }
  let stat = try String(contentsOf: folder.appendingPathComponent("stat.json"), encoding: .utf8)
  let comparison = try YosysComparison(
    gateScript: script, gateStatistics: stat, ice40Script: script, ice40Statistics: stat)
  return (comparison.twoInputGates, seconds)
}

func f3(_ x: Double) -> String { String(format: "%.3f", x) }

/// Prints one line at once (results appear while the benchmark runs, even into a pipe).
func line(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }

line("## Report time (release, best of 3)\n")
line(
  "| design | nodes | gate-level nodes | range analysis s | bit-blast + optimise s | whole report s | report / bit-blast |"
)
line("|---|---|---|---|---|---|---|")
let designs = [
  ("dense 64→16 (word level)", denseLayer(inputs: 64, outputs: 16)),
  ("xnor 512→64 (word level)", xnorLayer(inputs: 512, outputs: 64)),
  ("gates 200k (16 layers × 12500)", gateNetwork(inputs: 256, layers: 16, width: 12500)),
]
for (name, netlist) in designs {
  let (tRange, _) = timed(3) { RangeAnalysis.ranges(of: netlist) }
  let (tLower, lowered) = try timed(3) { () throws -> Netlist in
    var w = netlist
    try Optimizer.optimize(&w)
    var g = try BitBlast.lower(w).0
    try Optimizer.optimize(&g)
    return g
  }
  let (tReport, _) = try timed(3) { try NetlistReport.make(for: netlist) }
  line(
    "| \(name) | \(netlist.nodes.count) | \(lowered.nodes.count) | \(f3(tRange)) | \(f3(tLower)) "
      + "| \(f3(tReport)) | \(String(format: "%.2f", tReport / tLower))× |")
}

line("\n## Width narrowing by range analysis (`--optimize`)\n")
line(
  "| design | 2-input gates before | after | ratio | depth before | after | bits removed | overflow checks removed | constants |"
)
line("|---|---|---|---|---|---|---|---|---|")
for (name, netlist) in designs.prefix(2) {
  let before = try NetlistReport.make(for: netlist)
  let after = try NetlistReport.make(for: netlist, optimize: true)
  let counters = Dictionary(
    uniqueKeysWithValues: after.optimization!.narrowing.map { ($0.name, $0.count) })
  line(
    "| \(name) | \(before.gateLevel.twoInputGates) | \(after.gateLevel.twoInputGates) | "
      + String(
        format: "%.2f",
        Double(after.gateLevel.twoInputGates) / Double(before.gateLevel.twoInputGates))
      + "× | \(before.timing.logicDepth) | \(after.timing.logicDepth) | \(counters["bits removed"]!) "
      + "| \(counters["overflow checks removed"]!) | \(counters["constants from ranges"]!) |")
}

line("\n## bittrue vs Yosys on the same emitted Verilog\n")
line(
  "| design | bittrue 2-input gates | Yosys 2-input gates | bittrue / Yosys | bittrue report s | Yosys synth s |"
)
line("|---|---|---|---|---|---|")
for (name, netlist) in [
  ("dense 4→1", denseLayer(inputs: 4, outputs: 1)),
  ("dense 4→1, --optimize", try NetlistReport.optimized(denseLayer(inputs: 4, outputs: 1)).netlist),
  ("xnor 128→16", xnorLayer(inputs: 128, outputs: 16)),
  ("gates 8k (8 layers × 1000)", gateNetwork(inputs: 64, layers: 8, width: 1000)),
] {
  let (tReport, report) = try timed { try NetlistReport.make(for: netlist) }
  guard let y = try yosys(netlist) else {
    line("| \(name) | \(report.gateLevel.twoInputGates) | (no yosys) | | \(f3(tReport)) | |")
    continue
  }
  guard let gates = y.gates else {
    line(
      "| \(name) | \(report.gateLevel.twoInputGates) | stopped after \(Int(yosysLimit)) s | | "
        + "\(f3(tReport)) | > \(Int(yosysLimit)) |")
    continue
  }
  line(
    "| \(name) | \(report.gateLevel.twoInputGates) | \(gates) | "
      + String(format: "%.2f", Double(report.gateLevel.twoInputGates) / Double(gates))
      + "× | \(f3(tReport)) | \(f3(y.seconds)) |")
}
