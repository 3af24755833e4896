import Cosim
import Foundation
import NetlistIR
import NetlistSim
import Testing
import VerilogEmit
import _TestSupport

/// Random netlists mixing every op, at widths across word boundaries, with and without
/// registers: the reference interpreter and the emitted Verilog under Verilator (and, for a
/// few, Icarus) must agree bit for bit on every output of every cycle.
@Suite(
  .serialized, .tags(.verilator),
  .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct RandomNetlistCosimTests {
  static let widthSets: [[Int]] = [
    [1, 8], [7, 8, 9], [31, 32, 33], [63, 64, 65], [127, 128, 129], [1, 9, 33, 65],
    [8, 31, 64, 129], [7, 63, 127], [1023, 1, 1025],
  ]

  /// Designs per (width set, registers) shape: 2, or `$BITTRUE_COSIM_FUZZ` for a longer
  /// local soak run (with `$BITTRUE_COSIM_SEED` choosing the seed).
  static var perShape: Int {
    ProcessInfo.processInfo.environment["BITTRUE_COSIM_FUZZ"].flatMap { Int($0) } ?? 2
  }

  static var seed: UInt64 {
    ProcessInfo.processInfo.environment["BITTRUE_COSIM_SEED"].flatMap { UInt64($0) }
      ?? 0xC051_0001
  }

  /// The designs: every width set, without and with registers, ``perShape`` seeds each.
  static func designs() -> [Netlist] {
    var rng = SeededRandom(seed: seed)
    var result: [Netlist] = []
    for widths in widthSets {
      for registers in [false, true] {
        for _ in 0..<perShape {
          var n = RandomNetlists.mixed(widths: widths, nodes: 30, registers: registers, using: &rng)
          n.name = "mixed\(result.count)"
          result.append(n)
        }
      }
    }
    return result
  }

  @Test func verilatorAgreesWithTheInterpreter() throws {
    let netlists = Self.designs()
    var rng = SeededRandom(seed: 0xC051_0002)
    var units: [SimulationUnit] = []
    var vectors: [[[BitVector]]] = []
    var expected: [[[BitVector]]] = []
    for netlist in netlists {
      units.append(SimulationUnit(design: try VerilogEmitter.emit(netlist)))
      let v = RandomNetlists.vectors(for: netlist, count: 300, using: &rng)
      vectors.append(v)
      expected.append(try ReferenceInterpreter(netlist).run(v))
    }
    let nodes = netlists.reduce(0) { $0 + $1.nodes.count }
    let actual = try CosimTestSupport.simulateBatch(
      units, vectors: vectors, nodes: nodes, name: "mixed_batch")
    for k in netlists.indices {
      let difference = CosimTestSupport.firstDifference(expected[k], actual[k], inputs: vectors[k])
      #expect(
        difference == nil,
        "\(netlists[k].name) (seed \(Self.seed)) interp vs verilator: \(difference ?? "")\n\(NetlistText.print(netlists[k]))"
      )
    }
  }

  @Test(.enabled(if: ToolGate.hasIcarus || ToolGate.isCI, "iverilog is not installed"))
  func icarusAgreesWithTheInterpreter() throws {
    let netlists = Array(Self.designs().prefix(6)) + Array(Self.designs().suffix(2))
    var rng = SeededRandom(seed: 0xC051_0003)
    var units: [SimulationUnit] = []
    var vectors: [[[BitVector]]] = []
    var expected: [[[BitVector]]] = []
    for netlist in netlists {
      units.append(SimulationUnit(design: try VerilogEmitter.emit(netlist)))
      let v = RandomNetlists.vectors(for: netlist, count: 40, using: &rng)
      vectors.append(v)
      expected.append(try ReferenceInterpreter(netlist).run(v))
    }
    let actual = try CosimTestSupport.simulateBatchWithIcarus(
      units, vectors: vectors, name: "icarus_batch")
    for k in netlists.indices {
      let difference = CosimTestSupport.firstDifference(expected[k], actual[k], inputs: vectors[k])
      #expect(difference == nil, "\(netlists[k].name) interp vs iverilog: \(difference ?? "")")
    }
  }

  @Test func laneFormAgreesWithTheInterpreter() throws {
    var rng = SeededRandom(seed: 0xC051_0004)
    var netlists: [Netlist] = []
    for i in 0..<4 {
      var n = RandomNetlists.gateNetwork(
        inputs: 5 + 7 * i, layers: 3 + i, width: 16 + 8 * i, outputs: 4 + i, using: &rng)
      n.name = "gates\(i)"
      netlists.append(n)
      netlists.append(Self.withRegisters(n, name: "gates_reg\(i)", using: &rng))
    }
    let count = 64 * 6 + 17  // a short last cycle: padding lanes must not leak
    var units: [SimulationUnit] = []
    var vectors: [[[BitVector]]] = []
    var expected: [[[BitVector]]] = []
    for netlist in netlists {
      #expect(netlist.isGateLevel)
      units.append(
        SimulationUnit(design: try VerilogEmitter.emit(netlist, options: EmitOptions(lanes: 64))))
      let v = RandomNetlists.vectors(for: netlist, count: count, using: &rng)
      vectors.append(v)
      expected.append(
        try LaneStreams.run(
          try ReferenceInterpreter(netlist), v, lanes: 64, sequential: netlist.isSequential))
    }
    let nodes = netlists.reduce(0) { $0 + $1.nodes.count }
    let actual = try CosimTestSupport.simulateBatch(
      units, vectors: vectors, nodes: nodes, name: "lanes_batch")
    for k in netlists.indices {
      let difference = CosimTestSupport.firstDifference(expected[k], actual[k], inputs: vectors[k])
      #expect(
        difference == nil, "\(netlists[k].name) interp vs verilator (64 lanes): \(difference ?? "")"
      )
    }
  }

  /// A gate-level netlist with a layer of registers (some in feedback loops) on its outputs.
  static func withRegisters(_ n: Netlist, name: String, using rng: inout SeededRandom) -> Netlist {
    var out = Netlist(name: name)
    var map: [NodeID: NodeID] = [:]
    for id in n.ids {
      let node = n[id]
      if case .output(let port) = node.op {
        let reset = BitVector(width: 1, truncating: rng.next() & 1)
        let r = out.register(reset: reset)
        let mixed = out.gate(GateFunction(table: UInt8(rng.next() % 16)), map[node.operands[0]]!, r)
        out.connectRegister(r, to: mixed)
        out.output(port, r)
      } else {
        map[id] = out.append(
          Node(
            op: node.op, operands: node.operands.map { map[$0]! }, width: node.width,
            name: node.name))
      }
    }
    return out
  }
}
