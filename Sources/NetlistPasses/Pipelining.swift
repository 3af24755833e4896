import NetlistIR

/// Inserts registers into a combinational gate-level netlist so that no path between
/// registers (or from an input to a register, or from a register to an output) has more
/// than `levelsPerStage` gate levels, with every output delayed by the same number of cycles.
///
/// Levels are those of ``LogicDepth`` (a two-input gate is one level, `not`/`buf` are
/// free). A gate at level L ≥ 1 goes into stage ⌈L / k⌉ − 1; sources are in stage 0. An
/// edge from stage i to stage j > i passes through j − i registers, shared by all readers of
/// the same node (a register chain per node); each output reads its value through the
/// registers that take it to the last stage, so every output has the latency
/// S = max stage = ⌈depth / k⌉ − 1 cycles. Constants need no registers. New registers reset
/// to 0, so the first S output cycles after reset show the reset state; from cycle S on,
/// output t equals the unpipelined output t − S.
public struct Pipelining: NetlistPass {
  /// The most gate levels between two register stages (k ≥ 1).
  public let levelsPerStage: Int

  /// A pass that cuts paths after every `levels` gate levels.
  public init(every levels: Int) {
    precondition(levels >= 1, "a pipeline stage has at least one gate level")
    levelsPerStage = levels
  }

  /// `pipeline`.
  public var name: String { "pipeline" }

  /// Pipelines the netlist; returns whether registers were added.
  public func run(_ netlist: inout Netlist) throws(PassError) -> Bool {
    try runReporting(&netlist).changed
  }

  /// Pipelines the netlist and reports the latency and the registers added.
  public func runReporting(_ netlist: inout Netlist) throws(PassError) -> PassReport {
    let result = try pipeline(netlist)
    // A netlist that needs no registers is left exactly as it was.
    if result.registersAdded > 0 { netlist = result.netlist }
    return PassReport(
      changed: result.registersAdded > 0,
      counters: [
        PassCounter("latency (cycles)", result.latency),
        PassCounter("registers added", result.registersAdded),
      ])
  }

  /// A pipelined netlist with its latency.
  public struct Result: Sendable {
    /// The pipelined netlist.
    public var netlist: Netlist
    /// Cycles from an input to the outputs it affects (equal for every output).
    public var latency: Int
    /// Registers inserted.
    public var registersAdded: Int
  }

  /// Pipelines a verified netlist (dead nodes are dropped first; the node order follows a
  /// topological order, inputs first).
  ///
  /// - Throws: ``PassError/unsupported(pass:_:)`` when the netlist is not gate-level or
  ///   already has registers.
  public func pipeline(_ original: Netlist) throws(PassError) -> Result {
    var netlist = original
    DeadNodeElimination.eliminate(in: &netlist)
    if let id = netlist.firstNonGateLevelNode {
      throw .unsupported(
        pass: name, "node \(id) (\(netlist[id].op.mnemonic)) is not gate-level; bit-blast first")
    }
    if let id = netlist.registers.first {
      throw .unsupported(pass: name, "node \(id) is a register; only combinational netlists")
    }
    let level = LogicDepth.levels(of: netlist)
    let k = levelsPerStage
    let isConstant = netlist.nodes.map(\.op.isConstant)
    var stage = level.map { $0 == 0 ? 0 : ($0 - 1) / k }
    // Outputs and the concats they read sit in the last stage.
    let lastStage = stage.max() ?? 0
    for id in netlist.ids where netlist[id].op.isOutput || netlist[id].op == .concat {
      stage[id.int] = lastStage
    }
    // Registers each node needs: the largest stage gap to any reader.
    var chainLength = [Int](repeating: 0, count: netlist.nodes.count)
    for id in netlist.ids {
      for operand in netlist[id].operands where !isConstant[operand.int] {
        chainLength[operand.int] = max(chainLength[operand.int], stage[id.int] - stage[operand.int])
      }
    }
    var result = Netlist(name: netlist.name)
    var chains = [[NodeID]](repeating: [], count: netlist.nodes.count)
    var added = 0
    for id in NodeOrder.stableTopological(netlist) {
      var node = netlist[id]
      node.operands = node.operands.map { operand in
        let gap = isConstant[operand.int] ? 0 : stage[id.int] - stage[operand.int]
        return chains[operand.int][gap]
      }
      var chain = [result.append(node)]
      for _ in 0..<chainLength[id.int] {
        chain.append(result.register(chain.last!))
        added += 1
      }
      chains[id.int] = chain
    }
    return Result(netlist: result, latency: lastStage, registersAdded: added)
  }
}
