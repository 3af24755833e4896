import NetlistIR

/// Lowers every multi-bit operation to the gate-level form (``Netlist/isGateLevel``):
/// two-input gates, NOTs and one-bit registers and constants, built by the generic bit-level
/// arithmetic of ``BitAlgebra`` through a ``GateBuilder``.
///
/// Ports keep their names, widths and order: a multi-bit input is read through one-bit
/// `slice`s (a one-bit input directly), a multi-bit output reads a `concat` of one-bit nodes
/// (most significant first).
/// A multi-bit register becomes one register per bit. Architectures: ripple-carry or
/// parallel-prefix adders and subtractors (``AdderArchitecture``), Baugh–Wooley
/// compressor-tree multipliers, tree comparators, compressor-tree popcounts
/// (``BitAlgebra/sumColumns(_:width:_:)``). One-bit nodes keep their names where the lowered
/// node is new; names of multi-bit nodes are not carried to bits. Reports the full and half
/// adders built (parallel-prefix carry networks count as plain gates).
///
/// The result's size is estimated before anything is built (``estimatedCells(_:adders:)``);
/// above `cellBudget` the pass throws ``PassError/overBudget(pass:estimate:budget:largest:)``.
public struct BitBlast: NetlistPass {
  /// How additions are built.
  public let adders: AdderArchitecture
  /// The most gate-level cells the pass may build.
  public let cellBudget: Int

  /// `bitblast` (ripple-carry adders) or `bitblast-fast` (parallel-prefix adders).
  public var name: String { adders == .rippleCarry ? "bitblast" : "bitblast-fast" }

  /// The pass; ripple-carry adders by default (fewest gates).
  public init(
    adders: AdderArchitecture = .rippleCarry, cellBudget: Int = BitBlast.defaultCellBudget
  ) {
    self.adders = adders
    self.cellBudget = cellBudget
  }

  /// Lowers the netlist; returns whether it was not gate-level already.
  public func run(_ netlist: inout Netlist) throws(PassError) -> Bool {
    try runReporting(&netlist).changed
  }

  /// Lowers the netlist and counts the adder cells built.
  public func runReporting(_ netlist: inout Netlist) throws(PassError) -> PassReport {
    guard !netlist.isGateLevel else {
      return PassReport(changed: false, counters: AdderCount().counters)
    }
    let (lowered, cells) = try Self.lower(netlist, adders: adders, cellBudget: cellBudget)
    netlist = lowered
    return PassReport(changed: true, counters: cells.counters)
  }

  /// The gate-level form of a verified netlist, and the adder cells it took; throws
  /// ``PassError/overBudget(pass:estimate:budget:largest:)`` (before building anything) when
  /// it would have more than `cellBudget` cells.
  public static func lower(
    _ netlist: Netlist, adders: AdderArchitecture = .rippleCarry,
    cellBudget: Int = defaultCellBudget
  ) throws(PassError) -> (Netlist, AdderCount) {
    try checkBudget(
      netlist, adders: adders, budget: cellBudget,
      pass: BitBlast(adders: adders, cellBudget: cellBudget).name)
    var builder = GateBuilder(netlist: Netlist(name: netlist.name))
    var bits = [[GateLiteral]](repeating: [], count: netlist.nodes.count)
    var registers: [(old: NodeID, bits: [NodeID])] = []
    for id in NodeOrder.stableTopological(netlist) {
      let node = netlist[id]
      switch node.op {
      case .input:
        let port = builder.append(node)
        bits[id.int] =
          node.width == 1
          ? [GateLiteral(port)]
          : (0..<node.width).map {
            GateLiteral(builder.append(Node(op: .slice($0), operands: [port], width: 1)))
          }
      case .register(let reset):
        let cells = (0..<node.width).map {
          builder.append(
            Node(
              op: .register(reset.slice(low: $0, count: 1)), operands: [], width: 1,
              name: node.width == 1 ? node.name : nil))
        }
        registers.append((id, cells))
        bits[id.int] = cells.map { GateLiteral($0) }
      case .output:
        let operand = bits[node.operands[0].int].map { builder.materialize($0) }
        let value =
          operand.count == 1
          ? operand[0]
          : builder.append(
            Node(op: .concat, operands: operand.reversed(), width: operand.count))
        builder.append(Node(op: node.op, operands: [value], width: node.width, name: node.name))
      case .constant, .gate, .not, .buf, .and, .or, .xor, .add, .sub, .mul, .compare, .mux,
        .shiftLeft, .shiftRight, .concat, .slice, .extend, .popcount, .round, .resize, .rom:
        let result = Self.bits(
          of: node, operands: node.operands.map { bits[$0.int] }, in: &builder, adders: adders)
        bits[id.int] = result
        if node.width == 1, let name = node.name, !result[0].isNegated,
          builder.netlist[result[0].node].name == nil,
          case .gate = builder.netlist[result[0].node].op
        {
          builder.setName(of: result[0].node, to: name)
        }
      }
    }
    for (old, cells) in registers {
      let d = bits[netlist[old].operands[0].int]
      for (cell, bit) in zip(cells, d) {
        builder.connectRegister(cell, to: builder.materialize(bit))
      }
    }
    var result = builder.netlist
    DeadNodeElimination.eliminate(in: &result)
    return (result, AdderCount(full: builder.fullAdders, half: builder.halfAdders))
  }

