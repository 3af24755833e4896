import Foundation

/// A design file's contents, as families see them when asked whether they read it.
public struct DesignFile: Sendable {
  /// The bytes of the file.
  public let contents: Data
  /// Whether the file holds a JSON object (its first non-blank byte is `{`).
  package let isJSON: Bool
  /// The top-level `format` string of a JSON object; `nil` when the file is not JSON, not
  /// well-formed, or has no such string.
  public let format: String?

  /// Looks at `contents`.
  public init(_ contents: Data) {
    self.contents = contents
    let first = contents.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
    isJSON = first == UInt8(ascii: "{")
    format = isJSON ? (try? JSONDecoder().decode(FormatField.self, from: contents))?.format : nil
  }
}

/// The one field read to recognise a family.
private struct FormatField: Decodable {
  var format: String
}
