import NetlistIR
import Testing

/// The `rom` op: its meaning, its text form and its verifier rules.
struct ROMTests {
  static func table(_ values: [Int], width: Int) -> [BitVector] {
    values.map { BitVector(width: width, truncating: $0) }
  }

  static func lookup(_ values: [Int], addressWidth: Int) -> Netlist {
    var n = Netlist(name: "r")
    let a = n.input("a", width: addressWidth)
    n.output("y", n.rom(table(values, width: 8), address: a))
    return n
  }

  @Test func readsTheEntryAndZeroPastTheTable() {
    let node = Node(op: .rom(Self.table([7, 9, 200], width: 8)), operands: [NodeID(0)], width: 8)
    for (address, expected) in [(0, 7), (1, 9), (2, 200), (3, 0)] {
      #expect(
        node.evaluate([BitVector(width: 2, truncating: address)])
          == BitVector(width: 8, truncating: expected))
    }
    let wide = BitVector(width: 70, words: [1, 1])
    #expect(node.evaluate([wide]) == BitVector(zeroWidth: 8))
  }

  @Test func roundTripsThroughTheTextForm() throws {
    let n = Self.lookup([1, 2, 255], addressWidth: 2)
    let text = NetlistText.print(n)
    #expect(text.contains("rom 3 8'h01 8'h02 8'hff %0 : 8"))
    #expect(try NetlistText.parse(text) == n)
  }

  @Test func theParserBoundsTheEntryCount() {
    let text = "netlist \"r\"\n%0 = input \"a\" : 2\n%1 = rom 2000000 8'h01 %0 : 8\n"
    #expect(throws: NetlistError.self) { try NetlistText.parse(text) }
    let short = "netlist \"r\"\n%0 = input \"a\" : 2\n%1 = rom 3 8'h01 %0 : 8\n"
    #expect(throws: NetlistError.self) { try NetlistText.parse(short) }
  }

  @Test func theVerifierPinsItsMessages() {
    func message(_ entries: [BitVector], addressWidth: Int, width: Int) -> String {
      var n = Netlist(name: "r")
      let a = n.input("a", width: addressWidth)
      let r = n.append(Node(op: .rom(entries), operands: [a], width: width))
      n.output("y", r)
      do {
        try NetlistVerifier.verify(n)
        return "valid"
      } catch {
        return error.description
      }
    }
    #expect(message([], addressWidth: 2, width: 8).hasSuffix("rom has no entries"))
    #expect(
      message(Self.table([1, 2, 3, 4, 5], width: 8), addressWidth: 2, width: 8)
        .hasSuffix("rom has 5 entries, a 2-bit address reaches 4"))
    #expect(
      message(Self.table([1], width: 8) + Self.table([2], width: 4), addressWidth: 2, width: 8)
        .hasSuffix("rom entry 1 width 4 should be 8"))
    #expect(message(Self.table([1, 2, 3, 4], width: 8), addressWidth: 2, width: 8) == "valid")
  }

  @Test func isClassifiedAsMemory() {
    let op = Op.rom(Self.table([1], width: 1))
    #expect(op.role == .memory && op.mnemonic == "rom" && op.arity == 1 && !op.isRegister)
  }
}
