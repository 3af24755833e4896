import BitTrue
import Foundation

/// The CompiledLogicNet approach: the network as straight-line C, one statement per gate,
/// compiled with gcc and loaded with `dlopen`. Values live in a static array; the statements
/// are split into functions of at most `statementsPerFunction` so gcc finishes in reasonable
/// time and memory.
struct CBaseline {
  /// How one C variant is generated and compiled.
  struct Variant {
    var name: String
    /// `uint64_t` words (64 samples per operation) or a 512-bit vector type (512 samples).
    var vectorWords: Int
    var flags: [String]
    /// CompiledLogicNet's exact form (one function of `const` locals, gcc folds) instead of
    /// the split form.
    var singleFunction = false
  }

  static let statementsPerFunction = 500

  /// An operand in the generated C: a constant or a value `v[index]`.
  enum Operand: Equatable {
    case constant(Bool)
    case value(Int)
  }

  /// One generated statement `v[index] = expression;`.
  struct Statement {
    var table: UInt8
    var a: Operand
    var b: Operand
  }

  /// The C source of `netlist` (1-bit inputs, gates, `not`, `buf`, constants, outputs that
  /// read a one-bit node) with entry point
  /// `void net_eval(const uint64_t *in, uint64_t *out, size_t tiles, size_t unused)` over
  /// ``BitPlanes`` tiles.
  ///
  /// Before printing, the generator does what gcc does to CompiledLogicNet's single function
  /// of locals (and cannot do across the functions of the split form): constants and
  /// pass-through gates are propagated and statements no output reads are dropped. Gates
  /// stay difflogic's C expressions, one statement each.
  static func source(_ netlist: Netlist, vectorWords: Int) -> String {
    var operand = [Operand](repeating: .constant(false), count: netlist.nodes.count)
    var statements: [Statement] = []
    for (i, id) in netlist.inputs.enumerated() { operand[id.int] = .value(i) }
    let inputs = netlist.inputs.count
    for id in netlist.topologicalOrder()! {
      let node = netlist[id]
      let x = node.operands.map { operand[$0.int] }
      switch node.op {
      case .input, .output: continue
      case .gate(let g): operand[id.int] = fold(g.table, x[0], x[1], &statements, inputs)
      case .not: operand[id.int] = fold(12, x[0], x[0], &statements, inputs)
      case .buf: operand[id.int] = x[0]
      case .constant(let c): operand[id.int] = .constant(c[bit: 0])
      default: preconditionFailure("the C baseline takes gate-level logic, not \(node.op)")
      }
    }
    let outputs = netlist.outputs.map { operand[netlist[$0].operands[0].int] }
    // Keep only statements some output reads.
    var live = [Bool](repeating: false, count: inputs + statements.count)
    for case .value(let v) in outputs { live[v] = true }
    for k in stride(from: statements.count - 1, through: 0, by: -1) where live[inputs + k] {
      for case .value(let v) in [statements[k].a, statements[k].b] { live[v] = true }
    }
    func name(_ o: Operand) -> String {
      switch o {
      case .constant(let c): return c ? "ONES" : "ZERO"
      case .value(let v): return "v[\(v)]"
      }
    }
    let body = statements.enumerated().filter { live[inputs + $0.offset] }.map { k, s in
      "v[\(inputs + k)] = \(gateExpression(s.table, name(s.a), name(s.b)));"
    }

    let vector = vectorWords > 1
    var c = """
      #include <stddef.h>
      #include <stdint.h>
      #include <string.h>

      """
    c +=
      vector
      ? "typedef uint64_t W __attribute__((vector_size(\(8 * vectorWords))));\n"
        + "#define ZERO ((W){0})\n"
      : "typedef uint64_t W;\n#define ZERO ((W)0)\n"
    c += "#define ONES (~ZERO)\nstatic W v[\(max(inputs + statements.count, 1))];\n"
    var parts = 0
    for start in stride(from: 0, to: body.count, by: statementsPerFunction) {
      c += "__attribute__((noinline)) static void part\(parts)(void) {\n"
      for s in body[start..<min(start + statementsPerFunction, body.count)] { c += "  \(s)\n" }
      c += "}\n"
      parts += 1
    }
    let tile = BitPlanes.tileWords
    c += """
      void net_eval(const uint64_t *in, uint64_t *out, size_t tiles, size_t unused) {
        (void)unused;
        for (size_t t = 0; t < tiles; t++) {
          const uint64_t *ib = in + t * \(inputs * tile);
          uint64_t *ob = out + t * \(outputs.count * tile);
          for (size_t o = 0; o < \(tile); o += \(vectorWords)) {
            for (size_t i = 0; i < \(inputs); i++) memcpy(&v[i], ib + i * \(tile) + o, sizeof(W));

      """
    for p in 0..<parts { c += "      part\(p)();\n" }
    for (j, o) in outputs.enumerated() {
      let value = o == .constant(true) ? "ONES" : o == .constant(false) ? "ZERO" : name(o)
      c += "      { W y = \(value); memcpy(ob + \(j * tile) + o, &y, sizeof(W)); }\n"
    }
    c += """
          }
        }
      }

      """
    return c
  }

