import Foundation
import Testing

@testable import LogicNets

/// The strict JSON reader behind the model and interchange files: values, escapes, and one
/// pinned message (with line and column) per kind of malformation.
@Suite struct JSONParserTests {
  private func parse(_ bytes: [UInt8]) throws(LogicNetsError) -> JSONValue {
    try JSONValue.parse(Data(bytes))
  }

  private func message(_ text: String) -> String {
    message(Array(text.utf8))
  }

  /// The error message without its "malformed JSON: " prefix (asserted here).
  private func message(_ bytes: [UInt8]) -> String {
    do {
      _ = try parse(bytes)
      return "no error"
    } catch {
      #expect(error.description.hasPrefix("malformed JSON: "))
      return String(error.description.dropFirst("malformed JSON: ".count))
    }
  }

  @Test func readsValuesAndEscapes() throws {
    let text = #"{"a":[1,-0.5,2e3,true,false,null],"s":"x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"}"#
    let value = try parse(Array(text.utf8))
    let items = try value.field("a", at: "").array(at: "a")
    #expect(try items[0].number(at: "") == 1 && items[1].number(at: "") == -0.5)
    #expect(try items[2].integer(at: "", in: 0...5000) == 2000)
    #expect(try value.field("s", at: "").string(at: "s") == "x\"\\/\u{8}\u{c}\n\r\té😀")
    // A byte-order mark and surrounding whitespace are fine.
    #expect(throws: Never.self) { try parse([0xEF, 0xBB, 0xBF] + Array(" \r\n[]\t".utf8)) }
  }

  @Test func malformationsNameLineAndColumn() {
    #expect(message("") == "line 1, column 1: unexpected end of the document")
    #expect(message("{\n \"a\":1,\n \"a\":2}") == "line 3, column 2: duplicate key \"a\"")
    #expect(message("[1,\n2,]") == "line 2, column 3: expected a value, found ']'")
    #expect(message("[01]") == "line 1, column 2: leading zero in a number")
    #expect(message("[1.]") == "line 1, column 4: expected a digit, found ']'")
    #expect(message("[-]") == "line 1, column 3: expected a digit, found ']'")
    #expect(message("[1e400]") == "line 1, column 2: number 1e400 is too large")
    #expect(message("[NaN]") == "line 1, column 2: expected a value, found 'N'")
    #expect(message("[tru]") == "line 1, column 2: expected a value, found 't'")
    #expect(message("{1:2}") == "line 1, column 2: expected a key string, found '1'")
    #expect(message("{\"a\" 2}") == "line 1, column 6: expected ':', found '2'")
    #expect(message("[1] x") == "line 1, column 5: unexpected text after the document")
    #expect(message("[\"ab") == "line 1, column 2: unterminated string")
    #expect(message("[\"a\tb\"]") == "line 1, column 4: control character in a string")
    #expect(message(#"["\x"]"#) == "line 1, column 3: invalid escape in a string")
    #expect(message(#"["\u12G4"]"#) == "line 1, column 3: invalid \\u escape")
    #expect(message(#"["\ud800"]"#) == "line 1, column 3: unpaired surrogate escape")
    #expect(
      message(#"["\udc00\ud800"]"#) == "line 1, column 3: unpaired surrogate escape")
    #expect(
      message([0x5B, 0x22, 0xC3, 0x28, 0x22, 0x5D])
        == "line 1, column 2: string is not valid UTF-8")
    #expect(message([0x5B, 0x00, 0x5D]) == "line 1, column 2: expected a value, found byte 0")
  }

  /// Nesting is bounded, so a deep document is an error rather than a stack overflow.
  @Test func nestingIsBounded() throws {
    let ok = String(repeating: "[", count: 255) + String(repeating: "]", count: 255)
    #expect(throws: Never.self) { try parse(Array(ok.utf8)) }
    let deep = String(repeating: "[", count: 100_000)
    #expect(
      message(deep) == "line 1, column 257: nested deeper than 256 arrays and objects")
  }
}
