import Foundation
import NetlistIR
import Testing

/// Every number in the text form is bounded before it sizes an allocation or converts to a
/// narrower type; the errors name the line and echo at most 40 characters.
@Suite struct TextFormBoundsTests {
  static let header = "netlist \"t\"\n%0 = input \"a\" : 4\n"

  static func message(_ text: String) -> String? {
    do {
      _ = try NetlistText.parse(text)
      return nil
    } catch {
      return error.description
    }
  }

  @Test(arguments: [
    ("%1 = const 99999999999'h0 : 4", "line 3: literal '99999999999'h0' needs a width in 1…65536"),
    (
      "%1 = reg 9223372036854775807'h0 %0 : 4",
      "line 3: literal '9223372036854775807'h0' needs a width in 1…65536"
    ),
    ("%1 = const 0'h0 : 4", "line 3: literal '0'h0' needs a width in 1…65536"),
    ("%1 = const 4'h00 : 4", "line 3: literal '4'h00' has more digits than 4 bits"),
    ("%1 = const 4'b00000 : 4", "line 3: literal '4'b00000' has more digits than 4 bits"),
    ("%1 = not %4294967296 : 4", "line 3: bad node reference '%4294967296'"),
    ("%1 = not %-1 : 4", "line 3: bad node reference '%-1'"),
    ("%4294967297 = not %0 : 4", "line 3: bad node reference '%4294967297'"),
    ("%1 = not %0 : 65537", "line 3: width '65537' is not a number in 1…65536"),
    (
      "%1 = not %0 : 9223372036854775808",
      "line 3: width '9223372036854775808' is not a number in 1…65536"
    ),
    ("%1 = not %0 : 0", "line 3: width '0' is not a number in 1…65536"),
    ("%1 = shl 65537 %0 : 4", "line 3: bit count '65537' is not a number in 0…65536"),
    (
      "%1 = shr.s 9223372036854775807 %0 : 4",
      "line 3: bit count '9223372036854775807' is not a number in 0…65536"
    ),
    ("%1 = slice -1 %0 : 1", "line 3: bit count '-1' is not a number in 0…65536"),
    (
      "%1 = round.s 99999999999999999999 RND %0 : 4",
      "line 3: bit count '99999999999999999999' is not a number in 0…65536"
    ),
    ("%1 = gate 99999999999999999999 %0, %0 : 1", "line 3: unknown gate '99999999999999999999'"),
  ])
  func hugeNumbersAreTypedErrors(line: String, expected: String) {
    #expect(Self.message(Self.header + line) == expected)
  }

  @Test func countsUpToTheMaximumWidthParse() throws {
    let n = try NetlistText.parse(
      Self.header + "%1 = shl 65536 %0 : 4\n%2 = const 65536'h0 : 65536")
    #expect(n.nodes.count == 3)
  }

  @Test func echoesAreCutAt40Characters() {
    let long = String(repeating: "z", count: 100_000)
    #expect(
      Self.message(Self.header + "%1 = \(long) %0 : 4")
        == "line 3: unknown op '\(String(repeating: "z", count: 40))…'")
    #expect(
      Self.message(Self.header + "%1 = not %0 : 4\(long)")
        == "line 3: width '4\(String(repeating: "z", count: 39))…' is not a number in 1…65536")
  }

  @Test func crlfLineEndingsAreAccepted() throws {
    let text = NetlistText.print(try NetlistText.parse(Self.header + "%1 = output \"y\" %0 : 4\n"))
    let crlf = text.replacingOccurrences(of: "\n", with: "\r\n")
    #expect(crlf.contains("\r\n"))
    #expect(try NetlistText.parse(crlf) == NetlistText.parse(text))
    #expect(try NetlistText.parse(utf8: Array(crlf.utf8)) == NetlistText.parse(text))
  }

  @Test func invalidUTF8NamesItsLine() {
    var bytes = Array((Self.header + "%1 = output \"y").utf8)
    bytes += [0xFF, 0x22, 0x20, 0x25, 0x30, 0x20, 0x3A, 0x20, 0x34, 0x0A]
    #expect(throws: NetlistError.parse(line: 3, "invalid UTF-8")) {
      try NetlistText.parse(utf8: bytes)
    }
  }

  @Test func checkedNodeIDsFailInsteadOfTrapping() {
    #expect(NodeID(checked: -1) == nil)
    #expect(NodeID(checked: 4_294_967_296) == nil)
    #expect(NodeID(checked: Int(Int32.max) + 1) == nil)
    #expect(NodeID(checked: Int(Int32.max)) == NodeID(Int(Int32.max)))
    #expect(NodeID(checked: 0) == NodeID(0))
  }
}