  /// CompiledLogicNet's own C form (difflogic 0.1.0 `get_c_code`): one function
  /// `logic_gate_net(inp, out)` with a `const` local per gate and no folding of our own
  /// (gcc does it), called once per 64-sample word by a driver that gathers the word's
  /// inputs from the tiles and scatters its outputs, as `apply_logic_gate_net` does with its
  /// packed block.
  static func singleFunctionSource(_ netlist: Netlist) -> String {
    var name = [String](repeating: "", count: netlist.nodes.count)
    for (i, id) in netlist.inputs.enumerated() { name[id.int] = "inp[\(i)]" }
    var c = """
      #include <stddef.h>
      #include <stdint.h>

      typedef uint64_t W;
      #define ZERO ((W)0)
      #define ONES (~ZERO)
      static void logic_gate_net(W const *inp, W *out) {

      """
    var next = 0
    for id in netlist.topologicalOrder()! {
      let node = netlist[id]
      let x = node.operands.map { name[$0.int] }
      let expression: String
      switch node.op {
      case .input, .output: continue
      case .gate(let g): expression = gateExpression(g.table, x[0], x[1])
      case .not: expression = "~\(x[0])"
      case .buf: expression = x[0]
      case .constant(let k): expression = k[bit: 0] ? "ONES" : "ZERO"
      default: preconditionFailure("the C baseline takes gate-level logic, not \(node.op)")
      }
      name[id.int] = "v\(next)"
      c += "  const W v\(next) = \(expression);\n"
      next += 1
    }
    for (j, id) in netlist.outputs.enumerated() {
      c += "  out[\(j)] = \(name[netlist[id].operands[0].int]);\n"
    }
    let inputs = netlist.inputs.count
    let outputs = netlist.outputs.count
    let tile = BitPlanes.tileWords
    c += """
      }

      void net_eval(const uint64_t *in, uint64_t *out, size_t tiles, size_t unused) {
        (void)unused;
        W inp[\(max(inputs, 1))], res[\(outputs)];
        for (size_t t = 0; t < tiles; t++) {
          const uint64_t *ib = in + t * \(inputs * tile);
          uint64_t *ob = out + t * \(outputs * tile);
          for (size_t o = 0; o < \(tile); o++) {
            for (size_t i = 0; i < \(inputs); i++) inp[i] = ib[i * \(tile) + o];
            logic_gate_net(inp, res);
            for (size_t j = 0; j < \(outputs); j++) ob[j * \(tile) + o] = res[j];
          }
        }
      }

      """
    return c
  }

