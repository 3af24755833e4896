import Cosim
import Foundation
import NetlistIR
import Testing
import VerilogEmit
import _TestSupport

/// `verilator --lint-only -Wall` must print nothing for every rtl/ file (at several
/// parameter sets) and every emitted design.
@Suite(.tags(.verilator), .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct LintTests {
  static let rtlParameterSets: [(String, [[(String, Int)]])] = [
    (
      "popcount",
      [
        [], [("WIDTH", 1), ("OUT_WIDTH", 1)], [("WIDTH", 5), ("OUT_WIDTH", 2)],
        [("WIDTH", 129), ("OUT_WIDTH", 12)],
      ]
    ),
    ("xnor_popcount", [[], [("WIDTH", 1), ("OUT_WIDTH", 3)]]),
    ("threshold_compare", [[], [("WIDTH", 1), ("SIGNED", 0), ("FLIP", 1)]]),
    ("argmax", [[], [("N", 1), ("WIDTH", 1)], [("N", 5), ("WIDTH", 65), ("SIGNED", 0)]]),
  ]

  @Test func everyRTLFileIsLintClean() throws {
    var sets = Self.rtlParameterSets
    for mode in 0...7 {
      sets.append(
        (
          "shift_round",
          [
            [("MODE", mode)], [("MODE", mode), ("IN_WIDTH", 1), ("SHIFT", 0), ("OUT_WIDTH", 1)],
            [("MODE", mode), ("IN_WIDTH", 1), ("SHIFT", 1), ("OUT_WIDTH", 1), ("SIGNED", 1)],
            [("MODE", mode), ("IN_WIDTH", 70), ("SHIFT", 66), ("OUT_WIDTH", 3), ("SIGNED", 1)],
            [("MODE", mode), ("IN_WIDTH", 3), ("SHIFT", 5), ("OUT_WIDTH", 9)],
          ]
        ))
    }
    for mode in 0...4 {
      for signed in mode == 4 ? [1] : [0, 1] {
        sets.append(
          (
            "sat_resize",
            [
              [("MODE", mode), ("SIGNED", signed)],
              [("MODE", mode), ("SIGNED", signed), ("IN_WIDTH", 1), ("OUT_WIDTH", 1)],
              [("MODE", mode), ("SIGNED", signed), ("IN_WIDTH", 70), ("OUT_WIDTH", 1)],
              [("MODE", mode), ("SIGNED", signed), ("IN_WIDTH", 3), ("OUT_WIDTH", 65)],
            ]
          ))
      }
    }
    for primitive in RTLPrimitive.all {
      #expect(sets.contains { $0.0 == primitive.name }, "\(primitive.name) is never linted")
    }
    for (name, parameterSets) in sets {
      let primitive = try #require(RTLPrimitive.named(name))
      let files = ([primitive] + primitive.dependencies.compactMap(RTLPrimitive.named)).map {
        SourceFile(name: $0.fileName, text: $0.source)
      }
      for parameters in parameterSets {
        let warnings = try VerilatorLint.warnings(files, top: name, parameters: parameters)
        #expect(warnings.isEmpty, "\(name) \(parameters):\n\(warnings)")
      }
    }
  }

  @Test func randomEmittedDesignsAreLintClean() throws {
    var rng = SeededRandom(seed: 0x11E7)
    let widthSets = [[1, 8], [7, 9, 33], [31, 32, 65], [63, 64, 127], [129, 1, 16]]
    for (i, widths) in widthSets.enumerated() {
      for (registers, seed) in [false, true].flatMap({ r in (0..<3).map { (r, $0) } }) {
        let netlist = RandomNetlists.mixed(
          widths: widths, nodes: 40, registers: registers, using: &rng)
        let design = try VerilogEmitter.emit(
          netlist, options: EmitOptions(moduleName: "m\(i)_\(seed)"))
        let files = SimulationUnit(design: design).files
        let warnings = try VerilatorLint.warnings(files, top: design.moduleName)
        #expect(warnings.isEmpty, "widths \(widths) registers \(registers):\n\(warnings)")
      }
    }
  }

  @Test func goldenDesignsAreLintClean() throws {
    let arithmetic = try NetlistText.parse(GoldenTests.arithmeticText)
    var gates = Netlist(name: "gates")
    let x = gates.input("x", width: 2)
    let r = gates.register(reset: BitVector(width: 1, truncating: 1 as UInt64))
    let g = gates.gate(GateFunction(table: 13), gates.bit(x, 1), r)
    gates.connectRegister(r, to: g)
    gates.output("y", gates.concat([g, gates.gate(GateFunction(table: 0), r, r)]))
    for (netlist, lanes) in [(arithmetic, 1), (gates, 1), (gates, 64)] {
      let design = try VerilogEmitter.emit(netlist, options: EmitOptions(lanes: lanes))
      let warnings = try VerilatorLint.warnings(
        SimulationUnit(design: design).files, top: design.moduleName)
      #expect(warnings.isEmpty, "\(netlist.name), \(lanes) lane(s):\n\(warnings)")
    }
  }

  @Test func laneFormIsLintClean() throws {
    var rng = SeededRandom(seed: 0x64)
    let netlist = RandomNetlists.gateNetwork(
      inputs: 12, layers: 4, width: 20, outputs: 5, using: &rng)
    let design = try VerilogEmitter.emit(netlist, options: EmitOptions(lanes: 64))
    let warnings = try VerilatorLint.warnings(
      SimulationUnit(design: design).files, top: design.moduleName)
    #expect(warnings.isEmpty, "\(warnings)")
  }
}
