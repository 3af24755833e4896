import NetlistIR
import NetlistSim
import Testing
import _TestSupport

/// Small hand-built netlists, error messages and what the compiler folds away.
@Suite struct GateEvaluatorEdgeTests {
  /// All `2^bits` input vectors of a netlist whose input ports total `bits` bits.
  static func exhaustiveVectors(_ netlist: Netlist) -> [[BitVector]] {
    let widths = netlist.inputs.map { netlist[$0].width }
    let total = widths.reduce(0, +)
    return (0..<(1 << total)).map { code in
      var offset = 0
      return widths.map { width in
        defer { offset += width }
        return BitVector(width: width, truncating: UInt64(code >> offset))
      }
    }
  }

  static func agrees(_ netlist: Netlist) throws -> Bool {
    let vectors = exhaustiveVectors(netlist)
    return try GateEvaluator(netlist).run(vectors) == ReferenceInterpreter(netlist).run(vectors)
  }

  /// Each of the 16 functions with every kind of operand the compiler folds: plain, negated,
  /// repeated, constant and gate outputs, checked on all 8 combinations of three inputs.
  @Test(arguments: 0..<16)
  func everyGateFunctionWithEveryOperandKind(table: Int) throws {
    let g = GateFunction(table: UInt8(table))
    for inner in 0..<16 {
      var n = Netlist()
      let a = n.input("a", width: 1)
      let b = n.input("b", width: 1)
      let c = n.input("c", width: 1)
      let h = n.gate(GateFunction(table: UInt8(inner)), b, c)
      let operands = [
        a, b, n.not(a), n.not(b), n.constant(0, width: 1), n.constant(1, width: 1), h,
        n.not(h), n.buf(h),
      ]
      var outputs: [NodeID] = []
      for x in operands { for y in operands { outputs.append(n.gate(g, x, y)) } }
      n.output("y", n.concat(outputs))
      #expect(try Self.agrees(n), "gate \(g), inner \(GateFunction(table: UInt8(inner)))")
    }
  }

  @Test func zeroGateNetlistCopiesAnInputBit() throws {
    var n = Netlist()
    let x = n.input("x", width: 5)
    n.output("y", n.bit(x, 3))
    #expect(try Self.agrees(n))
    let evaluator = try GateEvaluator(n)
    #expect(evaluator.summary.instructions == 0)
    var planes = BitPlanes(bitCount: 5, sampleCount: 70)
    for s in 0..<70 where s % 3 == 0 { planes[bit: 3, sample: s] = true }
    let out = evaluator.evaluate(planes)
    #expect(out.bitCount == 1)
    #expect((0..<70).allSatisfy { out[bit: 0, sample: $0] == ($0 % 3 == 0) })
  }

  @Test func singleGate() throws {
    var n = Netlist()
    let a = n.input("a", width: 1)
    let b = n.input("b", width: 1)
    n.output("y", n.gate(.xor, a, b))
    #expect(try Self.agrees(n))
    #expect(try GateEvaluator(n).summary.instructions == 1)
  }

  @Test func outputsReadInputsAndConstantsDirectly() throws {
    var n = Netlist()
    let wide = n.input("wide", width: 7)
    let one = n.input("one", width: 1)
    n.output("copy", wide)
    n.output("bit", one)
    n.output("zero", n.constant(0, width: 1))
    n.output("ones", n.concat([n.constant(1, width: 1), n.not(one), n.constant(1, width: 1)]))
    #expect(try Self.agrees(n))
    let evaluator = try GateEvaluator(n)
    #expect(evaluator.outputBits(ofPort: 0) == 0..<7)
    #expect(evaluator.outputBits(ofPort: 3) == 9..<12)
    #expect(evaluator.inputBits(ofPort: 1) == 7..<8)
  }

