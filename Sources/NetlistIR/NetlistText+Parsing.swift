import BitCore

/// Lexing and parsing one line of the text form, with every number bounded before use.
extension NetlistText {
  enum Token: Equatable {
    case word(Substring)
    case string(String)
    case node(NodeID)
    case equals, comma, colon
  }

  struct LineError: Error {
    let message: String
    init(_ message: String) { self.message = message }
  }

  /// At most 40 characters of `text` for an error message, with `…` when cut.
  static func excerpt<S: StringProtocol>(_ text: S) -> String {
    text.count > 40 ? String(text.prefix(40)) + "…" : String(text)
  }

  /// A run of ASCII digits as an `Int` in `0...limit`, or `nil` (other characters, a sign, an
  /// empty run or a value above `limit`).
  static func decimal<S: StringProtocol>(_ text: S, limit: Int) -> Int? {
    var value = 0
    for byte in text.utf8 {
      guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
      if value > limit { return nil }
    }
    return text.isEmpty ? nil : value
  }

  static func tokenize(_ line: Substring) throws(LineError) -> [Token] {
    var tokens: [Token] = []
    var i = line.startIndex
    while i < line.endIndex {
      let c = line[i]
      if c == "#" { break }
      if c == " " || c == "\t" || c == "\r" {
        i = line.index(after: i)
        continue
      }
      switch c {
      case "=": tokens.append(.equals)
      case ",": tokens.append(.comma)
      case ":": tokens.append(.colon)
      case "\"":
        var s = ""
        var j = line.index(after: i)
        var closed = false
        while j < line.endIndex {
          let d = line[j]
          if d == "\"" {
            closed = true
            break
          }
          if d == "\\" {
            j = line.index(after: j)
            guard j < line.endIndex else { break }
          }
          s.append(line[j])
          j = line.index(after: j)
        }
        guard closed else { throw LineError("unterminated string") }
        tokens.append(.string(s))
        i = line.index(after: j)
        continue
      default:
        var j = i
        while j < line.endIndex, !" \t\r=,:#\"".contains(line[j]) { j = line.index(after: j) }
        let word = line[i..<j]
        if word.hasPrefix("%") {
          guard let n = decimal(word.dropFirst(), limit: Int(Int32.max)),
            let id = NodeID(checked: n)
          else { throw LineError("bad node reference '\(excerpt(word))'") }
          tokens.append(.node(id))
        } else {
          tokens.append(.word(word))
        }
        i = j
        continue
      }
      i = line.index(after: i)
    }
    return tokens
  }

  static func parseNode(_ tokens: [Token], expectedIndex: Int) throws(LineError) -> Node {
    var t = tokens[...]
    guard case .node(let id) = t.popFirst() else { throw LineError("expected '%N ='") }
    guard id.int == expectedIndex else {
      throw LineError("node \(id) out of order (expected %\(expectedIndex))")
    }
    var name: String?
    if case .string(let n) = t.first {
      name = n
      t.removeFirst()
    }
    guard t.popFirst() == .equals else { throw LineError("expected '=' after \(id)") }
    guard case .word(let mnemonic) = t.popFirst() else { throw LineError("missing op") }
    guard t.count >= 2, t[t.endIndex - 2] == .colon, case .word(let widthText) = t.last else {
      throw LineError("expected ': WIDTH' at the end of the line")
    }
    guard let width = decimal(widthText, limit: NetlistVerifier.maximumWidth), width >= 1 else {
      throw LineError(
        "width '\(excerpt(widthText))' is not a number in 1…\(NetlistVerifier.maximumWidth)")
    }
    t.removeLast(2)
    let op = try parseOp(String(mnemonic), &t)
    var operands: [NodeID] = []
    while let token = t.popFirst() {
      guard case .node(let operand) = token else { throw LineError("expected an operand '%N'") }
      operands.append(operand)
      if let next = t.popFirst(), next != .comma {
        throw LineError("expected ',' between operands")
      }
    }
    return Node(op: op, operands: operands, width: width, name: name)
  }

  /// A literal `W'hDIGITS` or `W'bDIGITS` whose width is checked before anything is
  /// allocated and whose digits fit the width.
  static func literal(_ text: Substring) throws(LineError) -> BitVector {
    let limit = NetlistVerifier.maximumWidth
    guard let quote = text.firstIndex(of: "'") else {
      throw LineError("bad literal '\(excerpt(text))'")
    }
    guard let width = decimal(text[..<quote], limit: limit), width >= 1 else {
      throw LineError("literal '\(excerpt(text))' needs a width in 1…\(limit)")
    }
    let digits = text[quote...].dropFirst(2).filter { $0 != "_" }.count
    let base = text[quote...].dropFirst().first
    let bitsPerDigit = base == "b" || base == "B" ? 1 : 4
    guard digits <= (width + bitsPerDigit - 1) / bitsPerDigit else {
      throw LineError("literal '\(excerpt(text))' has more digits than \(width) bits")
    }
    guard let value = BitVector(literal: String(text)) else {
      throw LineError("bad literal '\(excerpt(text))'")
    }
    return value
  }

