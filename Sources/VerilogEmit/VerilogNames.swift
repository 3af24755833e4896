/// Legal, unique Verilog identifiers for netlist names.
///
/// A legal identifier here is `[A-Za-z][A-Za-z0-9_]*` without `__` (Verilator mangles double
/// underscores) that is not a Verilog, SystemVerilog or C++ keyword, a member of a Verilated
/// model or a C macro the Verilated C++ would see. Other characters become `_`, a leading
/// non-letter gets an `s_` prefix, a reserved word or a name without lower-case letters (it
/// could be a macro) gets a `_v` suffix.
package struct VerilogNames: Sendable {
  private var taken: Set<String>

  /// A table with `reserved` names already taken (for example `clk`, `rst`).
  package init(reserving reserved: [String] = []) { taken = Set(reserved) }

  /// A legal identifier derived from `raw` that no earlier call returned; it is then taken.
  package mutating func claim(_ raw: String) -> String {
    let base = Self.legalize(raw)
    var candidate = base
    var suffix = 1
    while taken.contains(candidate) {
      candidate = "\(base)_\(suffix)"
      suffix += 1
    }
    taken.insert(candidate)
    return candidate
  }

  /// The legal form of `raw` (not made unique).
  package static func legalize(_ raw: String) -> String {
    var out = ""
    for scalar in raw.unicodeScalars {
      let c = Character(scalar)
      let ok = scalar.isASCII && (c.isLetter || c.isNumber || c == "_")
      let next: Character = ok ? c : "_"
      if next == "_" && out.last == "_" { continue }
      out.append(next)
    }
    while out.hasSuffix("_") && out.count > 1 { out.removeLast() }
    if let first = out.unicodeScalars.first, first.isASCII, Character(first).isLetter {
    } else {
      out = "s_" + out.drop { $0 == "_" }
      if out == "s_" { out = "s" }
    }
    let allCaps = !out.contains { $0.isLowercase }
    if keywords.contains(out) || verilatorMembers.contains(out) || cMacros.contains(out)
      || allCaps
    {
      out += "_v"
    }
    return out
  }

  /// Lower-case C/C++ macros of glibc and gcc that a port name would run into in the
  /// Verilated C++ (upper-case names are all treated as possible macros).
  package static let cMacros: Set<String> = [
    "assert", "errno", "i386", "linux", "offsetof", "setjmp", "stderr", "stdin", "stdout",
    "unix", "va_arg", "va_copy", "va_end", "va_start",
  ]

  /// Members of a Verilated model class: a port of the same name would not compile.
  package static let verilatorMembers: Set<String> = [
    "atClone", "contextp", "eval", "eval_end_step", "eval_step", "eventsPending", "final",
    "hierName", "modelName", "name", "nextTimeSlot", "prepareClone", "rootp", "threads",
    "trace", "traceBaseModel", "vlSymsp",
  ]

  /// Verilog-2005 and SystemVerilog-2017 reserved words (SystemVerilog too, so that
  /// Verilator and Yosys in SV mode accept the names), plus C++ reserved words (Verilator's
  /// model exposes ports as C++ members).
  package static let keywords: Set<String> = [
    "accept_on", "alias", "always", "always_comb", "always_ff", "always_latch", "and", "assert",
    "assign", "assume", "automatic", "before", "begin", "bind", "bins", "binsof", "bit",
    "break", "buf", "bufif0", "bufif1", "byte", "case", "casex", "casez", "cell", "chandle",
    "checker", "class", "clocking", "cmos", "config", "const", "constraint", "context",
    "continue", "cover", "covergroup", "coverpoint", "cross", "deassign", "default", "defparam",
    "design", "disable", "dist", "do", "edge", "else", "end", "endcase", "endchecker",
    "endclass", "endclocking", "endconfig", "endfunction", "endgenerate", "endgroup",
    "endinterface", "endmodule", "endpackage", "endprimitive", "endprogram", "endproperty",
    "endsequence", "endspecify", "endtable", "endtask", "enum", "event", "eventually",
    "expect", "export", "extends", "extern", "final", "first_match", "for", "force", "foreach",
    "forever", "fork", "forkjoin", "function", "generate", "genvar", "global", "highz0",
    "highz1", "if", "iff", "ifnone", "ignore_bins", "illegal_bins", "implements", "implies",
    "import", "incdir", "include", "initial", "inout", "input", "inside", "instance", "int",
    "integer", "interconnect", "interface", "intersect", "join", "join_any", "join_none",
    "large", "let", "liblist", "library", "local", "localparam", "logic", "longint",
    "macromodule", "matches", "medium", "modport", "module", "nand", "negedge", "nettype",
    "new", "nexttime", "nmos", "nor", "noshowcancelled", "not", "notif0", "notif1", "null",
    "or", "output", "package", "packed", "parameter", "pmos", "posedge", "primitive",
    "priority", "program", "property", "protected", "pull0", "pull1", "pulldown", "pullup",
    "pulsestyle_ondetect", "pulsestyle_onevent", "pure", "rand", "randc", "randcase",
    "randsequence", "rcmos", "real", "realtime", "ref", "reg", "reject_on", "release",
    "repeat", "restrict", "return", "rnmos", "rpmos", "rtran", "rtranif0", "rtranif1",
    "s_always", "s_eventually", "s_nexttime", "s_until", "s_until_with", "scalared",
    "sequence", "shortint", "shortreal", "showcancelled", "signed", "small", "soft", "solve",
    "specify", "specparam", "static", "string", "strong", "strong0", "strong1", "struct",
    "super", "supply0", "supply1", "sync_accept_on", "sync_reject_on", "table", "tagged",
    "task", "this", "throughout", "time", "timeprecision", "timeunit", "tran", "tranif0",
    "tranif1", "tri", "tri0", "tri1", "triand", "trior", "trireg", "type", "typedef", "union",
    "unique", "unique0", "unsigned", "until", "until_with", "untyped", "use", "uwire", "var",
    "vectored", "virtual", "void", "wait", "wait_order", "wand", "weak", "weak0", "weak1",
    "while", "wildcard", "wire", "with", "within", "wor", "xnor", "xor",
    "alignas", "alignof", "asm", "auto", "bool", "catch", "char", "constexpr", "delete",
    "double", "explicit", "false", "float", "friend", "goto", "inline", "long", "mutable",
    "namespace", "noexcept", "nullptr", "operator", "private", "public", "register", "short",
    "sizeof", "switch", "template", "throw", "true", "try", "typeid", "typename", "using",
    "volatile",
  ]
}
