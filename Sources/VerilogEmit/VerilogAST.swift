/// A small Verilog-2005 syntax tree: just what BitTrue emits. Built by ``VerilogEmitter``
/// (and by Cosim for test wrappers), printed by ``VerilogPrinter``; never parsed.
package enum Verilog {
  /// An expression. Every operand width is made explicit by the builder, so the printer
  /// needs no width rules.
  package indirect enum Expression: Hashable, Sendable {
    /// A signal by name.
    case name(String)
    /// A part select `name[high:low]`.
    case range(String, high: Int, low: Int)
    /// A bit select `name[index]`.
    case bit(String, Int)
    /// A sized hexadecimal literal, `width'hdigits`.
    case literal(width: Int, hexDigits: String)
    /// Concatenation `{a, b, …}`, first part most significant.
    case concat([Expression])
    /// Replication `{count{e}}` (count ≥ 1).
    case replicate(Int, Expression)
    /// A prefix operator: `~`, `&`, `|`, `^`.
    case unary(String, Expression)
    /// An infix operator: `&`, `|`, `^`, `+`, `-`, `*`, `==`, `!=`, `<`, `<=`, `>`, `>=`.
    case binary(String, Expression, Expression)
    /// `condition ? whenTrue : whenFalse`.
    case conditional(Expression, Expression, Expression)
    /// `$signed(e)`, for signed comparisons.
    case signed(Expression)
  }

  /// The direction of a port.
  package enum Direction: String, Hashable, Sendable, Codable {
    /// Driven from outside.
    case input
    /// Driven by the module.
    case output
  }

  /// A module port.
  package struct Port: Hashable, Sendable {
    /// Identifier.
    package var name: String
    /// Direction.
    package var direction: Direction
    /// Width in bits (≥ 1); width 1 is declared without a range.
    package var width: Int
    /// A one-line comment printed after the declaration, if any.
    package var comment: String?

    /// A port.
    package init(name: String, direction: Direction, width: Int, comment: String? = nil) {
      self.name = name
      self.direction = direction
      self.width = width
      self.comment = comment
    }
  }

  /// An integer parameter override of an instance, `.name(value)`.
  package struct ParameterValue: Hashable, Sendable {
    /// Parameter name.
    package var name: String
    /// Its value.
    package var value: Int

    /// A parameter override.
    package init(_ name: String, _ value: Int) {
      self.name = name
      self.value = value
    }
  }

  /// A port connection of an instance, `.port(expression)`.
  package struct Connection: Hashable, Sendable {
    /// The instantiated module's port.
    package var port: String
    /// What it connects to.
    package var value: Expression

    /// A port connection.
    package init(_ port: String, _ value: Expression) {
      self.port = port
      self.value = value
    }
  }

  /// One register update in the clocked process: `target <= rst ? reset : next`.
  package struct RegisterUpdate: Hashable, Sendable {
    /// The `reg` being written.
    package var target: String
    /// Its value after reset.
    package var reset: Expression
    /// Its value after a normal clock edge.
    package var next: Expression

    /// A register update.
    package init(target: String, reset: Expression, next: Expression) {
      self.target = target
      self.reset = reset
      self.next = next
    }
  }

  /// One item of a module body, printed in order.
  package enum Item: Hashable, Sendable {
    /// A comment line (without the `//`).
    case comment(String)
    /// `wire [w-1:0] name;` or, with a value, `wire [w-1:0] name = value;`.
    case wire(name: String, width: Int, value: Expression?)
    /// `reg [w-1:0] name;`.
    case reg(name: String, width: Int)
    /// `assign target = value;`.
    case assign(target: String, value: Expression)
    /// `module #(.P(v), …) name (.port(e), …);`.
    case instance(
      module: String, name: String, parameters: [ParameterValue], connections: [Connection])
    /// `always @(posedge clock)` with a synchronous active-high reset.
    case clocked(clock: String, reset: String, updates: [RegisterUpdate])
    /// A read-only table: a `reg` array `memory` filled by an `initial` block with `entries`
    /// (hex digits, `width` bits each) and `wire name = memory[address]`, zero for an
    /// address at or above the entry count.
    case rom(
      name: String, memory: String, width: Int, address: String, addressWidth: Int,
      entries: [String])
  }

  /// A module: header comment, ports and body.
  package struct Module: Hashable, Sendable {
    /// Identifier.
    package var name: String
    /// Comment lines printed above `module` (without the `//`).
    package var header: [String]
    /// Ports in declaration order.
    package var ports: [Port]
    /// Body items in order.
    package var items: [Item]

    /// A module.
    package init(name: String, header: [String] = [], ports: [Port], items: [Item]) {
      self.name = name
      self.header = header
      self.ports = ports
      self.items = items
    }
  }
}
