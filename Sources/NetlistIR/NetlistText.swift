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
/// mode; `rom` the entry count then the entries as literals. `#` starts a comment. Node numbers must run 0, 1, 2, … in order.
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
    case .rom(let table): s += " \(table.count) " + table.map(\.description).joined(separator: " ")
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
  ///
  /// Lines may end in `\n` or `\r\n`. Every number is bounded before it is used: widths
  /// and literal widths 1…``NetlistVerifier/maximumWidth``, bit counts
  /// 0…``NetlistVerifier/maximumWidth``, node references 0…`Int32.max`; a literal has at most
  /// as many digits as its width needs. Errors name the line and echo at most 40 characters.
  public static func parse(_ text: String) throws(NetlistError) -> Netlist {
    var netlist: Netlist?
    var lineNumber = 0
    for bytes in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      do throws(LineError) {
        let tokens = try tokenize(Substring(bytes))
        if tokens.isEmpty { continue }
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

  /// Parses the text form from UTF-8 bytes (a file's contents); invalid UTF-8 is an error
  /// naming its line.
  public static func parse<Bytes: Collection<UInt8>>(utf8 bytes: Bytes) throws(NetlistError)
    -> Netlist
  {
    if let text = String(validating: bytes, as: UTF8.self) { return try parse(text) }
    var lineNumber = 0
    for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
      lineNumber += 1
      if String(validating: line, as: UTF8.self) == nil { break }
    }
    throw .parse(line: lineNumber, "invalid UTF-8")
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
