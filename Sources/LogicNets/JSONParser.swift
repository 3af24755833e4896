/// A strict JSON reader (RFC 8259) for the model and interchange files: it names the line and
/// column of the first problem, rejects an object that repeats a key (Python's `json` keeps
/// the last value, Foundation's the first: neither is safe to guess), rejects numbers that
/// do not fit a finite `Double`, and bounds nesting so no input can exhaust the stack.
struct JSONParser {
  /// The deepest nesting of arrays and objects accepted.
  static let maxDepth = 256

  private let bytes: [UInt8]
  private var position = 0

  /// A parser over the UTF-8 text `bytes` (a leading byte-order mark is skipped).
  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
  }

  /// The one value of the document, or a ``LogicNetsError/malformedJSON(_:)`` naming where.
  mutating func document() throws(LogicNetsError) -> JSONValue {
    skipWhitespace()
    let value = try self.value(depth: 0)
    skipWhitespace()
    guard position == bytes.count else { throw failure("unexpected text after the document") }
    return value
  }

  private mutating func value(depth: Int) throws(LogicNetsError) -> JSONValue {
    guard depth < Self.maxDepth else {
      throw failure("nested deeper than \(Self.maxDepth) arrays and objects")
    }
    guard position < bytes.count else { throw failure("unexpected end of the document") }
    switch bytes[position] {
    case UInt8(ascii: "{"): return try object(depth: depth)
    case UInt8(ascii: "["): return try array(depth: depth)
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
    default: throw failure("expected a value, found \(found())")
    }
  }

  private mutating func object(depth: Int) throws(LogicNetsError) -> JSONValue {
    position += 1
    var members: [String: JSONValue] = [:]
    skipWhitespace()
    if peek(UInt8(ascii: "}")) { return .object(members) }
    while true {
      skipWhitespace()
      let keyStart = position
      guard position < bytes.count && bytes[position] == UInt8(ascii: "\"") else {
        throw failure("expected a key string, found \(found())")
      }
      let key = try string()
      skipWhitespace()
      try expect(UInt8(ascii: ":"))
      skipWhitespace()
      let value = try self.value(depth: depth + 1)
      guard members.updateValue(value, forKey: key) == nil else {
        throw failure("duplicate key \"\(key.quotedForMessage)\"", at: keyStart)
      }
      skipWhitespace()
      if peek(UInt8(ascii: "}")) { return .object(members) }
      guard peek(UInt8(ascii: ",")) else { throw failure("expected ',' or '}', found \(found())") }
    }
  }

  private mutating func array(depth: Int) throws(LogicNetsError) -> JSONValue {
    position += 1
    var items: [JSONValue] = []
    skipWhitespace()
    if peek(UInt8(ascii: "]")) { return .array(items) }
    while true {
      skipWhitespace()
      items.append(try value(depth: depth + 1))
      skipWhitespace()
      if peek(UInt8(ascii: "]")) { return .array(items) }
      guard peek(UInt8(ascii: ",")) else { throw failure("expected ',' or ']', found \(found())") }
    }
  }

  /// A string starting at the opening quote; escapes decoded, UTF-8 checked.
  private mutating func string() throws(LogicNetsError) -> String {
    let start = position
    position += 1
    var decoded: [UInt8] = []
    var runStart = position
    while true {
      guard position < bytes.count else { throw failure("unterminated string", at: start) }
      let byte = bytes[position]
      if byte == UInt8(ascii: "\"") { break }
      guard byte >= 0x20 else { throw failure("control character in a string") }
      guard byte == UInt8(ascii: "\\") else {
        position += 1
        continue
      }
      decoded += bytes[runStart..<position]
      try escape(into: &decoded)
      runStart = position
    }
    decoded += bytes[runStart..<position]
    position += 1
    guard let text = String(validating: decoded, as: UTF8.self) else {
      throw failure("string is not valid UTF-8", at: start)
    }
    return text
  }

  /// Decodes the escape at `position` (a backslash) as UTF-8 into `out`.
  private mutating func escape(into out: inout [UInt8]) throws(LogicNetsError) {
    let start = position
    position += 1
    guard position < bytes.count else { throw failure("unterminated string") }
    let simple: [UInt8: UInt8] = [
      UInt8(ascii: "\""): 0x22, UInt8(ascii: "\\"): 0x5C, UInt8(ascii: "/"): 0x2F,
      UInt8(ascii: "b"): 0x08, UInt8(ascii: "f"): 0x0C, UInt8(ascii: "n"): 0x0A,
      UInt8(ascii: "r"): 0x0D, UInt8(ascii: "t"): 0x09,
    ]
    if let byte = simple[bytes[position]] {
      out.append(byte)
      position += 1
      return
    }
    guard bytes[position] == UInt8(ascii: "u") else {
      throw failure("invalid escape in a string", at: start)
    }
    position += 1
    var scalar = try hex4(escapeStart: start)
    if (0xD800..<0xDC00).contains(scalar) {
      guard bytes[position...].starts(with: Array("\\u".utf8)) else {
        throw failure("unpaired surrogate escape", at: start)
      }
      position += 2
      let low = try hex4(escapeStart: start)
      guard (0xDC00..<0xE000).contains(low) else {
        throw failure("unpaired surrogate escape", at: start)
      }
      scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
    }
    guard let unicode = Unicode.Scalar(scalar) else {
      throw failure("unpaired surrogate escape", at: start)
    }
    out += Array(String(Character(unicode)).utf8)
  }

  /// Four hexadecimal digits at `position`.
  private mutating func hex4(escapeStart: Int) throws(LogicNetsError) -> UInt32 {
    guard position + 4 <= bytes.count else { throw failure("unterminated string") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[position]
      let digit: UInt8
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = c - UInt8(ascii: "0")
      case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = c - UInt8(ascii: "a") + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = c - UInt8(ascii: "A") + 10
      default: throw failure("invalid \\u escape", at: escapeStart)
      }
      value = value << 4 | UInt32(digit)
      position += 1
    }
    return value
  }

  /// A number by the JSON grammar, as a finite `Double`.
  private mutating func number() throws(LogicNetsError) -> Double {
    let start = position
    func digits() -> Int {
      let from = position
      while position < bytes.count
        && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position])
      {
        position += 1
      }
      return position - from
    }
    _ = peek(UInt8(ascii: "-"))
    if peek(UInt8(ascii: "0")) {
      guard digits() == 0 else { throw failure("leading zero in a number", at: start) }
    } else if digits() == 0 {
      throw failure("expected a digit, found \(found())")
    }
    if peek(UInt8(ascii: ".")) && digits() == 0 {
      throw failure("expected a digit, found \(found())")
    }
    if peek(UInt8(ascii: "e")) || peek(UInt8(ascii: "E")) {
      if !peek(UInt8(ascii: "+")) { _ = peek(UInt8(ascii: "-")) }
      guard digits() > 0 else { throw failure("expected a digit, found \(found())") }
    }
    let text = String(decoding: bytes[start..<position], as: UTF8.self)
    guard let value = Double(text), value.isFinite else {
      throw failure("number \(text.prefix(40)) is too large", at: start)
    }
    return value
  }

  private mutating func literal(_ word: String, _ value: JSONValue) throws(LogicNetsError)
    -> JSONValue
  {
    guard bytes[position...].starts(with: word.utf8) else {
      throw failure("expected a value, found \(found())")
    }
    position += word.utf8.count
    return value
  }

  /// Consumes `byte` when it is next.
  private mutating func peek(_ byte: UInt8) -> Bool {
    guard position < bytes.count && bytes[position] == byte else { return false }
    position += 1
    return true
  }

  private mutating func expect(_ byte: UInt8) throws(LogicNetsError) {
    guard peek(byte) else {
      throw failure("expected '\(Character(Unicode.Scalar(byte)))', found \(found())")
    }
  }

  private mutating func skipWhitespace() {
    while position < bytes.count {
      switch bytes[position] {
      case 0x20, 0x09, 0x0A, 0x0D: position += 1
      default: return
      }
    }
  }

  /// The next byte, described for a message.
  private func found() -> String {
    guard position < bytes.count else { return "the end of the document" }
    let byte = bytes[position]
    return (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte \(byte)"
  }

  /// The error for `reason` at byte `offset` (default: the current position), with its line
  /// and column (1-based; the column counts bytes).
  private func failure(_ reason: String, at offset: Int? = nil) -> LogicNetsError {
    let at = min(offset ?? position, bytes.count)
    var line = 1
    var lineStart = 0
    for i in 0..<at where bytes[i] == 0x0A {
      line += 1
      lineStart = i + 1
    }
    return .malformedJSON("line \(line), column \(at - lineStart + 1): \(reason)")
  }
}
