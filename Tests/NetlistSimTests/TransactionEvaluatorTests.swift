import NetlistIR
import NetlistPasses
import NetlistSim
import Testing

/// The transaction-level evaluator on a hand-built streaming design: a sample `x` is
/// captured on `start`, incremented once per cycle for three cycles, and `done` rises with
/// the result `x + 3` four cycles after the start cycle.
struct TransactionEvaluatorTests {
  static func design(delay: Int = 3) -> Netlist {
    var n = Netlist(name: "stream")
    let start = n.input("start", width: 1)
    let x = n.input("x", width: 8)
    let busy = n.register(reset: BitVector(zeroWidth: 1))
    let count = n.register(reset: BitVector(zeroWidth: 4))
    let value = n.register(reset: BitVector(zeroWidth: 8))
    let accept = n.bitwise(.and, start, n.not(busy))
    let last = n.bitwise(
      .and, busy, n.compare(.eq, count, n.constant(delay - 1, width: 4), .unsigned))
    n.connectRegister(busy, to: n.bitwise(.or, accept, n.bitwise(.and, busy, n.not(last))))
    let nextCount = n.mux(
      busy, whenFalse: count, whenTrue: n.add(count, n.constant(1, width: 4), .unsigned, width: 4))
    n.connectRegister(
      count, to: n.mux(accept, whenFalse: nextCount, whenTrue: n.constant(0, width: 4)))
    let bumped = n.mux(
      busy, whenFalse: value, whenTrue: n.add(value, n.constant(1, width: 8), .unsigned, width: 8))
    n.connectRegister(value, to: n.mux(accept, whenFalse: bumped, whenTrue: x))
    n.output("y", value)
    n.output("done", n.register(last))
    return n
  }

  @Test func runsOneTransactionPerSample() throws {
    let evaluator = try TransactionEvaluator(InterpreterStepper(Self.design()))
    let samples = [7, 255, 0].map { [BitVector(width: 8, truncating: $0)] }
    let (outputs, cycles) = try evaluator.transactions(samples)
    #expect(outputs == [10, 2, 3].map { [BitVector(width: 8, truncating: $0)] })
    #expect(cycles == [5, 5, 5])
    let gates = try TransactionEvaluator(GateStepper(BitBlast.lower(Self.design()).0))
    #expect(try gates.transactions(samples).outputs == outputs)
  }

  @Test func aMissingHandshakeIsAnError() throws {
    let stepper = try InterpreterStepper(Self.design())
    #expect(
      throws: SimulationError.unsupported(
        "a streaming netlist needs a 1-bit input 'go' and a 1-bit output 'done'")
    ) { try TransactionEvaluator(stepper, ports: StreamingPorts(start: "go")) }
  }

  @Test func aDesignThatNeverFinishesHitsTheCycleLimit() throws {
    var evaluator = try TransactionEvaluator(InterpreterStepper(Self.design(delay: 12)))
    evaluator.cycleLimit = 8
    #expect(throws: SimulationError.unsupported("sample 0: no 'done' within 8 cycles")) {
      try evaluator.run([[BitVector(width: 8, truncating: 1)]])
    }
  }

  /// A design that takes a sample every cycle (`ready` always high): `y = x + 1` one cycle
  /// after the accept, with `done`.
  static func pipelined() -> Netlist {
    var n = Netlist(name: "pipe")
    let start = n.input("start", width: 1)
    let x = n.input("x", width: 8)
    n.output("y", n.register(n.add(x, n.constant(1, width: 8), .unsigned, width: 8)))
    n.output("done", n.register(start))
    n.output("ready", n.constant(1, width: 1))
    return n
  }

  @Test func aReadyPortStreamsSamplesBackToBack() throws {
    let samples = [4, 9, 200].map { [BitVector(width: 8, truncating: $0)] }
    let expected = [5, 10, 201].map { [BitVector(width: 8, truncating: $0)] }
    for evaluator in [
      try TransactionEvaluator(InterpreterStepper(Self.pipelined())),
      try TransactionEvaluator(InterpreterStepper(BitBlast.lower(Self.pipelined()).0)),
    ] {
      let run = try evaluator.timeline(samples)
      #expect(run.outputs == expected)
      #expect(run.accepted == [0, 1, 2])
      #expect(run.done == [1, 2, 3])
    }
    let gates = try TransactionEvaluator(GateStepper(BitBlast.lower(Self.pipelined()).0))
    #expect(try gates.run(samples) == expected)
    // Without the ready port the same design takes one sample at a time (`ready` is then a
    // data output).
    let single = try TransactionEvaluator(
      InterpreterStepper(Self.pipelined()), ports: StreamingPorts(ready: nil))
    let run = try single.timeline(samples)
    #expect(run.outputs.map { Array($0.prefix(1)) } == expected)
    #expect(run.accepted == [0, 2, 4])
  }
}
