/// The text form of a ``Netlist``: one node per line, round-trips exactly through
/// ``NetlistText/parse(_:)``.
///
/// ```
/// netlist "adder"
/// %0 "x" = input "x" : 8
/// %1 "y" = input "y" : 8
/// %2 "sum" = add.u %0, %1 : 9
/// %3 = gate xor %4, %5 : 1
/// %4 = round.s 3 RND_CONV %2 : 7
/// %5 = resize.s SAT %4 : 4
/// %6 = reg 4'h0 %5 : 4
/// %7 "s" = output "s" %6 : 4
/// ```
///
/// Each line is `%N ["name"] = mnemonic [parameters] [operands] : width`. Parameters by op:
/// `input`/`output` a quoted port name; `const` and `reg` a literal `W'hDIGITS`; `gate` a
/// difflogic gate name (`and`, `xor`, `not_implies`, …) or its number; `shl`, `shr.s|u`,
/// `slice` a bit count; `round.s|u` a shift and a rounding mode; `resize.s|u` an overflow
/// mode. `#` starts a comment. Node numbers must run 0, 1, 2, … in order.
public enum NetlistText {
  /// Prints the netlist in text form.
  public static func print(_ netlist: Netlist) -> String {
    var out = "netlist \(quote(netlist.name))\n"
    for id in netlist.ids {
      out += line(for: id, in: netlist)
      out += "\n"
    }
    return out
  }

  /// The text-form line of one node.
  public static func line(for id: NodeID, in netlist: Netlist) -> String {
    let node = netlist[id]
    var s = "\(id)"
    if let name = node.name { s += " \(quote(name))" }
    s += " = \(node.op.mnemonic)"
    switch node.op {
    case .input(let n), .output(let n): s += " \(quote(n))"
    case .constant(let v), .register(let v): s += " \(v)"
    case .gate(let g): s += " \(g.name)"
    case .shiftLeft(let k), .shiftRight(let k, _), .slice(let k): s += " \(k)"
    case .round(let k, let mode, _): s += " \(k) \(mode.rawValue)"
    case .resize(let mode, _): s += " \(mode.rawValue)"
    case .not, .buf, .and, .or, .xor, .add, .sub, .mul, .compare, .mux, .concat, .extend,
      .popcount:
      break
    }
    if !node.operands.isEmpty {
      s += " " + node.operands.map(\.description).joined(separator: ", ")
    }
    s += " : \(node.width)"
    return s
  }

  /// Parses the text form. The result is not verified; call ``NetlistVerifier/verify(_:)``.
  public static func parse(_ text: String) throws(NetlistError) -> Netlist {
    var netlist: Netlist?
    var lineNumber = 0
    for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      var tokens: [Token]
      do throws(LineError) {
        tokens = try tokenize(rawLine)
      } catch {
        throw .parse(line: lineNumber, error.message)
      }
      if tokens.isEmpty { continue }
      do throws(LineError) {
        if netlist == nil {
          guard tokens.count == 2, tokens[0] == .word("netlist"), case .string(let name) = tokens[1]
          else { throw LineError("expected the header 'netlist \"NAME\"'") }
          netlist = Netlist(name: name)
          continue
        }
        let node = try parseNode(tokens, expectedIndex: netlist!.nodes.count)
        netlist!.append(node)
      } catch {
        throw .parse(line: lineNumber, error.message)
      }
    }
    guard let netlist else { throw .parse(line: max(lineNumber, 1), "empty netlist text") }
    return netlist
  }

  // MARK: - Lexing

  enum Token: Equatable {
    case word(String)
    case string(String)
    case node(Int)
    case equals, comma, colon
  }

  struct LineError: Error {
    let message: String
    init(_ message: String) { self.message = message }
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
        let word = String(line[i..<j])
        if word.hasPrefix("%") {
          guard let n = Int(word.dropFirst()), n >= 0 else {
            throw LineError("bad node reference '\(word)'")
          }
          tokens.append(.node(n))
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

  // MARK: - Parsing one node

  static func parseNode(_ tokens: [Token], expectedIndex: Int) throws(LineError) -> Node {
    var t = tokens[...]
    guard case .node(let index) = t.popFirst() else { throw LineError("expected '%N ='") }
    guard index == expectedIndex else {
      throw LineError("node %\(index) out of order (expected %\(expectedIndex))")
    }
    var name: String?
    if case .string(let n) = t.first {
      name = n
      t.removeFirst()
    }
    guard t.popFirst() == .equals else { throw LineError("expected '=' after %\(index)") }
    guard case .word(let mnemonic) = t.popFirst() else { throw LineError("missing op") }
    guard t.count >= 2, t[t.endIndex - 2] == .colon, case .word(let wText) = t.last,
      let width = Int(wText)
    else { throw LineError("expected ': WIDTH' at the end of the line") }
    t.removeLast(2)
    let op = try parseOp(mnemonic, &t)
    var operands: [NodeID] = []
    while let token = t.popFirst() {
      guard case .node(let n) = token else { throw LineError("expected an operand '%N'") }
      operands.append(NodeID(n))
      if let next = t.popFirst(), next != .comma {
        throw LineError("expected ',' between operands")
      }
    }
    return Node(op: op, operands: operands, width: width, name: name)
  }

  static func parseOp(_ mnemonic: String, _ t: inout ArraySlice<Token>) throws(LineError) -> Op {
    let parts = mnemonic.split(separator: ".").map(String.init)
    func signedness(_ i: Int) throws(LineError) -> Signedness {
      guard parts.count > i, let s = Signedness(rawValue: parts[i]) else {
        throw LineError("'\(mnemonic)' needs a '.s' or '.u' suffix")
      }
      return s
    }
    func requireParts(_ n: Int) throws(LineError) {
      if parts.count != n { throw LineError("unknown op '\(mnemonic)'") }
    }
    func string() throws(LineError) -> String {
      guard case .string(let s) = t.popFirst() else { throw LineError("expected a quoted name") }
      return s
    }
    func word() throws(LineError) -> String {
      guard case .word(let w) = t.popFirst() else { throw LineError("missing parameter") }
      return w
    }
    func count() throws(LineError) -> Int {
      let w = try word()
      guard let n = Int(w), n >= 0 else { throw LineError("bad bit count '\(w)'") }
      return n
    }
    func literal() throws(LineError) -> BitVector {
      let w = try word()
      guard let v = BitVector(literal: w) else { throw LineError("bad literal '\(w)'") }
      return v
    }
    switch parts[0] {
    case "input": try requireParts(1); return .input(try string())
    case "output": try requireParts(1); return .output(try string())
    case "const": try requireParts(1); return .constant(try literal())
    case "reg": try requireParts(1); return .register(try literal())
    case "gate":
      try requireParts(1)
      let w = try word()
      if let g = GateFunction(name: w) { return .gate(g) }
      if let n = Int(w), let g = GateFunction(checkedTable: n) { return .gate(g) }
      throw LineError("unknown gate '\(w)'")
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
        throw LineError("unknown comparison '\(parts[1])'")
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
      guard let mode = RoundingMode(rawValue: m) else {
        throw LineError("unknown rounding mode '\(m)'")
      }
      return .round(k, mode, s)
    case "resize":
      let s = try signedness(1)
      try requireParts(2)
      let m = try word()
      guard let mode = OverflowMode(rawValue: m) else {
        throw LineError("unknown overflow mode '\(m)'")
      }
      return .resize(mode, s)
    default:
      throw LineError("unknown op '\(mnemonic)'")
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for c in s {
      if c == "\"" || c == "\\" { out.append("\\") }
      out.append(c)
    }
    return out + "\""
  }
}
