import NetlistIR
import NetlistPasses
import NetlistSim
import Testing
import _TestSupport

/// Parses a netlist written inline in the text form (the `netlist` header is added).
func parse(_ body: String, name: String = "t") throws -> Netlist {
  let netlist = try NetlistText.parse("netlist \"\(name)\"\n" + body)
  try NetlistVerifier.verify(netlist)
  return netlist
}

/// Number of nodes with the given mnemonic.
func count(_ mnemonic: String, in netlist: Netlist) -> Int {
  netlist.nodes.filter { $0.op.mnemonic == mnemonic }.count
}

/// Checks that `after` computes what `before` computes, cycle by cycle from reset, with
/// `after` delayed by `latency` cycles. Exhaustive over all input vectors when the inputs
/// total at most `exhaustiveBits` bits (16 by default; for sequential netlists every vector
/// once, in order, as one run, plus random runs), otherwise `sequences` random runs of
/// `cycles` cycles. `before` runs on the reference interpreter; a gate-level `after` runs
/// on the lane evaluator (itself checked against the interpreter), any other `after` on the
/// interpreter. Records the first mismatch in hex.
func expectEquivalent(
  _ before: Netlist, _ after: Netlist, latency: Int = 0, seed: UInt64 = 1,
  sequences: Int = 8, cycles: Int = 6, exhaustiveBits: Int = 16,
  sourceLocation: SourceLocation = #_sourceLocation
) throws {
  #expect(after.inputs.map { after[$0].width } == before.inputs.map { before[$0].width })
  #expect(after.outputs.map { after.portName($0) } == before.outputs.map { before.portName($0) })
  var runs: [[[BitVector]]]
  var rng = SeededRandom(seed: seed)
  if before.inputBits <= exhaustiveBits && latency == 0 {
    let all = (0..<(1 << before.inputBits)).map { vector(for: before, from: UInt64($0)) }
    if before.isSequential || after.isSequential {
      runs =
        [all]
        + (0..<sequences).map { _ in
          RandomNetlists.vectors(for: before, count: cycles, using: &rng)
        }
    } else {
      runs = all.map { [$0] }
    }
  } else {
    runs = (0..<sequences).map { _ in
      RandomNetlists.vectors(for: before, count: cycles, using: &rng)
    }
  }
  if latency > 0 {
    // Hold the last vector for the extra cycles so every original cycle is observed.
    runs = runs.map { $0 + [[BitVector]](repeating: $0.last!, count: latency) }
  }
  let reference = try ReferenceInterpreter(before)
  let expected: [[[BitVector]]]
  if runs.count > 1 && runs.allSatisfy({ $0.count == 1 }) {
    // Independent vectors of a combinational netlist: one long interpreter run is cheaper.
    expected = try reference.run(runs.map { $0[0] }).map { [$0] }
  } else {
    expected = try runs.map { try reference.run($0) }
  }
  let actual = try evaluate(after, runs)
  for (r, run) in runs.enumerated() {
    for t in 0..<(run.count - latency) where expected[r][t] != actual[r][t + latency] {
      let inputs = run[t].map(\.description).joined(separator: ", ")
      let want = expected[r][t].map(\.description).joined(separator: ", ")
      let got = actual[r][t + latency].map(\.description).joined(separator: ", ")
      Issue.record(
        "seed \(seed) run \(r) cycle \(t): inputs \(inputs): expected \(want), got \(got)",
        sourceLocation: sourceLocation)
      return
    }
  }
}

