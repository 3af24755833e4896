import NetlistIR
import Testing

/// Shift counts and slice offsets from untrusted text are bounded, so no later arithmetic on
/// them can overflow (they used to trap in the verifier or the interpreter).
@Suite struct VerifierBoundsTests {
  @Test(arguments: [
    ("%1 = shr.s 9223372036854775807 %0 : 4", "node %1: shift 9223372036854775807 is above 65536"),
    ("%1 = shl 65537 %0 : 4", "node %1: shift 65537 is above 65536"),
    (
      "%1 = round.s 9223372036854775807 RND %0 : 4",
      "node %1: shift 9223372036854775807 is above 65536"
    ),
    (
      "%1 = slice 9223372036854775807 %0 : 4",
      "node %1: slice offset 9223372036854775807 is above 65536"
    ),
  ])
  func hugeCountsAreRejected(line: String, expected: String) throws {
    let n = try NetlistText.parse(
      "netlist \"t\"\n%0 = input \"a\" : 4\n" + line + "\n%2 = output \"y\" %1 : 4")
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
