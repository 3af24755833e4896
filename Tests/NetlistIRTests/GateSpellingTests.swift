import NetlistIR
import Testing

/// Gate mnemonics: one printed spelling per gate (``GateFunction/names``); difflogic's
/// spellings and truth-table numbers still parse.
@Suite struct GateSpellingTests {
  private func gateLine(_ mnemonic: String) -> String {
    """
    netlist "g"
    %0 "a" = input "a" : 1
    %1 "b" = input "b" : 1
    %2 = gate \(mnemonic) %0, %1 : 1
    %3 "y" = output "y" %2 : 1
    """
  }

  @Test(arguments: [("not_or", "nor"), ("not_xor", "xnor"), ("not_and", "nand"), ("8", "nor")])
  func difflogicSpellingsParseAndPrintTheirOneName(spelling: String, name: String) throws {
    let netlist = try NetlistText.parse(gateLine(spelling))
    #expect(NetlistText.print(netlist).contains("= gate \(name) %0, %1 : 1"))
    #expect(try NetlistText.parse(gateLine(name)) == netlist)
  }

  @Test func everyGatePrintsItsName() throws {
    for gate in GateFunction.all {
      let netlist = try NetlistText.parse(gateLine(gate.name))
      #expect(netlist.nodes.contains { $0.op == .gate(gate) })
      #expect(NetlistText.print(netlist).contains("= gate \(gate.name) %0"))
    }
  }
}
