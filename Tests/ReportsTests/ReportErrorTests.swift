import NetlistIR
import Reports
import Testing

@Suite struct ReportErrorTests {
  @Test func invalidNetlistsAreRefused() throws {
    var n = Netlist(name: "bad")
    let a = n.input("a", width: 4)
    n.append(Node(op: .not, operands: [a], width: 3))
    n.output("y", NodeID(1))
    let expected = ReportError.invalidNetlist(.invalidNode(NodeID(1), "result width 3 should be 4"))
    #expect(throws: expected) { try NetlistReport.make(for: n) }
    #expect(expected.description == "invalid netlist: node %1: result width 3 should be 4")
  }
}
