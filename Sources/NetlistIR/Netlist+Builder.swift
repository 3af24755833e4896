/// The builder API that model lowering uses: one method per op, with default result widths
/// that never lose information.
extension Netlist {
  /// The output width of a node.
  @inlinable
  public func width(_ id: NodeID) -> Int { nodes[id.int].width }

  /// Adds a primary input port.
  public mutating func input(_ name: String, width: Int) -> NodeID {
    append(Node(op: .input(name), operands: [], width: width, name: name))
  }

  /// Adds a primary output port driven by `value`.
  @discardableResult
  public mutating func output(_ name: String, _ value: NodeID) -> NodeID {
    append(Node(op: .output(name), operands: [value], width: width(value), name: name))
  }

  /// Adds a constant.
  public mutating func constant(_ value: BitVector, name: String? = nil) -> NodeID {
    append(Node(op: .constant(value), operands: [], width: value.width, name: name))
  }

  /// Adds a constant from an integer (two's complement, truncated to `width`).
  public mutating func constant(_ value: Int, width: Int) -> NodeID {
    constant(BitVector(width: width, truncating: value))
  }

  /// Adds a two-input, one-bit gate.
  public mutating func gate(
    _ function: GateFunction, _ a: NodeID, _ b: NodeID, name: String? = nil
  ) -> NodeID {
    append(Node(op: .gate(function), operands: [a, b], width: 1, name: name))
  }

  /// Adds a bitwise complement.
  public mutating func not(_ a: NodeID) -> NodeID {
    append(Node(op: .not, operands: [a], width: width(a)))
  }

  /// Adds a buffer (a named copy).
  public mutating func buf(_ a: NodeID, name: String? = nil) -> NodeID {
    append(Node(op: .buf, operands: [a], width: width(a), name: name))
  }

  /// Adds a bitwise and/or/xor of equal-width operands.
  public mutating func bitwise(_ op: Op, _ a: NodeID, _ b: NodeID) -> NodeID {
    append(Node(op: op, operands: [a, b], width: width(a)))
  }

  /// Adds `a + b`; by default wide enough never to overflow.
  public mutating func add(
    _ a: NodeID, _ b: NodeID, _ signedness: Signedness, width: Int? = nil
  ) -> NodeID {
    let w = width ?? (Swift.max(self.width(a), self.width(b)) + 1)
    return append(Node(op: .add(signedness), operands: [a, b], width: w))
  }

  /// Adds `a − b`; by default wide enough never to overflow (for unsigned operands the
  /// default result must be read as signed, so it is one bit wider still).
  public mutating func sub(
    _ a: NodeID, _ b: NodeID, _ signedness: Signedness, width: Int? = nil
  ) -> NodeID {
    let extra = signedness == .unsigned ? 2 : 1
    let w = width ?? (Swift.max(self.width(a), self.width(b)) + extra)
    return append(Node(op: .sub(signedness), operands: [a, b], width: w))
  }

  /// Adds `a × b`; by default the full product width.
  public mutating func mul(
    _ a: NodeID, _ b: NodeID, _ signedness: Signedness, width: Int? = nil
  ) -> NodeID {
    let w = width ?? (self.width(a) + self.width(b))
    return append(Node(op: .mul(signedness), operands: [a, b], width: w))
  }

  /// Adds a one-bit comparison of equal-width operands.
  public mutating func compare(
    _ kind: CompareKind, _ a: NodeID, _ b: NodeID, _ signedness: Signedness
  ) -> NodeID {
    append(Node(op: .compare(kind, signedness), operands: [a, b], width: 1))
  }

  /// Adds `select ? whenTrue : whenFalse`.
  public mutating func mux(_ select: NodeID, whenFalse: NodeID, whenTrue: NodeID) -> NodeID {
    append(Node(op: .mux, operands: [select, whenFalse, whenTrue], width: width(whenTrue)))
  }

  /// Adds a constant left shift that keeps the width.
  public mutating func shiftLeft(_ a: NodeID, by count: Int) -> NodeID {
    append(Node(op: .shiftLeft(count), operands: [a], width: width(a)))
  }

  /// Adds a constant right shift that keeps the width (arithmetic when signed).
  public mutating func shiftRight(_ a: NodeID, by count: Int, _ signedness: Signedness) -> NodeID {
    append(Node(op: .shiftRight(count, signedness), operands: [a], width: width(a)))
  }

