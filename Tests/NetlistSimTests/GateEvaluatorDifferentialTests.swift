import NetlistIR
import NetlistSim
import Testing
import _TestSupport

/// `gates64` against the reference interpreter, bit for bit, on random gate-level netlists.
@Suite struct GateEvaluatorDifferentialTests {
  /// The first cycle where the two sources disagree, described in hex, or `nil`.
  static func firstMismatch(
    _ netlist: Netlist, _ vectors: [[BitVector]], seed: UInt64
  ) throws -> String? {
    let expected = try ReferenceInterpreter(netlist).run(vectors)
    let actual = try GateEvaluator(netlist).run(vectors)
    guard actual.count == expected.count else {
      return "seed \(seed): \(actual.count) results for \(expected.count) vectors"
    }
    for (t, (a, e)) in zip(actual, expected).enumerated() where a != e {
      let port = a.indices.first { $0 < e.count && a[$0] != e[$0] } ?? 0
      return "seed \(seed), vector \(t) (inputs \(vectors[t].map(\.description))), output "
        + "\(port): interp \(e[port]), gates64 \(a[port])"
    }
    return nil
  }

  /// Sample counts around the 64-word and 512-sample block boundaries; 900 samples use the
  /// 512-, 256-, 128- and 64-sample passes once each.
  static let sampleCounts = [1, 37, 64, 65, 200, 511, 513, 900]

  @Test(arguments: zip(sampleCounts, 1...UInt64(sampleCounts.count)))
  func layeredGateNetworks(samples: Int, seed: UInt64) throws {
    var rng = SeededRandom(seed: seed)
    let inputs = 1 + Int(rng.next() % 40)
    let layers = 1 + Int(rng.next() % 6)
    let width = 1 + Int(rng.next() % 300)
    let netlist = RandomNetlists.gateNetwork(
      inputs: inputs, layers: layers, width: width, outputs: min(width, 40), using: &rng)
    let vectors = RandomNetlists.vectors(for: netlist, count: samples, using: &rng)
    let mismatch = try Self.firstMismatch(netlist, vectors, seed: seed)
    #expect(mismatch == nil, "\(mismatch ?? "")")
  }

  @Test(arguments: [1, 2, 10, 100, 700, 2000])
  func mixedGateLevelNetlists(gates: Int) throws {
    for seed in UInt64(0)..<4 {
      var rng = SeededRandom(seed: 1000 * UInt64(gates) + seed)
      let widths = (0..<(1 + Int(rng.next() % 5))).map { _ in 1 + Int(rng.next() % 70) }
      let netlist = RandomNetlists.gateLevel(
        inputWidths: widths, gates: gates, outputs: 1 + Int(rng.next() % 8), using: &rng)
      #expect(netlist.isGateLevel)
      let samples = gates >= 700 ? 130 : Self.sampleCounts[Int(seed) + 3]
      let vectors = RandomNetlists.vectors(for: netlist, count: samples, using: &rng)
      let mismatch = try Self.firstMismatch(netlist, vectors, seed: 1000 * UInt64(gates) + seed)
      #expect(mismatch == nil, "\(mismatch ?? "")")
    }
  }

  @Test(arguments: [1, 5, 40])
  func sequentialNetlistsRunAsOneStream(registers: Int) throws {
    for seed in UInt64(0)..<4 {
      let fullSeed = 7000 + 100 * UInt64(registers) + seed
      var rng = SeededRandom(seed: fullSeed)
      let netlist = RandomNetlists.gateLevel(
        inputWidths: [1, 3, 9], gates: 300, registers: registers, outputs: 5, using: &rng)
      let vectors = RandomNetlists.vectors(for: netlist, count: 60, using: &rng)
      let mismatch = try Self.firstMismatch(netlist, vectors, seed: fullSeed)
      #expect(mismatch == nil, "\(mismatch ?? "")")
    }
  }

  /// Every sample lane of ``GateEvaluator/step(_:state:threads:)`` is its own stream: lane
  /// `j` over the cycles matches the reference run on stream `j`'s vectors.
  @Test func stepAdvancesIndependentStreams() throws {
    var rng = SeededRandom(seed: 77)
    let netlist = RandomNetlists.gateLevel(
      inputWidths: [2, 5], gates: 200, registers: 12, outputs: 4, using: &rng)
    let streams = 517
    let cycles = 4
    let evaluator = try GateEvaluator(netlist)
    let perStream = (0..<streams).map { _ in
      RandomNetlists.vectors(for: netlist, count: cycles, using: &rng)
    }
    var state = evaluator.resetState(streams: streams)
    var outputs: [[[BitVector]]] = Array(repeating: [], count: streams)
    for t in 0..<cycles {
      let rows = perStream.map { $0[t] }
      let planes = Self.planes(rows, ports: netlist.inputs.map { netlist[$0].width })
      let out = evaluator.step(planes, state: &state, threads: t % 2 + 1)
      let ports = (0..<netlist.outputs.count).map {
        out.vectors(bits: evaluator.outputBits(ofPort: $0))
      }
      for s in 0..<streams { outputs[s].append(ports.map { $0[s] }) }
    }
    let reference = try ReferenceInterpreter(netlist)
    for s in [0, 1, 63, 64, 300, 511, 512, 516] {
      let expected = try reference.run(perStream[s])
      #expect(outputs[s] == expected, "stream \(s)")
    }
  }

  @Test func threadsAndPassWidthsDoNotChangeResults() throws {
    var rng = SeededRandom(seed: 99)
    let netlist = RandomNetlists.gateNetwork(
      inputs: 30, layers: 4, width: 200, outputs: 50, using: &rng)
    let evaluator = try GateEvaluator(netlist)
    var inputs = BitPlanes(bitCount: 30, sampleCount: 64 * 41 + 5)
    inputs.withUnsafeMutableWords { words in
      for i in words.indices { words[i] = rng.next() }
    }
    let single = evaluator.evaluate(inputs)
    for threads in [2, 3, 8] {
      #expect(evaluator.evaluate(inputs, threads: threads) == single, "threads \(threads)")
    }
    for passWords in [4, 2, 1] {
      var narrow = evaluator
      narrow.passWords = passWords
      var outputs = BitPlanes(bitCount: evaluator.outputBitCount, sampleCount: inputs.sampleCount)
      narrow.evaluate(inputs, into: &outputs, threads: 2)
      #expect(outputs == single, "passWords \(passWords)")
    }
  }

  /// Input planes for one vector per sample.
  static func planes(_ rows: [[BitVector]], ports widths: [Int]) -> BitPlanes {
    var planes = BitPlanes(bitCount: widths.reduce(0, +), sampleCount: rows.count)
    for (s, row) in rows.enumerated() {
      var offset = 0
      for (value, width) in zip(row, widths) {
        for b in 0..<width { planes[bit: offset + b, sample: s] = value[bit: b] }
        offset += width
      }
    }
    return planes
  }
}
