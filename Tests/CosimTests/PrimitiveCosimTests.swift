import Cosim
import FixedPoint
import Foundation
import NetlistIR
import Testing
import VerilogEmit
import _TestSupport

/// Every rtl/ primitive against the Swift function that specifies it, over many parameter
/// sets: exhaustively where the inputs have at most 10 bits, on random and edge values above.
/// All instances share one Verilator build.
@Suite(
  .serialized, .tags(.verilator),
  .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct PrimitiveCosimTests {
  /// One primitive instance and its specification.
  struct Case {
    var unit: SimulationUnit
    var spec: ([BitVector]) -> [BitVector]
    var label: String
  }

  static let vectorCount = 1024

  static func cases() -> [Case] {
    var cases: [Case] = []
    func add(_ p: RTLPrimitive, _ parameters: [(String, Int)]) {
      let instance = PrimitiveSpecifications.instance(
        p, Dictionary(uniqueKeysWithValues: parameters))
      let unit = SimulationUnit(
        primitive: p, parameters: parameters.map { Verilog.ParameterValue($0.0, $0.1) },
        inputs: instance.inputs, outputs: instance.outputs)
      cases.append(Case(unit: unit, spec: instance.outputsFor, label: "\(p.name) \(parameters)"))
    }
    for w in [1, 2, 3, 5, 8, 9, 31, 33, 64, 65, 129] {
      let needed = Netlist.bitLength(w)
      for out in Set([needed, needed + 2, max(1, needed - 1)]).sorted() {
        add(.popcount, [("WIDTH", w), ("OUT_WIDTH", out)])
      }
    }
    for w in [1, 3, 5, 33, 100] {
      for out in [Netlist.bitLength(w), 2] {
        add(.xnorPopcount, [("WIDTH", w), ("OUT_WIDTH", out)])
      }
    }
    for w in [1, 3, 5, 33, 65] {
      for signed in [0, 1] {
        for flip in [0, 1] {
          add(.thresholdCompare, [("WIDTH", w), ("SIGNED", signed), ("FLIP", flip)])
        }
      }
    }
    for (n, w) in [(1, 3), (2, 3), (3, 2), (4, 2), (5, 1), (10, 8), (7, 65)] {
      for signed in [0, 1] {
        add(.argmax, [("N", n), ("WIDTH", w), ("SIGNED", signed)])
      }
    }
    // Shapes with IN_WIDTH above, at and below SHIFT + OUT_WIDTH.
    let roundShapes = [
      (4, 2, 3), (5, 0, 5), (3, 5, 4), (6, 1, 6), (2, 2, 1), (6, 2, 2), (70, 33, 40),
      (129, 64, 66), (10, 2, 3), (130, 3, 64),
    ]
    for mode in RoundingMode.allCases {
      for s in Signedness.allCases {
        for (inWidth, shift, out) in roundShapes where !(mode == .stochastic && shift == 0) {
          add(
            .shiftRound,
            [
              ("IN_WIDTH", inWidth), ("SHIFT", shift), ("OUT_WIDTH", out),
              ("MODE", RTLPrimitive.modeParameter(mode)), ("SIGNED", s == .signed ? 1 : 0),
            ])
        }
      }
    }
    let resizeShapes = [(6, 3), (3, 6), (5, 5), (8, 1), (1, 1), (130, 65), (65, 130), (66, 64)]
    for mode in OverflowMode.allCases {
      for s in Signedness.allCases where !(mode == .wrapSM && s == .unsigned) {
        for (inWidth, out) in resizeShapes {
          add(
            .satResize,
            [
              ("IN_WIDTH", inWidth), ("OUT_WIDTH", out),
              ("MODE", RTLPrimitive.modeParameter(mode)), ("SIGNED", s == .signed ? 1 : 0),
            ])
        }
      }
    }
    return cases
  }

  /// Vectors for one case: every input combination when they fit (≤ 10 bits), else edgy
  /// random values.
  static func vectors(for unit: SimulationUnit, using rng: inout SeededRandom) -> [[BitVector]] {
    let widths = unit.inputs.map(\.width)
    let total = widths.reduce(0, +)
    return (0..<vectorCount).map { t in
      if total <= 10 {
        var bits = t % (1 << total)
        return widths.map { w in
          defer { bits >>= w }
          return BitVector(width: w, truncating: UInt64(bits & ((1 << w) - 1)))
        }
      }
      return widths.map { RandomNetlists.edgyVector(width: $0, using: &rng) }
    }
  }

  @Test func everyPrimitiveMatchesItsSpecification() throws {
    let cases = Self.cases()
    for primitive in RTLPrimitive.all {
      #expect(cases.contains { $0.unit.module == primitive.name }, "\(primitive.name) is untested")
    }
    var rng = SeededRandom(seed: 0x9817_0001)
    let vectors = cases.map { Self.vectors(for: $0.unit, using: &rng) }
    let actual = try CosimTestSupport.simulateBatch(
      cases.map(\.unit), vectors: vectors, nodes: cases.count, name: "primitive_batch")
    for (k, c) in cases.enumerated() {
      let expected = vectors[k].map(c.spec)
      let difference = CosimTestSupport.firstDifference(expected, actual[k], inputs: vectors[k])
      #expect(difference == nil, "\(c.label): \(difference ?? "")")
    }
  }
}