  /// Adds a concatenation, most significant part first.
  public mutating func concat(_ parts: [NodeID]) -> NodeID {
    append(Node(op: .concat, operands: parts, width: parts.reduce(0) { $0 + width($1) }))
  }

  /// Adds bits `low ..< low + count` of `a`.
  public mutating func slice(_ a: NodeID, low: Int, count: Int) -> NodeID {
    append(Node(op: .slice(low), operands: [a], width: count))
  }

  /// Adds bit `index` of `a`.
  public mutating func bit(_ a: NodeID, _ index: Int) -> NodeID { slice(a, low: index, count: 1) }

  /// Adds a zero or sign extension (or truncation) to `width` bits.
  public mutating func extend(_ a: NodeID, to width: Int, _ signedness: Signedness) -> NodeID {
    append(Node(op: .extend(signedness), operands: [a], width: width))
  }

  /// Adds a population count over all bits of `values`, by default just wide enough.
  public mutating func popcount(_ values: [NodeID], width: Int? = nil) -> NodeID {
    let bits = values.reduce(0) { $0 + self.width($1) }
    let w = width ?? Netlist.bitLength(bits)
    return append(Node(op: .popcount, operands: values, width: w))
  }

  /// Adds a rounding right shift by `count` bits (the hardware form of dropping fraction
  /// bits); default width `width(x) − count + 1`, which never overflows.
  public mutating func round(
    _ x: NodeID, by count: Int, _ mode: RoundingMode, _ signedness: Signedness,
    random: NodeID? = nil, width: Int? = nil
  ) -> NodeID {
    let w = width ?? Swift.max(1, self.width(x) - count + 1)
    let operands = mode == .stochastic ? [x, random!] : [x]
    return append(Node(op: .round(count, mode, signedness), operands: operands, width: w))
  }

  /// Adds a conversion to `width` bits with an overflow mode (saturate, wrap, …).
  public mutating func resize(
    _ x: NodeID, to width: Int, _ mode: OverflowMode, _ signedness: Signedness
  ) -> NodeID {
    append(Node(op: .resize(mode, signedness), operands: [x], width: width))
  }

  /// Adds a register with a reset value whose input is connected later with
  /// ``connectRegister(_:to:)`` (so loops through registers can be built).
  public mutating func register(reset: BitVector, name: String? = nil) -> NodeID {
    append(Node(op: .register(reset), operands: [], width: reset.width, name: name))
  }

  /// Adds a register that resets to zero and samples `d`.
  public mutating func register(_ d: NodeID, name: String? = nil) -> NodeID {
    let r = register(reset: BitVector(zeroWidth: width(d)), name: name)
    connectRegister(r, to: d)
    return r
  }

  /// Connects the data input of a register made by ``register(reset:name:)``.
  public mutating func connectRegister(_ register: NodeID, to d: NodeID) {
    setOperands(of: register, to: [d])
  }

  /// Adds a read-only memory: `table[address]`, zero when the address is at or above
  /// `table.count`. Every entry has the result's width.
  public mutating func rom(_ table: [BitVector], address: NodeID, name: String? = nil) -> NodeID {
    append(Node(op: .rom(table), operands: [address], width: table[0].width, name: name))
  }

  /// Adds a register with a synchronous clear and an enable, built from muxes in front of a
  /// plain register: it takes `reset` when `clear` is 1, else `d` when `enable` is 1, else
  /// keeps its value (clear wins). The data input `d` is given by `next(q)` with `q` the
  /// register's own output, so counters (`q + 1`) are one call.
  public mutating func register(
    reset: BitVector, enable: NodeID?, clear: NodeID?, name: String? = nil,
    next: (inout Netlist, NodeID) -> NodeID
  ) -> NodeID {
    let q = register(reset: reset, name: name)
    var d = next(&self, q)
    if let enable { d = mux(enable, whenFalse: q, whenTrue: d) }
    if let clear { d = mux(clear, whenFalse: d, whenTrue: constant(reset)) }
    connectRegister(q, to: d)
    return q
  }

  /// Bits needed to hold the unsigned number `n` (at least 1).
  public static func bitLength(_ n: Int) -> Int {
    n <= 0 ? 1 : (Int.bitWidth - n.leadingZeroBitCount)
  }
}
