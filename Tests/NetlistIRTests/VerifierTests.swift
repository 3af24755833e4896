import NetlistIR
import Testing

@Suite struct VerifierTests {
  func message(_ text: String) throws -> String? {
    let n = try NetlistText.parse("netlist \"t\"\n" + text)
    do {
      try NetlistVerifier.verify(n)
      return nil
    } catch {
      return error.description
    }
  }

  @Test(arguments: [
    (
      "%0 = input \"a\" : 4\n%1 = and %0, %0 : 3\n%2 = output \"y\" %1 : 3",
      "node %1: operand a width 4 should be 3"
    ),
    (
      "%0 = input \"a\" : 1\n%1 = gate and %0 : 1\n%2 = output \"y\" %1 : 1",
      "node %1: gate takes 2 operand(s), has 1"
    ),
    (
      "%0 = input \"a\" : 1\n%1 = not %5 : 1\n%2 = output \"y\" %1 : 1",
      "node %1: operand %5 does not exist"
    ),
    (
      "%0 = input \"a\" : 1\n%1 = not %2 : 1\n%2 = not %1 : 1\n%3 = output \"y\" %2 : 1",
      "combinational loop through %1, %2, %3"
    ),
    (
      "%0 = input \"a\" : 1\n%1 = input \"a\" : 1\n%2 = output \"y\" %1 : 1",
      "port name 'a' is used twice"
    ),
    ("%0 = input \"a\" : 1", "the netlist has no outputs"),
    (
      "%0 = input \"a\" : 8\n%1 = slice 5 %0 : 4\n%2 = output \"y\" %1 : 4",
      "node %1: slice [8:5] is outside a 8-bit operand"
    ),
    (
      "%0 = input \"a\" : 8\n%1 = popcount %0 : 3\n%2 = output \"y\" %1 : 3",
      "node %1: popcount width 3 is below 4"
    ),
    (
      "%0 = input \"a\" : 8\n%1 = resize.u WRAP_SM %0 : 4\n%2 = output \"y\" %1 : 4",
      "node %1: WRAP_SM needs a signed format"
    ),
    (
      "%0 = input \"a\" : 8\n%1 = reg 4'h0 %0 : 4\n%2 = output \"y\" %1 : 4",
      "node %1: register input width 8 should be 4"
    ),
    (
      "%0 = input \"a\" : 1\n%1 = output \"y\" %0 : 1\n%2 = not %1 : 1\n%3 = output \"z\" %2 : 1",
      "node %2: reads output node %1"
    ),
  ])
  func violationsArePinned(text: String, expected: String) throws {
    #expect(try message(text) == expected)
  }

  @Test func registerLoopIsNotACombinationalLoop() throws {
    let text = "%0 = reg 4'h3 %1 : 4\n%1 = not %0 : 4\n%2 = output \"y\" %0 : 4"
    #expect(try message(text) == nil)
  }
}
