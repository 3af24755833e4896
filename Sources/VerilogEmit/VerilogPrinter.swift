/// Prints ``Verilog`` syntax as Verilog-2005 text: two-space indent, one declaration or
/// statement per line, deterministic.
package enum VerilogPrinter {
  /// The text of a whole module, ending with a newline.
  package static func print(_ module: Verilog.Module) -> String {
    var out = ""
    for line in module.header { out += line.isEmpty ? "//\n" : "// \(line)\n" }
    out += "module \(module.name)"
    if module.ports.isEmpty {
      out += ";\n"
    } else {
      out += " (\n"
      for (i, port) in module.ports.enumerated() {
        let separator = i + 1 < module.ports.count ? "," : ""
        out += "    \(port.direction.rawValue) wire \(range(port.width))\(port.name)\(separator)"
        if let comment = port.comment { out += "  // \(comment)" }
        out += "\n"
      }
      out += ");\n"
    }
    for item in module.items { out += print(item) }
    out += "endmodule\n"
    return out
  }

  /// The text of one body item (indented, with its newline).
  package static func print(_ item: Verilog.Item) -> String {
    switch item {
    case .comment(let text):
      return "  // \(text)\n"
    case .wire(let name, let width, let value):
      guard let value else { return "  wire \(range(width))\(name);\n" }
      return "  wire \(range(width))\(name) = \(print(value));\n"
    case .reg(let name, let width):
      return "  reg \(range(width))\(name);\n"
    case .assign(let target, let value):
      return "  assign \(target) = \(print(value));\n"
    case .instance(let module, let name, let parameters, let connections):
      var out = "  \(module)"
      if !parameters.isEmpty {
        out += " #(\n"
        out += parameters.map { "      .\($0.name)(\($0.value))" }.joined(separator: ",\n")
        out += "\n  )"
      }
      out += " \(name) (\n"
      out += connections.map { "      .\($0.port)(\(print($0.value)))" }.joined(separator: ",\n")
      out += "\n  );\n"
      return out
    case .clocked(let clock, let reset, let updates):
      var out = "  always @(posedge \(clock)) begin\n"
      out += "    if (\(reset)) begin\n"
      for u in updates { out += "      \(u.target) <= \(print(u.reset));\n" }
      out += "    end else begin\n"
      for u in updates { out += "      \(u.target) <= \(print(u.next));\n" }
      out += "    end\n  end\n"
      return out
    case .rom(let name, let memory, let width, let address, let addressWidth, let entries):
      return rom(name, memory, width, address, addressWidth, entries)
    }
  }

  /// A table of `2^k` words (`k` address bits reach every entry), the first ones set by an
  /// `initial` block, read through a range check unless every address is an entry.
  private static func rom(
    _ name: String, _ memory: String, _ width: Int, _ address: String, _ addressWidth: Int,
    _ entries: [String]
  ) -> String {
    var used = 1
    while (1 << used) < entries.count { used += 1 }
    var out = "  reg \(range(width))\(memory) [0:\((1 << used) - 1)];\n  initial begin\n"
    for (i, digits) in entries.enumerated() {
      out += "    \(memory)[\(i)] = \(width)'h\(digits);\n"
    }
    out += "  end\n"
    let index = addressWidth == used ? address : "\(address)[\(used - 1):0]"
    let read = "\(memory)[\(index)]"
    if addressWidth < Int.bitWidth - 1 && entries.count == 1 << addressWidth {
      return out + "  wire \(range(width))\(name) = \(read);\n"
    }
    let count = String(entries.count, radix: 16)
    return out
      + "  wire \(range(width))\(name) = (\(address) < \(addressWidth)'h\(count)) ? \(read) : "
      + "\(width)'h0;\n"
  }

  /// The text of an expression; compound operands are parenthesised.
  package static func print(_ e: Verilog.Expression) -> String {
    switch e {
    case .name(let n): return n
    case .range(let n, let high, let low): return "\(n)[\(high):\(low)]"
    case .bit(let n, let i): return "\(n)[\(i)]"
    case .literal(let width, let digits): return "\(width)'h\(digits)"
    case .concat(let parts):
      // Long concatenations wrap, 16 parts a line (tools limit tokens per line).
      let lines = stride(from: 0, to: parts.count, by: 16).map {
        parts[$0..<min($0 + 16, parts.count)].map(print).joined(separator: ", ")
      }
      return "{" + lines.joined(separator: ",\n      ") + "}"
    case .replicate(let count, let part): return "{\(count){\(print(part))}}"
    case .unary(let op, let a): return op + operand(a)
    case .binary(let op, let a, let b): return "\(operand(a)) \(op) \(operand(b))"
    case .conditional(let c, let t, let f): return "\(operand(c)) ? \(operand(t)) : \(operand(f))"
    case .signed(let a): return "$signed(\(print(a)))"
    }
  }

  private static func operand(_ e: Verilog.Expression) -> String {
    switch e {
    case .unary, .binary, .conditional: return "(\(print(e)))"
    case .name, .range, .bit, .literal, .concat, .replicate, .signed: return print(e)
    }
  }

  /// `[w-1:0] ` for a vector, nothing for a single bit.
  static func range(_ width: Int) -> String { width == 1 ? "" : "[\(width - 1):0] " }
}
