import NetlistIR
import NetlistSim
import Testing
import _TestSupport

/// The test-only lane evaluator agrees with the reference interpreter on gate-level netlists
/// (with registers), so that equivalence checks may use it for large bit-blasted netlists.
@Suite struct LaneRunnerTests {
  @Test(arguments: 0..<6)
  func agreesWithTheInterpreter(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed)
    var n = randomGateNetwork(inputs: 6, layers: 4, width: 10, outputs: 5, using: &rng)
    // A multi-bit input read through slices, a concat output and a register loop.
    let wide = n.input("w", width: 3)
    let r = n.register(reset: BitVector(width: 1, truncating: 1 as UInt64))
    let g = n.gate(.xor, r, n.bit(wide, 2))
    n.connectRegister(r, to: g)
    n.output("wide", n.concat([n.bit(wide, 0), g, r, n.constant(1, width: 1)]))
    n.output("direct", wide)
    try NetlistVerifier.verify(n)
    #expect(n.isGateLevel)
    let runs = (0..<40).map { _ in RandomNetlists.vectors(for: n, count: 7, using: &rng) }
    let interpreter = try ReferenceInterpreter(n)
    #expect(try evaluate(n, runs) == runs.map { try interpreter.run($0) })
  }
}
