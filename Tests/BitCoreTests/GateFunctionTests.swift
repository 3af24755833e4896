import BitCore
import Testing

/// The spec's table (`shared/spec/difflogic.md` §1): outputs for (a,b) = 00, 01, 10, 11.
private let specTruthTable: [[Int]] = [
  [0, 0, 0, 0], [0, 0, 0, 1], [0, 0, 1, 0], [0, 0, 1, 1], [0, 1, 0, 0], [0, 1, 0, 1],
  [0, 1, 1, 0], [0, 1, 1, 1], [1, 0, 0, 0], [1, 0, 0, 1], [1, 0, 1, 0], [1, 0, 1, 1],
  [1, 1, 0, 0], [1, 1, 0, 1], [1, 1, 1, 0], [1, 1, 1, 1],
]

private let rows = [(false, false), (false, true), (true, false), (true, true)]

@Suite struct GateFunctionTests {
  @Test func truthTablesMatchTheSpecAndTheId() {
    for gate in GateFunction.all {
      let outputs = rows.map { gate($0.0, $0.1) ? 1 : 0 }
      #expect(outputs == specTruthTable[Int(gate.table)], "gate \(gate)")
      #expect(outputs.reduce(0) { $0 * 2 + $1 } == Int(gate.table), "the id is the MSB-first table")
    }
  }

  @Test func relaxedGatesEqualTheTruthTableAtTheCorners() {
    for gate in GateFunction.all {
      for (row, (a, b)) in [(0.0, 0.0), (0, 1), (1, 0), (1, 1)].enumerated() {
        #expect(gate.relaxed(a, b) == Double(specTruthTable[Int(gate.table)][row]))
      }
    }
  }

  /// On a grid of dyadic points every product and sum is exact in Double, so difflogic's
  /// expression shapes and the bilinear form must agree exactly.
  @Test func bilinearCoefficientsEqualTheRelaxedGates() {
    for gate in GateFunction.all {
      let (c0, c1, c2, c3) = gate.bilinear
      for i in 0...32 {
        for j in 0...32 {
          let a = Double(i) / 32
          let b = Double(j) / 32
          let bilinear = Double(c0) + Double(c1) * a + Double(c2) * b + Double(c3) * a * b
          #expect(gate.relaxed(a, b) == bilinear, "gate \(gate) at (\(a), \(b))")
        }
      }
    }
  }

  @Test func wordGatesMatchBooleanGatesOnEveryLane() {
    let a: UInt64 = 0xF0F0_F0F0_CCCC_AAAA
    let b: UInt64 = 0xFF00_FF00_F0F0_CCCC
    for gate in GateFunction.all {
      let word = gate.apply(a, b)
      for lane in 0..<64 {
        let bit = { (w: UInt64) in (w >> UInt64(lane)) & 1 == 1 }
        #expect(bit(word) == gate(bit(a), bit(b)), "gate \(gate) lane \(lane)")
      }
    }
  }

  /// The expression form, evaluated on Booleans, is the gate.
  @Test func expressionsComputeTheGate() {
    for gate in GateFunction.all {
      for (a, b) in rows {
        let value: Bool
        switch gate.expression {
        case .constant(let c): value = c
        case .operand(let x, let negated): value = (x == .a ? a : b) != negated
        case .binary(let op, let negateA, let negateB, let negateOutput):
          let (x, y) = (a != negateA, b != negateB)
          let v: Bool
          switch op {
          case .and: v = x && y
          case .or: v = x || y
          case .xor: v = x != y
          }
          value = v != negateOutput
        }
        #expect(value == gate(a, b), "gate \(gate) at (\(a), \(b))")
      }
    }
  }

  /// The cost kinds in table order, as Reports' cost tables price them.
  @Test func kindsGroupTheGates() {
    let kinds = GateFunction.all.map(\.kind)
    #expect(
      kinds == [
        .constant, .andOr, .mixed, .wire, .mixed, .wire, .xor, .andOr,
        .nandNor, .xor, .inverted, .mixed, .inverted, .mixed, .nandNor, .constant,
      ])
  }

  /// One set of names (hardware names for 8, 9, 14); difflogic's spellings still parse.
  @Test func namesAndTheirDifflogicSpellings() {
    #expect(GateFunction.names[1] == "and" && GateFunction.names[6] == "xor")
    #expect(GateFunction.names[8] == "nor" && GateFunction.names[14] == "nand")
    #expect(GateFunction.difflogicNames[9] == "not_xor")
    for gate in GateFunction.all {
      #expect(GateFunction(name: gate.name) == gate)
      #expect(GateFunction(name: GateFunction.difflogicNames[Int(gate.table)]) == gate)
    }
    #expect(GateFunction(name: "not_or") == 8 && GateFunction(name: "not_and") == 14)
    #expect(GateFunction(name: "NOR") == nil && GateFunction(name: "") == nil)
    #expect(GateFunction(checkedTable: 16) == nil && GateFunction(checkedTable: -1) == nil)
  }

  @Test func derivedGatesMatchTheirDefinitions() {
    for gate in GateFunction.all {
      for (a, b) in rows {
        #expect(gate.swapped(b, a) == gate(a, b))
        #expect(gate.negated(a, b) == !gate(a, b))
        #expect(gate.negatingA(a, b) == gate(!a, b))
        #expect(gate.negatingB(a, b) == gate(a, !b))
      }
      #expect(gate.isSymmetric == (gate.swapped == gate))
    }
    #expect(MemoryLayout<GateFunction>.size == 1)
  }
}
