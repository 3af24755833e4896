import NetlistIR
import Testing

/// Shift counts and slice offsets are bounded, so no later arithmetic on
/// them can overflow (they used to trap in the verifier or the interpreter).
@Suite struct VerifierBoundsTests {
  @Test(arguments: [
    (Op.shiftRight(Int.max, .signed), "node %1: shift 9223372036854775807 is above 65536"),
    (Op.shiftLeft(65537), "node %1: shift 65537 is above 65536"),
    (Op.round(Int.max, .rnd, .signed), "node %1: shift 9223372036854775807 is above 65536"),
    (Op.slice(Int.max), "node %1: slice offset 9223372036854775807 is above 65536"),
  ])
  func hugeCountsAreRejected(op: Op, expected: String) throws {
    // The text form refuses these counts already (see TextFormBoundsTests); a netlist built
    // in code meets the verifier.
    var n = Netlist(name: "t")
    let a = n.input("a", width: 4)
    n.output("y", n.append(Node(op: op, operands: [a], width: 4)))
    #expect(throws: NetlistError.self) { try NetlistVerifier.verify(n) }
    do {
      try NetlistVerifier.verify(n)
    } catch {
      #expect(error.description == expected)
    }
  }

  @Test func shiftsUpToTheMaximumWidthStayValid() throws {
    let n = try NetlistText.parse(
      "netlist \"t\"\n%0 = input \"a\" : 4\n%1 = shl 65536 %0 : 4\n%2 = output \"y\" %1 : 4")
    try NetlistVerifier.verify(n)
  }
}
