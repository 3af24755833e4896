// Compares popcount / adder-tree architectures built from two-input gates: gate count, full
// and half adders, and logic depth (LogicDepth: a 2-input gate is one level, NOT is free),
// for n = 8 … 1000 input bits; then times the passes on a large netlist.
// Run: make -C Benchmarks passes  (release build).
import BitTrue
import Foundation

/// Wraps a gate builder but hides arrival times, so the column compressor pairs bits in
/// plain FIFO order (a carry-save tree without timing).
struct Untimed: BitAlgebra {
  var inner: GateBuilder
  mutating func constant(_ value: Bool) -> GateLiteral { inner.constant(value) }
  mutating func gate(_ f: GateFunction, _ a: GateLiteral, _ b: GateLiteral) -> GateLiteral {
    inner.gate(f, a, b)
  }
  mutating func not(_ a: GateLiteral) -> GateLiteral { inner.not(a) }
  func knownValue(_ bit: GateLiteral) -> Bool? { inner.knownValue(bit) }
  mutating func countAdder(_ kind: AdderKind) { inner.countAdder(kind) }
}

struct Row {
  var gates = 0
  var full = 0
  var half = 0
  var depth = 0
}

/// Builds n input bits, lets `build` sum them, and measures the finished netlist.
func measure(_ n: Int, _ build: (inout GateBuilder, [GateLiteral], Int) -> [GateLiteral]) -> Row {
  var b = GateBuilder(netlist: Netlist(name: "popcount"))
  let x = b.append(Node(op: .input("x"), operands: [], width: n, name: "x"))
  let bits = (0..<n).map { GateLiteral(b.append(Node(op: .slice($0), operands: [x], width: 1))) }
  let width = Netlist.bitLength(n)
  let sum = build(&b, bits, width).map { b.materialize($0) }
  let y = b.append(Node(op: .concat, operands: sum.reversed(), width: width))
  b.append(Node(op: .output("y"), operands: [y], width: width, name: "y"))
  var netlist = b.netlist
  DeadNodeElimination.eliminate(in: &netlist)
  return Row(
    gates: netlist.nodes.filter { $0.op.mnemonic == "gate" }.count, full: b.fullAdders,
    half: b.halfAdders, depth: LogicDepth.depth(of: netlist))
}

/// Three-greedy column compressor with arrival times (what PopcountLowering uses).
func threeGreedy(_ b: inout GateBuilder, _ bits: [GateLiteral], _ w: Int) -> [GateLiteral] {
  b.popcount(bits, width: w)
}

/// The same compressor pairing bits first-in first-out (no timing information).
func fifoCompressor(_ b: inout GateBuilder, _ bits: [GateLiteral], _ w: Int) -> [GateLiteral] {
  var u = Untimed(inner: b)
  let out = u.popcount(bits, width: w)
  b = u.inner
  return out
}

/// The compressor down to two rows, then a parallel-prefix adder.
func twoRowsPrefix(_ b: inout GateBuilder, _ bits: [GateLiteral], _ w: Int) -> [GateLiteral] {
  b.popcount(bits, width: w, .parallelPrefix)
}

/// A balanced tree of ripple-carry adders, each just wide enough.
func adderTree(_ b: inout GateBuilder, _ bits: [GateLiteral], _ w: Int) -> [GateLiteral] {
  var numbers = bits.map { [$0] }
  while numbers.count > 1 {
    var next: [[GateLiteral]] = []
    var i = 0
    while i + 1 < numbers.count {
      let width = max(numbers[i].count, numbers[i + 1].count) + 1
      let zero = b.constant(false)
      let x = numbers[i] + Array(repeating: zero, count: width - numbers[i].count)
      let y = numbers[i + 1] + Array(repeating: zero, count: width - numbers[i + 1].count)
      next.append(b.rippleAdd(x, y, carryIn: zero))
      i += 2
    }
    if i < numbers.count { next.append(numbers[i]) }
    numbers = next
  }
  let zero = b.constant(false)
  return Array((numbers[0] + Array(repeating: zero, count: w)).prefix(w))
}

/// A running sum: each bit incremented into an accumulator (a chain of incrementers).
func incrementerChain(_ b: inout GateBuilder, _ bits: [GateLiteral], _ w: Int) -> [GateLiteral] {
  var sum = [b.constant(false)]
  for (k, bit) in bits.enumerated() {
    let width = Netlist.bitLength(k + 1)
    if sum.count < width { sum.append(b.constant(false)) }
    sum = b.increment(sum, by: bit)
  }
  return Array((sum + Array(repeating: b.constant(false), count: w)).prefix(w))
}

