import BitCore
import NetlistIR
import Testing

/// The op traits, pinned op by op (one sample of every case).
@Suite struct OpTraitsTests {
  static let samples: [(Op, OpRole)] = [
    (.input("x"), .port), (.output("y"), .port), (.constant(BitVector(zeroWidth: 2)), .source),
    (.gate(.xor), .logic), (.not, .logic), (.buf, .wiring), (.and, .logic), (.or, .logic),
    (.xor, .logic), (.add(.signed), .arithmetic), (.sub(.unsigned), .arithmetic),
    (.mul(.signed), .arithmetic), (.compare(.lt, .signed), .arithmetic), (.mux, .logic),
    (.shiftLeft(1), .wiring), (.shiftRight(1, .signed), .wiring), (.concat, .wiring),
    (.slice(0), .wiring), (.extend(.signed), .wiring), (.popcount, .arithmetic),
    (.round(2, .rnd, .signed), .arithmetic), (.resize(.sat, .signed), .arithmetic),
    (.register(BitVector(zeroWidth: 1)), .state),
  ]

  static func named(_ op: Op) -> String { op.mnemonic }

  @Test func rolesArePinned() {
    #expect(Set(Self.samples.map { Self.named($0.0) }).count == 23)
    for (op, role) in Self.samples { #expect(op.role == role, "\(op.mnemonic)") }
  }

  @Test func derivedTraitsArePinned() {
    func which(_ trait: (Op) -> Bool) -> [String] {
      Self.samples.map(\.0).filter(trait).map(\.mnemonic)
    }
    #expect(which(\.isPort) == ["input", "output"])
    #expect(which(\.isSource) == ["input", "const", "reg"])
    #expect(which { !$0.isCombinational } == ["input", "reg"])
    #expect(which { !$0.computesFromOperands } == ["input", "output", "const", "reg"])
    #expect(which(\.isGateLevelLogic) == ["gate", "not", "buf"])
    #expect(which(\.isBufferOrInverter) == ["not", "buf"])
    #expect(which { $0.operandExtension != nil } == ["add.s", "sub.u", "mul.s"])
    #expect(which(\.isCommutative) == ["gate", "and", "or", "xor", "add.s", "mul.s"])
    #expect(Op.input("x").portName == "x" && Op.output("y").portName == "y")
    #expect(Op.buf.portName == nil)
  }
}
