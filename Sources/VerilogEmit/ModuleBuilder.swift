import NetlistIR

/// Builds the top module's ports and body from a prepared netlist, one node at a time in
/// topological order. Every expression it makes has operands of exactly the width of its
/// result, so Verilog's width rules never change a value.
struct ModuleBuilder {
  let prepared: EmitPreparation
  let lanes: Int
  private(set) var usedPrimitives: Set<String> = []
  private var table: VerilogNames
  private var netlist: Netlist { prepared.netlist }

  init(_ prepared: EmitPreparation, lanes: Int) {
    self.prepared = prepared
    self.lanes = lanes
    self.table = prepared.table
  }

  /// The ports and body items.
  mutating func build() -> (ports: [Verilog.Port], items: [Verilog.Item]) {
    var ports: [Verilog.Port] = []
    let laneNote = lanes > 1 ? " x \(lanes) lanes" : ""
    if netlist.isSequential {
      ports.append(.init(name: EmitPreparation.clock, direction: .input, width: 1))
      ports.append(.init(name: EmitPreparation.reset, direction: .input, width: 1))
    }
    for id in netlist.inputs {
      let note = lanes > 1 ? "\(netlist.width(id)) bit(s)\(laneNote)" : nil
      ports.append(.init(name: name(id), direction: .input, width: width(id), comment: note))
    }
    for id in netlist.outputs {
      let note = lanes > 1 ? "\(netlist.width(id)) bit(s)\(laneNote)" : nil
      ports.append(.init(name: name(id), direction: .output, width: width(id), comment: note))
    }
    var items: [Verilog.Item] = []
    let ordered = netlist.nodes.contains {
      if case .compare(let kind, _) = $0.op { return kind != .eq && kind != .ne }
      return $0.op.role == .memory  // a rom compares its address with its entry count
    }
    if ordered {
      // Verilator folds constants through wires and flags comparisons that become constant;
      // the netlist may legitimately compare with constants, so those warnings are off here.
      items.append(
        .comment("The netlist may compare with constants: such comparisons are intended."))
      items.append(.comment("verilator lint_off UNSIGNED"))
      items.append(.comment("verilator lint_off CMPCONST"))
    }
    var updates: [Verilog.RegisterUpdate] = []
    for id in netlist.registers {
      items.append(.reg(name: name(id), width: width(id)))
      guard case .register(let reset) = netlist[id].op else { continue }
      updates.append(
        .init(target: name(id), reset: literal(reset), next: ref(netlist[id].operands[0])))
    }
    for id in emissionOrder() {
      items += node(id)
    }
    if !updates.isEmpty {
      items.append(
        .clocked(clock: EmitPreparation.clock, reset: EmitPreparation.reset, updates: updates))
    }
    if !prepared.partlyRead.isEmpty {
      items.append(
        .comment("Signals not every bit of which is read (keeps verilator -Wall quiet)."))
      for chunk in stride(from: 0, to: prepared.partlyRead.count, by: 256) {
        let ids = prepared.partlyRead[chunk..<min(chunk + 256, prepared.partlyRead.count)]
        let parts = [Verilog.Expression.literal(width: 1, hexDigits: "0")] + ids.map(ref)
        let name = chunk == 0 ? EmitPreparation.unusedCollector : table.claim("unused_bits")
        items.append(.wire(name: name, width: 1, value: .unary("&", .concat(parts))))
      }
    }
    if ordered {
      items.append(.comment("verilator lint_on CMPCONST"))
      items.append(.comment("verilator lint_on UNSIGNED"))
    }
    return (ports, items)
  }

  /// Storage order where it is legal (netlists are usually built operands first), else each
  /// node right after its last unemitted operand: readable and deterministic.
  private func emissionOrder() -> [NodeID] {
    var placed = [Bool](repeating: false, count: netlist.nodes.count)
    var order: [NodeID] = []
    order.reserveCapacity(netlist.nodes.count)
    var stack: [(NodeID, Int)] = []
    for root in netlist.ids where !placed[root.int] {
      stack.append((root, 0))
      while let (id, next) = stack.popLast() {
        if placed[id.int] { continue }
        let node = netlist[id]
        let operands = node.op.isRegister ? [] : node.operands
        if let pending = operands[next...].firstIndex(where: { !placed[$0.int] }) {
          stack.append((id, pending + 1))
          stack.append((operands[pending], 0))
        } else {
          placed[id.int] = true
          order.append(id)
        }
      }
    }
    return order
  }

