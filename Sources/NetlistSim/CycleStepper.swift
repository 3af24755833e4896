import NetlistIR

/// A netlist simulated one clock cycle at a time from reset, the inputs of each cycle chosen
/// after seeing the outputs of the one before: what a handshake needs (see
/// ``TransactionEvaluator``).
public protocol CycleStepper {
  /// The result source name: `interp`, `gates64`, …
  var sourceName: String { get }
  /// The netlist simulated.
  var netlist: Netlist { get }
  /// Returns every register to its reset value.
  mutating func reset()
  /// Applies one value per input port, returns the outputs of the cycle (read before the
  /// clock edge), then clocks the registers.
  mutating func step(_ inputs: [BitVector]) -> [BitVector]
}

/// The reference interpreter's meaning (``Node/evaluate(_:)``), one cycle at a time.
public struct InterpreterStepper: CycleStepper {
  /// The netlist simulated.
  public let netlist: Netlist
  /// `interp` unless renamed (`opt` for the optimised form).
  public let sourceName: String
  private let order: [NodeID]
  private let registers: [NodeID]
  private var values: [BitVector]

  /// Prepares a verified netlist, in the reset state.
  public init(_ netlist: Netlist, sourceName: String = "interp") throws(SimulationError) {
    do throws(NetlistError) {
      try NetlistVerifier.verify(netlist)
    } catch {
      throw .invalidNetlist(error.description)
    }
    self.netlist = netlist
    self.sourceName = sourceName
    self.order = netlist.topologicalOrder()!.filter { netlist[$0].op.isCombinational }
    self.registers = netlist.registers
    self.values = netlist.nodes.map { BitVector(zeroWidth: $0.width) }
    reset()
  }

  /// Every register back to its reset value.
  public mutating func reset() {
    for id in registers {
      if case .register(let r) = netlist[id].op { values[id.int] = r }
    }
  }

  /// One cycle.
  public mutating func step(_ inputs: [BitVector]) -> [BitVector] {
    for (port, id) in netlist.inputs.enumerated() { values[id.int] = inputs[port] }
    for id in order {
      let node = netlist[id]
      values[id.int] = node.evaluate(node.operands.map { values[$0.int] })
    }
    let outputs = netlist.outputs.map { values[$0.int] }
    let next = registers.map { values[netlist[$0].operands[0].int] }
    for (id, value) in zip(registers, next) { values[id.int] = value }
    return outputs
  }
}

/// The bit-parallel gate evaluator (`gates64`) on a gate-level netlist, one stream, one cycle
/// at a time.
public struct GateStepper: CycleStepper {
  /// The compiled evaluator.
  public let evaluator: GateEvaluator
  private var state: BitPlanes

  /// `gates64`.
  public var sourceName: String { evaluator.sourceName }
  /// The gate-level netlist.
  public var netlist: Netlist { evaluator.netlist }

  /// Compiles a gate-level netlist, in the reset state.
  public init(_ netlist: Netlist) throws(SimulationError) {
    evaluator = try GateEvaluator(netlist)
    state = evaluator.resetState(streams: 1)
  }

  /// Every register back to its reset value.
  public mutating func reset() { state = evaluator.resetState(streams: 1) }

  /// One cycle.
  public mutating func step(_ inputs: [BitVector]) -> [BitVector] {
    var row = [UInt64](repeating: 0, count: (evaluator.inputBitCount + 63) >> 6)
    for (port, value) in inputs.enumerated() {
      let offset = evaluator.inputBits(ofPort: port).lowerBound
      for i in 0..<value.width where value[bit: i] {
        row[(offset + i) >> 6] |= 1 << UInt64((offset + i) & 63)
      }
    }
    let planes = BitPlanes(rowWords: row, bitCount: evaluator.inputBitCount, sampleCount: 1)
    let outputs = evaluator.step(planes, state: &state)
    return (0..<netlist.outputs.count).map {
      outputs.vectors(bits: evaluator.outputBits(ofPort: $0))[0]
    }
  }
}