/// Runs `netlist` on each run: the lane evaluator for gate-level netlists (64 runs at a
/// time), else the reference interpreter.
func evaluate(_ netlist: Netlist, _ runs: [[[BitVector]]]) throws -> [[[BitVector]]] {
  guard netlist.isGateLevel else {
    let interpreter = try ReferenceInterpreter(netlist)
    if !netlist.isSequential && runs.allSatisfy({ $0.count == 1 }) {
      return try interpreter.run(runs.map { $0[0] }).map { [$0] }
    }
    return try runs.map { try interpreter.run($0) }
  }
  let runner = LaneRunner(netlist)
  var out: [[[BitVector]]] = []
  var start = 0
  while start < runs.count {
    let chunk = Array(runs[start..<min(start + 64, runs.count)])
    if chunk.allSatisfy({ $0.count == chunk[0].count }) {
      out += runner.run(chunk)
    } else {
      out += chunk.flatMap { runner.run([$0]) }
    }
    start += 64
  }
  return out
}

/// The input vector whose concatenated bits (first input lowest) are `bits`.
func vector(for netlist: Netlist, from bits: UInt64) -> [BitVector] {
  var shift: UInt64 = 0
  return netlist.inputs.map { id in
    let w = netlist[id].width
    let v = BitVector(width: w, truncating: bits >> shift)
    shift += UInt64(w)
    return v
  }
}

/// Runs passes under the pass manager and returns the optimised copy.
func running(_ passes: [any NetlistPass], on netlist: Netlist) throws -> Netlist {
  var copy = netlist
  try PassManager.run(passes, on: &copy)
  return copy
}

/// The netlist with some inputs (each with probability 1/2, but never the first) turned into
/// random edge-biased constants, so that folding and identities have work to do.
func withConstantInputs(_ netlist: Netlist, using rng: inout SeededRandom) -> Netlist {
  var out = Netlist(name: netlist.name)
  for id in netlist.ids {
    var node = netlist[id]
    if case .input = node.op, id != netlist.inputs.first, rng.next() % 2 == 0 {
      node = Node(
        op: .constant(RandomNetlists.edgyVector(width: node.width, using: &rng)), operands: [],
        width: node.width)
    }
    out.append(node)
  }
  return out
}

/// A random one-bit network of gates, NOTs and BUFs (with repeated and constant operands),
/// for the gate-level passes.
func randomGateNetwork(
  inputs: Int, layers: Int, width: Int, outputs: Int, using rng: inout SeededRandom
) -> Netlist {
  var n = Netlist(name: "gates")
  var pool = (0..<inputs).map { n.input("x\($0)", width: 1) }
  pool.append(n.constant(Int(rng.next() % 2), width: 1))
  var previous = pool
  for _ in 0..<layers {
    var layer: [NodeID] = []
    for _ in 0..<width {
      func operand(_ rng: inout SeededRandom) -> NodeID {
        let x = previous[Int(rng.next() % UInt64(previous.count))]
        switch rng.next() % 6 {
        case 0: return n.not(x)
        case 1: return n.buf(x)
        case 2: return n.not(n.not(x))
        default: return x
        }
      }
      let a = operand(&rng)
      let b = rng.next() % 8 == 0 ? a : operand(&rng)
      var g = n.gate(GateFunction(table: UInt8(rng.next() % 16)), a, b)
      if rng.next() % 5 == 0 { g = n.not(g) }
      layer.append(g)
    }
    previous = layer + pool.prefix(2)
  }
  for i in 0..<outputs { n.output("y\(i)", previous[i % previous.count]) }
  return n
}

/// `RandomNetlists.mixed`, redrawn until its multipliers stay within `productBits` partial
/// products in total (wide multipliers bit-blast to tens of thousands of gates, which debug
/// test builds cannot afford in bulk; `BitBlastTests.everyOpAtEveryWidth` covers them).
func mixedNetlist(
  widths: [Int], nodes: Int, registers: Bool, productBits: Int = 2500,
  using rng: inout SeededRandom
) -> Netlist {
  while true {
    let n = RandomNetlists.mixed(widths: widths, nodes: nodes, registers: registers, using: &rng)
    let cost = n.nodes.reduce(0) { total, node in
      guard case .mul = node.op else { return total }
      let w = node.width
      return total + min(n.width(node.operands[0]), w) * min(n.width(node.operands[1]), w)
    }
    if cost <= productBits { return n }
  }
}