  // MARK: - One node

  private mutating func node(_ id: NodeID) -> [Verilog.Item] {
    let n = netlist[id]
    let x = n.operands
    func wire(_ value: Verilog.Expression) -> [Verilog.Item] {
      [.wire(name: name(id), width: width(id), value: value)]
    }
    switch n.op {
    case .input, .register:
      return []
    case .output:
      return [.assign(target: name(id), value: ref(x[0]))]
    case .constant(let c):
      return wire(literal(c))
    case .gate(let g):
      return wire(gate(g, ref(x[0]), ref(x[1]), width: width(id)))
    case .not:
      return wire(.unary("~", ref(x[0])))
    case .buf:
      return wire(ref(x[0]))
    case .and:
      return wire(.binary("&", ref(x[0]), ref(x[1])))
    case .or:
      return wire(.binary("|", ref(x[0]), ref(x[1])))
    case .xor:
      return wire(.binary("^", ref(x[0]), ref(x[1])))
    case .add:
      return wire(.binary("+", ref(x[0]), ref(x[1])))
    case .sub:
      return wire(.binary("-", ref(x[0]), ref(x[1])))
    case .mul:
      return wire(.binary("*", ref(x[0]), ref(x[1])))
    case .compare(let kind, let s):
      return wire(compare(kind, s, x[0], x[1]))
    case .mux:
      return wire(.conditional(ref(x[0]), ref(x[2]), ref(x[1])))
    case .shiftLeft(let count):
      return wire(shiftLeft(x[0], by: count))
    case .shiftRight(let count, let s):
      return wire(shiftRight(x[0], by: count, s))
    case .concat:
      return wire(x.count == 1 ? ref(x[0]) : .concat(x.map(ref)))
    case .slice(let low):
      return wire(bits(x[0], low: low, count: n.width))
    case .extend(let s):
      return wire(extend(x[0], to: n.width, s))
    case .popcount:
      let input: Verilog.Expression = x.count == 1 ? ref(x[0]) : .concat(x.map(ref))
      let total = x.reduce(0) { $0 + netlist.width($1) }
      return instance(
        id, RTLPrimitive.popcount,
        [.init("WIDTH", total), .init("OUT_WIDTH", n.width)],
        [.init("x", input), .init("count", ref(id))])
    case .round(let count, let mode, let s):
      let random = mode == .stochastic ? ref(x[1]) : zeros(max(count, 1))
      return instance(
        id, RTLPrimitive.shiftRound,
        [
          .init("IN_WIDTH", netlist.width(x[0])), .init("SHIFT", count),
          .init("OUT_WIDTH", n.width), .init("MODE", RTLPrimitive.modeParameter(mode)),
          .init("SIGNED", s == .signed ? 1 : 0),
        ],
        [.init("x", ref(x[0])), .init("r", random), .init("y", ref(id))])
    case .resize(let mode, let s):
      return instance(
        id, RTLPrimitive.satResize,
        [
          .init("IN_WIDTH", netlist.width(x[0])), .init("OUT_WIDTH", n.width),
          .init("MODE", RTLPrimitive.modeParameter(mode)), .init("SIGNED", s == .signed ? 1 : 0),
        ],
        [.init("x", ref(x[0])), .init("y", ref(id))])
    case .rom(let entries):
      return [
        .rom(
          name: name(id), memory: table.claim(name(id) + "_rom"), width: width(id),
          address: name(x[0]), addressWidth: netlist.width(x[0]),
          entries: entries.map(\.hexDigits))
      ]
    }
  }

  private mutating func instance(
    _ id: NodeID, _ primitive: RTLPrimitive, _ parameters: [Verilog.ParameterValue],
    _ connections: [Verilog.Connection]
  ) -> [Verilog.Item] {
    usedPrimitives.insert(primitive.name)
    for dependency in primitive.dependencies { usedPrimitives.insert(dependency) }
    return [
      .wire(name: name(id), width: width(id), value: nil),
      .instance(
        module: primitive.name, name: table.claim("u_" + name(id)), parameters: parameters,
        connections: connections),
    ]
  }

