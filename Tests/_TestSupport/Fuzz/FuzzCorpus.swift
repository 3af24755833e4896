import Foundation

/// Regression corpora of fuzz inputs kept as Swift string literals.
public enum FuzzCorpus {
  /// The bytes of a corpus entry: the text's UTF-8, with each `\xHH` (backslash, `x`, two hex
  /// digits) turned into the byte `0xHH` — how entries spell bytes that are not printable
  /// ASCII, such as invalid UTF-8.
  public static func bytes(_ entry: String) -> Data {
    var out: [UInt8] = []
    let utf8 = Array(entry.utf8)
    var i = 0
    while i < utf8.count {
      if utf8[i] == UInt8(ascii: "\\"), i + 3 < utf8.count, utf8[i + 1] == UInt8(ascii: "x"),
        let byte = UInt8(String(decoding: utf8[(i + 2)...(i + 3)], as: UTF8.self), radix: 16)
      {
        out.append(byte)
        i += 4
      } else {
        out.append(utf8[i])
        i += 1
      }
    }
    return Data(out)
  }

  /// An entry spelling `data`: printable ASCII and newlines as they are, every other byte
  /// (and the backslash) as `\xHH`. ``bytes(_:)`` inverts it.
  public static func entry(_ data: Data) -> String {
    data.map { byte -> String in
      if byte == 0x0A || ((0x20..<0x7F).contains(byte) && byte != UInt8(ascii: "\\")) {
        return String(UnicodeScalar(byte))
      }
      return "\\x" + (byte < 16 ? "0" : "") + String(byte, radix: 16)
    }.joined()
  }
}