  static func parseOp(_ mnemonic: String, _ t: inout ArraySlice<Token>) throws(LineError) -> Op {
    let parts = mnemonic.split(separator: ".").map(String.init)
    let shown = excerpt(mnemonic)
    func signedness(_ i: Int) throws(LineError) -> Signedness {
      guard parts.count > i, let s = Signedness(rawValue: parts[i]) else {
        throw LineError("'\(shown)' needs a '.s' or '.u' suffix")
      }
      return s
    }
    func requireParts(_ n: Int) throws(LineError) {
      if parts.count != n { throw LineError("unknown op '\(shown)'") }
    }
    func string() throws(LineError) -> String {
      guard case .string(let s) = t.popFirst() else { throw LineError("expected a quoted name") }
      return s
    }
    func word() throws(LineError) -> Substring {
      guard case .word(let w) = t.popFirst() else { throw LineError("missing parameter") }
      return w
    }
    func count() throws(LineError) -> Int {
      let w = try word()
      guard let n = decimal(w, limit: NetlistVerifier.maximumWidth) else {
        throw LineError(
          "bit count '\(excerpt(w))' is not a number in 0…\(NetlistVerifier.maximumWidth)")
      }
      return n
    }
    guard let first = parts.first else { throw LineError("unknown op '\(shown)'") }
    switch first {
    case "input": try requireParts(1); return .input(try string())
    case "output": try requireParts(1); return .output(try string())
    case "const": try requireParts(1); return .constant(try literal(try word()))
    case "reg": try requireParts(1); return .register(try literal(try word()))
    case "gate":
      try requireParts(1)
      let w = try word()
      if let g = GateFunction(name: String(w)) { return .gate(g) }
      if let n = decimal(w, limit: 255), let g = GateFunction(checkedTable: n) { return .gate(g) }
      throw LineError("unknown gate '\(excerpt(w))'")
    case "not": try requireParts(1); return .not
    case "buf": try requireParts(1); return .buf
    case "and": try requireParts(1); return .and
    case "or": try requireParts(1); return .or
    case "xor": try requireParts(1); return .xor
    case "add":
      let s = try signedness(1)
      try requireParts(2)
      return .add(s)
    case "sub":
      let s = try signedness(1)
      try requireParts(2)
      return .sub(s)
    case "mul":
      let s = try signedness(1)
      try requireParts(2)
      return .mul(s)
    case "cmp":
      let s = try signedness(2)
      try requireParts(3)
      guard let k = CompareKind(rawValue: parts[1]) else {
        throw LineError("unknown comparison '\(excerpt(parts[1]))'")
      }
      return .compare(k, s)
    case "mux": try requireParts(1); return .mux
    case "shl": try requireParts(1); return .shiftLeft(try count())
    case "shr":
      let s = try signedness(1)
      try requireParts(2)
      return .shiftRight(try count(), s)
    case "concat": try requireParts(1); return .concat
    case "slice": try requireParts(1); return .slice(try count())
    case "ext":
      let s = try signedness(1)
      try requireParts(2)
      return .extend(s)
    case "popcount": try requireParts(1); return .popcount
    case "round":
      let s = try signedness(1)
      try requireParts(2)
      let k = try count()
      let m = try word()
      guard let mode = RoundingMode(rawValue: String(m)) else {
        throw LineError("unknown rounding mode '\(excerpt(m))'")
      }
      return .round(k, mode, s)
    case "rom":
      try requireParts(1)
      let w = try word()
      guard let n = decimal(w, limit: NetlistVerifier.maximumROMDepth), n > 0 else {
        throw LineError(
          "rom entry count '\(excerpt(w))' is not a number in 1…\(NetlistVerifier.maximumROMDepth)")
      }
      var table: [BitVector] = []
      table.reserveCapacity(min(n, t.count))
      for _ in 0..<n { table.append(try literal(try word())) }
      return .rom(table)
    case "resize":
      let s = try signedness(1)
      try requireParts(2)
      let m = try word()
      guard let mode = OverflowMode(rawValue: String(m)) else {
        throw LineError("unknown overflow mode '\(excerpt(m))'")
      }
      return .resize(mode, s)
    default:
      throw LineError("unknown op '\(shown)'")
    }
  }
}