  // MARK: - Expressions

  private func name(_ id: NodeID) -> String { prepared.names[id.int] }

  /// Declared Verilog width of a node: its width times the lane count.
  private func width(_ id: NodeID) -> Int { netlist.width(id) * lanes }

  private func ref(_ id: NodeID) -> Verilog.Expression { .name(name(id)) }

  private func zeros(_ width: Int) -> Verilog.Expression { .literal(width: width, hexDigits: "0") }

  /// A constant, each bit repeated once per lane (lane counts are multiples of 4).
  private func literal(_ value: BitVector) -> Verilog.Expression {
    guard lanes > 1 else { return .literal(width: value.width, hexDigits: value.hexDigits) }
    let digitsPerBit = lanes / 4
    let digits = (0..<value.width).reversed().map {
      String(repeating: value[bit: $0] ? "f" : "0", count: digitsPerBit)
    }
    return .literal(width: value.width * lanes, hexDigits: digits.joined())
  }

  /// Netlist bits `low ..< low + count` of a node (all lanes of each bit).
  private func bits(_ id: NodeID, low: Int, count: Int) -> Verilog.Expression {
    let lo = low * lanes
    let hi = (low + count) * lanes - 1
    if lo == 0 && hi == width(id) - 1 { return ref(id) }
    return lo == hi ? .bit(name(id), lo) : .range(name(id), high: hi, low: lo)
  }

  private func msb(_ id: NodeID) -> Verilog.Expression {
    bits(id, low: netlist.width(id) - 1, count: 1)
  }

  /// The gate in its bitwise form (``GateFunction/expression``), `width` lanes wide.
  private func gate(
    _ g: GateFunction, _ a: Verilog.Expression, _ b: Verilog.Expression, width: Int
  ) -> Verilog.Expression {
    func not(_ e: Verilog.Expression, _ negated: Bool) -> Verilog.Expression {
      negated ? .unary("~", e) : e
    }
    switch g.expression {
    case .constant(let value):
      return not(zeros(width), value)
    case .operand(let x, let negated):
      return not(x == .a ? a : b, negated)
    case .binary(let op, let negateA, let negateB, let negateOutput):
      let symbol: String
      switch op {
      case .and: symbol = "&"
      case .or: symbol = "|"
      case .xor: symbol = "^"
      }
      return not(.binary(symbol, not(a, negateA), not(b, negateB)), negateOutput)
    }
  }

  private func compare(
    _ kind: CompareKind, _ s: Signedness, _ a: NodeID, _ b: NodeID
  ) -> Verilog.Expression {
    let symbol: String
    switch kind {
    case .eq: symbol = "=="
    case .ne: symbol = "!="
    case .lt: symbol = "<"
    case .le: symbol = "<="
    case .gt: symbol = ">"
    case .ge: symbol = ">="
    }
    let ordered = kind != .eq && kind != .ne
    if s == .signed && ordered {
      return .binary(symbol, .signed(ref(a)), .signed(ref(b)))
    }
    return .binary(symbol, ref(a), ref(b))
  }

  private func shiftLeft(_ a: NodeID, by count: Int) -> Verilog.Expression {
    let w = netlist.width(a)
    if count == 0 { return ref(a) }
    if count >= w { return zeros(w) }
    return .concat([bits(a, low: 0, count: w - count), zeros(count)])
  }

  private func shiftRight(_ a: NodeID, by count: Int, _ s: Signedness) -> Verilog.Expression {
    let w = netlist.width(a)
    if count == 0 { return ref(a) }
    let fill: Verilog.Expression =
      s == .signed ? .replicate(min(count, w), msb(a)) : zeros(min(count, w))
    if count >= w { return fill }
    return .concat([fill, bits(a, low: count, count: w - count)])
  }

  private func extend(_ a: NodeID, to w: Int, _ s: Signedness) -> Verilog.Expression {
    let wa = netlist.width(a)
    if w <= wa { return bits(a, low: 0, count: w) }
    let fill: Verilog.Expression = s == .signed ? .replicate(w - wa, msb(a)) : zeros(w - wa)
    return .concat([fill, ref(a)])
  }
}
