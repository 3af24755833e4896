import NetlistIR

/// Logic depth and latency.
public struct TimingSummary: Codable, Hashable, Sendable {
  /// Clock cycles from the inputs to the outputs, found from the structure: the registers on
  /// every path from a primary input to a primary output.
  public struct Latency: Codable, Hashable, Sendable {
    /// `combinational` (no registers), `pipelined` (every input-to-output path crosses
    /// ``cycles`` registers), `unbalanced` (paths cross between ``minimumCycles`` and
    /// ``maximumCycles`` registers) or `feedback` (a register loop: a state machine, no
    /// single latency).
    public var kind: String
    /// The latency of a combinational or pipelined design.
    public var cycles: Int?
    /// The fewest registers on an input-to-output path (unbalanced designs).
    public var minimumCycles: Int?
    /// The most registers on an input-to-output path (unbalanced designs).
    public var maximumCycles: Int?

    /// A latency (see the properties).
    public init(
      kind: String, cycles: Int? = nil, minimumCycles: Int? = nil, maximumCycles: Int? = nil
    ) {
      self.kind = kind
      self.cycles = cycles
      self.minimumCycles = minimumCycles
      self.maximumCycles = maximumCycles
    }
  }

  /// The critical path of the gate-level copy, in gate levels (see
  /// ``GateLevelCells/logicDepth``).
  public var logicDepth: Int
  /// The latency.
  public var latency: Latency
  /// Register nodes of the reported netlist.
  public var registers: Int
  /// Their total bits.
  public var registerBits: Int

  /// The timing of `netlist`, with the depth of its gate-level copy.
  init(_ netlist: Netlist, logicDepth: Int) {
    self.logicDepth = logicDepth
    latency = Self.latency(of: netlist)
    let registers = netlist.registers
    self.registers = registers.count
    registerBits = registers.reduce(0) { $0 + netlist.width($1) }
  }

  /// The latency from the structure: registers counted along every path from an input.
  static func latency(of netlist: Netlist) -> Latency {
    guard netlist.isSequential else { return Latency(kind: "combinational", cycles: 0) }
    // Kahn's order over all edges, register inputs included: it fails on a register loop.
    let n = netlist.nodes.count
    var pending = [Int](repeating: 0, count: n)
    var readers = [[Int32]](repeating: [], count: n)
    for (i, node) in netlist.nodes.enumerated() {
      for operand in node.operands {
        pending[i] += 1
        readers[operand.int].append(Int32(i))
      }
    }
    // Fewest and most registers on a path from an input; nil when no input reaches the node.
    var span = [ClosedRange<Int>?](repeating: nil, count: n)
    for id in netlist.inputs { span[id.int] = 0...0 }
    var ready = (0..<n).filter { pending[$0] == 0 }
    var ordered = 0
    while let i = ready.popLast() {
      ordered += 1
      let node = netlist.nodes[i]
      if !node.operands.isEmpty {
        let reached = node.operands.compactMap { span[$0.int] }
        if let first = reached.first {
          let merged = reached.dropFirst().reduce(first) {
            min($0.lowerBound, $1.lowerBound)...max($0.upperBound, $1.upperBound)
          }
          let step = node.op.isRegister ? 1 : 0
          span[i] = (merged.lowerBound + step)...(merged.upperBound + step)
        }
      }
      for reader in readers[i] {
        pending[Int(reader)] -= 1
        if pending[Int(reader)] == 0 { ready.append(Int(reader)) }
      }
    }
    guard ordered == n else { return Latency(kind: "feedback") }
    let spans = netlist.outputs.compactMap { span[$0.int] }
    let low = spans.map(\.lowerBound).min() ?? 0
    let high = spans.map(\.upperBound).max() ?? 0
    if low == high { return Latency(kind: "pipelined", cycles: low) }
    return Latency(kind: "unbalanced", minimumCycles: low, maximumCycles: high)
  }
}
