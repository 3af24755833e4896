import BitTrue

/// A benchmark network: a gate-level netlist and how it was made.
struct BenchmarkNetwork {
  var name: String
  var description: String
  var netlist: Netlist
  /// Two-input gates in the netlist (the numerator of gate-evaluations per second).
  var gates: Int
}

enum Networks {
  /// `layers` layers of random gates; each gate reads two uniformly random signals of the
  /// layer before (inputs for the first), all 16 functions equally likely; every gate of the
  /// last layer is an output.
  static func random(
    name: String, inputs: Int, layerWidths: [Int], seed: UInt64
  ) -> BenchmarkNetwork {
    var rng = CounterRNG(seed: seed, stream: 1).sequential()
    var n = Netlist(name: name)
    var previous = (0..<inputs).map { n.input("x\($0)", width: 1) }
    for width in layerWidths {
      previous = (0..<width).map { _ in
        let a = previous[Int(rng.next() % UInt64(previous.count))]
        let b = previous[Int(rng.next() % UInt64(previous.count))]
        return n.gate(GateFunction(table: UInt8(rng.next() % 16)), a, b)
      }
    }
    for (i, g) in previous.enumerated() { n.output("y\(i)", g) }
    let total = layerWidths.reduce(0, +)
    return BenchmarkNetwork(
      name: name,
      description: "\(inputs) inputs, \(layerWidths.count) layers × \(layerWidths[0]) random "
        + "gates (uniform wiring from the previous layer), \(total) gates, "
        + "\(layerWidths.last!) outputs",
      netlist: n, gates: total)
  }

  /// A difflogic-style net: `LogicLayer(…, connections='random')` wiring — each layer draws
  /// `randperm(2·out) % in`, relabels the inputs with `randperm(in)` and uses the first half
  /// as `a`, the second as `b`, so every signal of the previous layer is read — with
  /// uniformly random gates; the last layer's gates are the outputs (GroupSum's inputs).
  ///
  /// With `groupSum` classes, GroupSum is part of the net: the last layer is split into that
  /// many contiguous groups, each counted by a popcount bit-blasted as the inference path
  /// does it (three-greedy compressor trees of full and half adders, ≈ 5 gates per counted
  /// bit), and every count bit is a one-bit output.
  static func difflogic(
    name: String, inputs: Int, layers: Int, width: Int, seed: UInt64,
    functions: [UInt8] = Array(0..<16), groupSum classes: Int? = nil
  ) -> BenchmarkNetwork {
    var n = Netlist(name: name)
    var previous = (0..<inputs).map { n.input("x\($0)", width: 1) }
    for layer in 0..<layers {
      let rng = CounterRNG(seed: seed, stream: UInt64(10 + 3 * layer))
      let slots = rng.permutation(2 * width).map { $0 % previous.count }
      let relabel = CounterRNG(seed: seed, stream: UInt64(11 + 3 * layer))
        .permutation(previous.count)
      let gates = CounterRNG(seed: seed, stream: UInt64(12 + 3 * layer))
      previous = (0..<width).map { j in
        let a = previous[relabel[slots[j]]]
        let b = previous[relabel[slots[width + j]]]
        let pick = gates.word(at: UInt64(j)) % UInt64(functions.count)
        let g = GateFunction(table: functions[Int(pick)])
        return n.gate(g, a, b)
      }
    }
    let kinds = functions.count == 16 ? "" : ", only the \(functions.count) two-input functions"
    let description =
      "difflogic-style: \(inputs) inputs, \(layers) layers × \(width) gates "
      + "('random' connections\(kinds)), \(layers * width) gates"
    guard let classes else {
      for (i, g) in previous.enumerated() { n.output("y\(i)", g) }
      return BenchmarkNetwork(
        name: name, description: description + ", \(width) outputs", netlist: n,
        gates: layers * width)
    }
    var builder = GateBuilder(netlist: n)
    let group = width / classes
    let countWidth = Netlist.bitLength(group)
    for c in 0..<classes {
      let bits = previous[(c * group)..<((c + 1) * group)].map { GateLiteral($0) }
      for (b, bit) in builder.popcount(bits, width: countWidth).enumerated() {
        let name = "count\(c)_\(b)"
        builder.append(
          Node(op: .output(name), operands: [builder.materialize(bit)], width: 1, name: name))
      }
    }
    let total = builder.netlist.nodes.count { if case .gate = $0.op { true } else { false } }
    return BenchmarkNetwork(
      name: name,
      description: description
        + "; GroupSum: \(classes) popcounts of \(group) gates as compressor trees "
        + "(\(builder.fullAdders) full, \(builder.halfAdders) half adders, "
        + "\(total - layers * width) gates), \(classes * countWidth) count-bit outputs",
      netlist: builder.netlist, gates: total)
  }
}

extension Networks {
  /// The ten functions that depend on both inputs (no constants, no projections).
  static let twoInputFunctions: [UInt8] = [1, 2, 4, 6, 7, 8, 9, 11, 13, 14]
}