  /// The operand for gate `table` applied to `a` and `b`: a constant or an existing value
  /// when the gate ignores an operand or reads a constant, else a new statement.
  static func fold(
    _ table: UInt8, _ a: Operand, _ b: Operand, _ statements: inout [Statement], _ inputs: Int
  ) -> Operand {
    let g = GateFunction(table: table)
    // Substitute constants; a gate of one remaining variable is a constant, a copy or a NOT.
    func unary(_ x: Operand, _ f: (Bool) -> Bool) -> Operand {
      switch (f(false), f(true)) {
      case (false, false): return .constant(false)
      case (true, true): return .constant(true)
      case (false, true): return x
      case (true, false):
        statements.append(Statement(table: 12, a: x, b: x))
        return .value(inputs + statements.count - 1)
      }
    }
    switch (a, b) {
    case (.constant(let p), .constant(let q)): return .constant(g(p, q))
    case (.constant(let p), _): return unary(b) { g(p, $0) }
    case (_, .constant(let q)): return unary(a) { g($0, q) }
    default:
      if a == b { return unary(a) { g($0, $0) } }
      if g.ignoresB { return unary(a) { g($0, false) } }
      if g.ignoresA { return unary(b) { g(false, $0) } }
      statements.append(Statement(table: table, a: a, b: b))
      return .value(inputs + statements.count - 1)
    }
  }

  /// difflogic's C form of each gate (spec §1), for operands `a` and `b`.
  static func gateExpression(_ table: UInt8, _ a: String, _ b: String) -> String {
    switch table {
    case 0: return "ZERO"
    case 1: return "\(a) & \(b)"
    case 2: return "\(a) & ~\(b)"
    case 3: return a
    case 4: return "\(b) & ~\(a)"
    case 5: return b
    case 6: return "\(a) ^ \(b)"
    case 7: return "\(a) | \(b)"
    case 8: return "~(\(a) | \(b))"
    case 9: return "~(\(a) ^ \(b))"
    case 10: return "~\(b)"
    case 11: return "~\(b) | \(a)"
    case 12: return "~\(a)"
    case 13: return "~\(a) | \(b)"
    case 14: return "~(\(a) & \(b))"
    default: return "ONES"
    }
  }

  typealias Entry =
    @convention(c) (
      UnsafePointer<UInt64>?, UnsafeMutablePointer<UInt64>?, Int, Int
    ) -> Void

  /// A compiled variant: its entry point and how long gcc took.
  struct Compiled {
    var entry: Entry
    var compileSeconds: Double
    var sourceLines: Int
  }

  /// Writes the C for `variant` into `directory`, compiles it into a shared library and
  /// loads it.
  static func compile(_ netlist: Netlist, _ variant: Variant, in directory: URL) throws -> Compiled
  {
    let source =
      variant.singleFunction
      ? singleFunctionSource(netlist) : self.source(netlist, vectorWords: variant.vectorWords)
    let stem = "\(netlist.name)-\(variant.name)"
    let cFile = directory.appendingPathComponent("\(stem).c")
    let library = directory.appendingPathComponent("\(stem).so")
    try source.write(to: cFile, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["gcc", "-shared", "-fPIC"] + variant.flags + ["-o", library.path, cFile.path]
    let start = Date()
    try process.run()
    process.waitUntilExit()
    let seconds = Date().timeIntervalSince(start)
    guard process.terminationStatus == 0 else {
      throw BenchmarkError("gcc failed on \(cFile.path) (status \(process.terminationStatus))")
    }
    guard let handle = dlopen(library.path, RTLD_NOW) else {
      throw BenchmarkError("dlopen \(library.path): \(String(cString: dlerror()))")
    }
    guard let symbol = dlsym(handle, "net_eval") else {
      throw BenchmarkError("net_eval missing from \(library.path)")
    }
    return Compiled(
      entry: unsafeBitCast(symbol, to: Entry.self), compileSeconds: seconds,
      sourceLines: source.split(separator: "\n").count)
  }
}

/// A benchmark failure with a one-line message.
struct BenchmarkError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
