import NetlistIR

/// Replaces every `popcount` by a compressor tree of full and half adders made of two-input
/// gates (``BitAlgebra/sumColumns(_:width:)``), computing only the result bits the node's
/// width keeps. Operand bits are read through one-bit `slice`s; the result is a `concat` of
/// one-bit nodes (most significant first) carrying the popcount's name. Other nodes are
/// copied unchanged. Reports the full and half adders built.
///
/// Tree choice (measured by `passes-bench`, see `Benchmarks/results/passes.md`): the
/// three-greedy column compressor builds N − ⌈log₂(N+1)⌉ full adders for N bits (each full
/// adder removes one bit) and only a handful of half adders:
/// 4958 gates and 37 levels at N = 1000, against 6944 gates and 35 levels for a tree of
/// ripple-carry adders and 1008 levels for an adder chain.
public struct PopcountLowering: NetlistPass {
  /// `popcount`.
  public var name: String { "popcount" }

  /// The pass.
  public init() {}

  /// Lowers every popcount; returns whether there was one.
  public func run(_ netlist: inout Netlist) throws(PassError) -> Bool {
    try runReporting(&netlist).changed
  }

  /// Lowers every popcount and counts the adder cells built.
  public func runReporting(_ netlist: inout Netlist) throws(PassError) -> PassReport {
    guard netlist.nodes.contains(where: { $0.op == .popcount }) else {
      return PassReport(changed: false, counters: AdderCount().counters)
    }
    let (lowered, adders) = Self.lower(netlist)
    netlist = lowered
    return PassReport(changed: true, counters: adders.counters)
  }

  /// The netlist with every popcount lowered, and the adder cells it took.
  public static func lower(_ netlist: Netlist) -> (Netlist, AdderCount) {
    var builder = GateBuilder(netlist: Netlist(name: netlist.name))
    var map = [NodeID](repeating: NodeID(0), count: netlist.nodes.count)
    var registers: [NodeID] = []
    for id in NodeOrder.stableTopological(netlist) {
      var node = netlist[id]
      if node.op == .popcount {
        var bits: [GateLiteral] = []
        for operand in node.operands.map({ map[$0.int] }) {
          let width = builder.netlist.width(operand)
          if width == 1 {
            bits.append(GateLiteral(operand))
          } else {
            for i in 0..<width {
              bits.append(
                GateLiteral(builder.append(Node(op: .slice(i), operands: [operand], width: 1))))
            }
          }
        }
        let sum = builder.popcount(bits, width: node.width).map { builder.materialize($0) }
        if sum.count == 1 {
          map[id.int] = sum[0]
          if builder.netlist[sum[0]].name == nil { builder.setName(of: sum[0], to: node.name) }
        } else {
          map[id.int] = builder.append(
            Node(op: .concat, operands: sum.reversed(), width: node.width, name: node.name))
        }
        continue
      }
      if node.op.isRegister {
        registers.append(id)
        node.operands = []
      } else {
        node.operands = node.operands.map { map[$0.int] }
      }
      map[id.int] = builder.append(node)
    }
    for id in registers {
      builder.connectRegister(map[id.int], to: map[netlist[id].operands[0].int])
    }
    return (builder.netlist, AdderCount(full: builder.fullAdders, half: builder.halfAdders))
  }
}
