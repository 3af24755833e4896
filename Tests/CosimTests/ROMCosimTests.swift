import Cosim
import Foundation
import NetlistIR
import NetlistPasses
import NetlistSim
import Testing
import VerilogEmit
import _TestSupport

/// Random netlists with `rom` nodes (tables of 1 … 64 entries, 1 … 70 bits wide, some not
/// filling their address range), with and without registers: the reference interpreter, the
/// optimised form (`opt`), the bit-blasted form under `gates64` and Verilator must agree on
/// every output of every cycle.
@Suite(
  .serialized, .tags(.verilator),
  .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct ROMCosimTests {
  static func designs() -> [Netlist] {
    var rng = SeededRandom(seed: 0x0_0000_0516)
    var result: [Netlist] = []
    for widths in [[1, 6], [5, 9, 33], [3, 64, 65], [2, 7, 130]] {
      for registers in [false, true] {
        for _ in 0..<2 {
          var n = RandomNetlists.mixed(
            widths: widths, nodes: 40, registers: registers, roms: true, using: &rng)
          n.name = "rom\(result.count)"
          result.append(n)
        }
      }
    }
    return result
  }

  @Test func theDesignsHoldROMs() {
    let roms = Self.designs().map { n in n.nodes.count { $0.op.role == .memory } }
    #expect(roms.reduce(0, +) >= 8, "\(roms)")
  }

  @Test func everyEvaluatorAndVerilatorAgree() throws {
    let netlists = Self.designs()
    var rng = SeededRandom(seed: 0x0_0000_0517)
    var units: [SimulationUnit] = []
    var vectors: [[[BitVector]]] = []
    var expected: [[[BitVector]]] = []
    for netlist in netlists {
      units.append(SimulationUnit(design: try VerilogEmitter.emit(netlist)))
      let v = RandomNetlists.vectors(for: netlist, count: 200, using: &rng)
      vectors.append(v)
      let reference = try ReferenceInterpreter(netlist).run(v)
      expected.append(reference)
      let forms = try HardwareFlow.forms(of: netlist)
      let others: [(String, [[BitVector]])] = [
        ("opt", try ReferenceInterpreter(forms.optimized.netlist).run(v)),
        ("gates64", try GateEvaluator(forms.gateLevel.netlist).run(v)),
      ]
      for (name, outputs) in others {
        let difference = CosimTestSupport.firstDifference(reference, outputs, inputs: v)
        #expect(difference == nil, "\(netlist.name) interp vs \(name): \(difference ?? "")")
      }
    }
    let nodes = netlists.reduce(0) { $0 + $1.nodes.count }
    let actual = try CosimTestSupport.simulateBatch(
      units, vectors: vectors, nodes: nodes, name: "rom_batch")
    for k in netlists.indices {
      let difference = CosimTestSupport.firstDifference(expected[k], actual[k], inputs: vectors[k])
      #expect(
        difference == nil,
        "\(netlists[k].name) interp vs verilator: \(difference ?? "")\n\(NetlistText.print(netlists[k]))"
      )
    }
  }
}