  /// The bits (least significant first) of a combinational node, computed in any bit
  /// algebra from the bits of its operands: the bit-level meaning of every op.
  ///
  /// - Precondition: the node is not an input, output or register, and `x` holds one bit
  ///   string of the right width per operand.
  public static func bits<A: BitAlgebra>(
    of node: Node, operands x: [[A.Bit]], in b: inout A,
    adders: AdderArchitecture = .rippleCarry
  ) -> [A.Bit] {
    let w = node.width
    switch node.op {
    case .input, .output, .register:
      preconditionFailure("ports and registers are lowered by the caller")
    case .constant(let value):
      return b.constant(value)
    case .gate(let g):
      return [b.gate(g, x[0][0], x[1][0])]
    case .not:
      return x[0].map { b.not($0) }
    case .buf:
      return x[0]
    case .and:
      return zip(x[0], x[1]).map { b.and($0, $1) }
    case .or:
      return zip(x[0], x[1]).map { b.or($0, $1) }
    case .xor:
      return zip(x[0], x[1]).map { b.xor($0, $1) }
    case .add(let s):
      return b.sum(x[0], x[1], width: w, s, subtract: false, adders)
    case .sub(let s):
      return b.sum(x[0], x[1], width: w, s, subtract: true, adders)
    case .mul(let s):
      return b.product(x[0], x[1], width: w, s, adders)
    case .compare(let kind, let s):
      return [b.compare(kind, x[0], x[1], s)]
    case .mux:
      return zip(x[1], x[2]).map { b.mux(x[0][0], whenFalse: $0, whenTrue: $1) }
    case .shiftLeft(let n):
      return b.shiftedLeft(x[0], by: n)
    case .shiftRight(let n, let s):
      return b.shiftedRight(x[0], by: n, s)
    case .concat:
      return x.reversed().flatMap { $0 }
    case .slice(let low):
      return Array(x[0][low..<(low + w)])
    case .extend(let s):
      return b.extended(x[0], to: w, s)
    case .popcount:
      return b.popcount(x.flatMap { $0 }, width: w, adders)
    case .round(let n, let mode, let s):
      return b.roundedShift(
        x[0], by: n, mode, s, width: w, random: x.count > 1 ? x[1] : nil, adders)
    case .resize(let mode, let s):
      return b.resized(x[0], to: w, overflow: mode, s)
    case .rom(let table):
      return b.tableLookup(table, address: x[0])
    }
  }
}

/// How many adder cells a lowering built.
public struct AdderCount: Sendable, Equatable {
  /// Full adders (three inputs, five gates).
  public var full = 0
  /// Half adders (two inputs, two gates).
  public var half = 0

  /// A count.
  public init(full: Int = 0, half: Int = 0) {
    self.full = full
    self.half = half
  }

  /// The counts as pass counters: `full adders`, `half adders`.
  public var counters: [PassCounter] {
    [PassCounter("full adders", full), PassCounter("half adders", half)]
  }
}
