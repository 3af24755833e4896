import BitCore
import NetlistIR
import Testing
import _TestSupport

@Suite struct TextFormTests {
  @Test(arguments: 0..<40)
  func randomNetlistsRoundTrip(seed: UInt64) throws {
    var rng = SeededRandom(seed: seed)
    let netlist = RandomNetlists.mixed(
      widths: [1, 7, 64, 65, 130], nodes: 60, registers: seed % 2 == 0, using: &rng)
    try NetlistVerifier.verify(netlist)
    let text = NetlistText.print(netlist)
    let parsed = try NetlistText.parse(text)
    #expect(parsed == netlist, "seed \(seed)")
    #expect(NetlistText.print(parsed) == text)
  }

  @Test func printsTheDocumentedForm() throws {
    var n = Netlist(name: "adder")
    let x = n.input("x", width: 8)
    let y = n.input("y", width: 8)
    let s = n.add(x, y, .unsigned)
    n.setName(of: s, to: "sum")
    let r = n.round(s, by: 3, .rndConv, .signed)
    let q = n.resize(r, to: 4, .sat, .signed)
    let g = n.gate(.xor, n.bit(q, 0), n.bit(q, 1))
    n.output("s", n.register(q))
    n.output("g", g)
    let expected = """
      netlist "adder"
      %0 "x" = input "x" : 8
      %1 "y" = input "y" : 8
      %2 "sum" = add.u %0, %1 : 9
      %3 = round.s 3 RND_CONV %2 : 7
      %4 = resize.s SAT %3 : 4
      %5 = slice 0 %4 : 1
      %6 = slice 1 %4 : 1
      %7 = gate xor %5, %6 : 1
      %8 = reg 4'h0 %4 : 4
      %9 "s" = output "s" %8 : 4
      %10 "g" = output "g" %7 : 1

      """
    #expect(NetlistText.print(n) == expected)
    #expect(try NetlistText.parse(expected) == n)
  }

  @Test(arguments: [
    (
      "netlist \"a\"\n%0 = input \"x\" : 8\n%2 = not %0 : 8",
      "line 3: node %2 out of order (expected %1)"
    ),
    ("netlist \"a\"\n%0 = input \"x\" 8", "line 2: expected ': WIDTH' at the end of the line"),
    ("netlist \"a\"\n%0 = frob %1 : 8", "line 2: unknown op 'frob'"),
    ("netlist \"a\"\n%0 = add %1, %2 : 8", "line 2: 'add' needs a '.s' or '.u' suffix"),
    ("netlist \"a\"\n%0 = gate nandy %1, %2 : 1", "line 2: unknown gate 'nandy'"),
    ("netlist \"a\"\n%0 = const 4'hg : 4", "line 2: bad literal '4'hg'"),
    ("netlist \"a\"\n%0 = round.s 2 RND_X %1 : 4", "line 2: unknown rounding mode 'RND_X'"),
    ("%0 = input \"x\" : 8", "line 1: expected the header 'netlist \"NAME\"'"),
    ("netlist \"a\"\n%0 \"unterminated = input : 1", "line 2: unterminated string"),
  ])
  func parseErrorsArePinned(text: String, message: String) {
    #expect(throws: NetlistError.self) { try NetlistText.parse(text) }
    do {
      _ = try NetlistText.parse(text)
    } catch {
      #expect(error.description == message)
    }
  }
}