let architectures: [(String, (inout GateBuilder, [GateLiteral], Int) -> [GateLiteral])] = [
  ("three-greedy (chosen)", threeGreedy), ("FIFO compressor", fifoCompressor),
  ("compressor + prefix adder", twoRowsPrefix),
  ("ripple-adder tree", adderTree), ("incrementer chain", incrementerChain),
]

print("## Popcount of n bits: 2-input gates / full adders / half adders / depth (levels)\n")
print("| n | " + architectures.map(\.0).joined(separator: " | ") + " |")
print("|---|" + architectures.map { _ in "---|" }.joined())
for n in [8, 16, 32, 64, 100, 128, 256, 500, 512, 1000] {
  let cells = architectures.map { _, build -> String in
    let r = measure(n, build)
    return "\(r.gates) / \(r.full) / \(r.half) / \(r.depth)"
  }
  print("| \(n) | " + cells.joined(separator: " | ") + " |")
}

/// Gates and depth of one bit-blasted word-level op.
func lowered(_ build: (inout Netlist) -> NodeID, _ adders: AdderArchitecture) throws -> String {
  var n = Netlist(name: "op")
  n.output("y", build(&n))
  let (gates, _) = try BitBlast.lower(n, adders: adders)
  let count = gates.nodes.filter { $0.op.mnemonic == "gate" }.count
  return "\(count) / \(LogicDepth.depth(of: gates))"
}

print("\n## Adders and multipliers: 2-input gates / depth, ripple-carry vs parallel-prefix\n")
print("| op | bitblast | bitblast-fast |")
print("|---|---|---|")
for w in [8, 16, 32, 64, 128] {
  let add: (inout Netlist) -> NodeID = { n in
    n.add(n.input("a", width: w), n.input("b", width: w), .signed, width: w)
  }
  try print(
    "| add.s \(w)+\(w)→\(w) | \(lowered(add, .rippleCarry)) | \(lowered(add, .parallelPrefix)) |")
}
for w in [8, 16, 32, 64] {
  let mul: (inout Netlist) -> NodeID = { n in
    n.mul(n.input("a", width: w), n.input("b", width: w), .signed)
  }
  try print(
    "| mul.s \(w)×\(w)→\(2 * w) | \(lowered(mul, .rippleCarry)) | \(lowered(mul, .parallelPrefix)) |"
  )
}

// Pass timings on a large netlist: a 256-input XNOR-popcount layer of 64 neurons.
func clock<T>(_ body: () throws -> T) rethrows -> (T, Double) {
  let start = Date()
  let value = try body()
  return (value, Date().timeIntervalSince(start))
}

/// A layer of `neurons` XNOR-popcount threshold neurons over `inputs` bits.
func xnorLayer(inputs: Int, neurons: Int) -> Netlist {
  var layer = Netlist(name: "xnor_layer")
  let x = layer.input("x", width: inputs)
  for j in 0..<neurons {
    let words = (0..<(inputs + 63) / 64).map {
      UInt64(j &* 0x9E37 &+ $0) &* 0xBF58_476D_1CE4_E5B9
    }
    let weights = layer.constant(BitVector(width: inputs, words: words))
    let count = layer.popcount([layer.not(layer.bitwise(.xor, x, weights))])
    let threshold = layer.constant(inputs / 2, width: layer.width(count))
    layer.output("n\(j)", layer.compare(.ge, count, threshold, .unsigned))
  }
  return layer
}

print("\n## Pass timings (release): XNOR-popcount threshold neurons\n")
print("| layer | step | nodes after | seconds |")
print("|---|---|---|---|")
/// One table row: layer, step, nodes after it, seconds.
func row(_ label: String, _ step: String, _ nodes: Int, _ seconds: Double) {
  print("| \(label) | \(step) | \(nodes) | \(String(format: "%.3f", seconds)) |")
}

for (inputs, neurons) in [(256, 64), (512, 128)] {
  let label = "\(neurons) × \(inputs)"
  var net = xnorLayer(inputs: inputs, neurons: neurons)
  let (_, tBlast) = try clock { try PassManager.run([BitBlast()], on: &net) }
  row(label, "bitblast", net.nodes.count, tBlast)
  let (_, tOpt) = try clock { try Optimizer.optimize(&net) }
  row(label, "standard optimisation to fixpoint", net.nodes.count, tOpt)
  let (_, tPipe) = try clock { try PassManager.run([Pipelining(every: 4)], on: &net) }
  row(label, "pipeline every 4 levels", net.nodes.count, tPipe)
}