  @Test func netlistWithoutInputs() throws {
    var n = Netlist()
    let k = n.constant(1, width: 1)
    n.output("y", n.gate(.xor, k, n.constant(0, width: 1)))
    let evaluator = try GateEvaluator(n)
    #expect(
      try evaluator.run([[], []]) == [
        [BitVector(width: 1, truncating: 1)], [BitVector(width: 1, truncating: 1)],
      ])
    let out = evaluator.evaluate(BitPlanes(bitCount: 0, sampleCount: 100))
    #expect(out.plane(0) == [UInt64.max, (1 << 36) - 1])
  }

  @Test func shiftRegisterAndToggle() throws {
    var n = Netlist()
    let d = n.input("d", width: 1)
    let r1 = n.register(d)
    let r2 = n.register(r1)
    let t = n.register(reset: BitVector(width: 1, truncating: 1))
    n.connectRegister(t, to: n.not(t))
    n.output("y", n.concat([r2, r1, t]))
    let vectors = (0..<12).map { [BitVector(width: 1, truncating: UInt64($0 * 5 % 3 % 2))] }
    let expected = try ReferenceInterpreter(n).run(vectors)
    #expect(try GateEvaluator(n).run(vectors) == expected)
  }

  @Test func noInputsNoSamples() throws {
    var rng = SeededRandom(seed: 5)
    let n = RandomNetlists.gateNetwork(inputs: 4, layers: 2, width: 8, outputs: 3, using: &rng)
    let evaluator = try GateEvaluator(n)
    #expect(try evaluator.run([]) == [])
    #expect(evaluator.evaluate(BitPlanes(bitCount: 4, sampleCount: 0)).words.isEmpty)
  }

  @Test func foldsInvertersBuffersAndDeadGates() throws {
    var n = Netlist()
    let a = n.input("a", width: 1)
    let b = n.input("b", width: 1)
    let nor = n.gate(.and, n.not(a), n.buf(n.not(b)))  // ~a & ~b: one NOR
    let same = n.gate(GateFunction(table: 8), a, b)  // the same NOR: merged
    let projection = n.gate(GateFunction(table: 3), nor, a)  // = nor, no instruction
    _ = n.gate(.xor, a, b)  // read by nothing
    n.output("y", n.concat([projection, n.not(same), n.gate(.or, a, n.constant(1, width: 1))]))
    #expect(try Self.agrees(n))
    let summary = try GateEvaluator(n).summary
    #expect(summary.netlistGates == 9)
    #expect(summary.instructions == 1)
    #expect(summary.levels == 1)
  }

  @Test func slotsAreReusedAfterTheirLastReader() throws {
    // A 100-gate chain needs the zero slot, two input slots and one slot for the chain.
    var n = Netlist()
    let a = n.input("a", width: 1)
    var x = n.input("b", width: 1)
    for i in 0..<100 { x = n.gate(i % 2 == 0 ? .xor : .and, x, a) }
    n.output("y", x)
    let summary = try GateEvaluator(n).summary
    #expect(summary.instructions == 100)
    #expect(summary.slots <= 4)
    #expect(try Self.agrees(n))
  }

  @Test func rejectsNetlistsThatAreNotGateLevel() throws {
    var n = Netlist()
    let a = n.input("a", width: 8)
    let b = n.input("b", width: 8)
    n.output("y", n.add(a, b, .unsigned))
    #expect(throws: SimulationError.self) { try GateEvaluator(n) }
    do {
      _ = try GateEvaluator(n)
    } catch {
      #expect(
        error.description
          == "unsupported: gates64 evaluates gate-level netlists only: node %2 (add.u, 9 bits) "
          + "is not; lower it with BitBlast first")
    }
  }

  @Test func rejectsWideNot() throws {
    var n = Netlist()
    n.output("y", n.not(n.input("a", width: 2)))
    do {
      _ = try GateEvaluator(n)
      Issue.record("a 2-bit not was accepted")
    } catch {
      #expect(
        error
          == .unsupported(
            "gates64 evaluates gate-level netlists only: node %1 (not, 2 bits) is not; lower it "
              + "with BitBlast first"))
    }
  }

  @Test func rejectsInvalidNetlistsAndBadVectors() throws {
    let empty = Netlist()
    #expect(throws: SimulationError.invalidNetlist("the netlist has no outputs")) {
      try GateEvaluator(empty)
    }
    var n = Netlist()
    n.output("y", n.input("a", width: 3))
    let evaluator = try GateEvaluator(n)
    #expect(throws: SimulationError.badVector(index: 1, "input 0 is 2 bits, expected 3")) {
      try evaluator.run([[BitVector(zeroWidth: 3)], [BitVector(zeroWidth: 2)]])
    }
  }
}
