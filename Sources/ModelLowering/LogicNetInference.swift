import LogicNets
import NetlistIR
import NetlistPasses
import NetlistSim

/// Fast inference for a discretised logic net: lower it to NetlistIR, optimise, bit-blast
/// GroupSum and the argmax to gates, and run the bit-parallel evaluator (`gates64`).
///
/// Every stage keeps the ports of ``LogicNetLowering`` (input `x`; outputs `score_0` …,
/// `predicted`), so each netlist below can be checked against the others and against the
/// model itself.
public struct LogicNetInference: Sendable {
  /// The net as lowered, before any optimisation.
  public let lowered: Netlist
  /// After the standard optimiser (dead, constant, buffer and duplicate gates removed).
  public let optimized: Netlist
  /// The gate-level form the evaluator runs (popcounts and argmax as gates).
  public let gateLevel: Netlist
  /// The compiled bit-parallel evaluator.
  public let evaluator: GateEvaluator
  /// How the optimiser changed the gate layers.
  public let statistics: Statistics
  /// The number of classes.
  public let classes: Int

  /// What optimisation removed from the gate layers, attributed to the pass that removed
  /// it. A gate-layer node counts while it is still a two-input gate or a NOT named after
  /// its neuron (`l{L}_{i}`); passes run one at a time to a fixpoint, and each decrease is
  /// credited to the pass that caused it.
  public struct Statistics: Sendable, Equatable, Codable {
    /// Two-input gates in the model.
    public var modelGates: Int
    /// Gate-layer gates and NOTs left after optimisation.
    public var remainingGates: Int
    /// Removed by constant folding (constant gates, gates fed by constants).
    public var constantGates: Int
    /// Removed by gate simplification (pass-through gates, gate(a, a), absorbed NOTs).
    public var bufferGates: Int
    /// Merged into an identical gate.
    public var duplicateGates: Int
    /// Removed because no class score depends on them.
    public var deadGates: Int
  }

  /// Compiles the net (which must be valid).
  public init(_ net: DiscreteLogicNet, name: String = "logic_net") throws(PassError) {
    lowered = LogicNetLowering.lower(net, name: name)
    var optimized = lowered
    statistics = try Self.optimize(&optimized, modelGates: net.gateCount)
    self.optimized = optimized
    var gates = optimized
    try PassManager.run([BitBlast()], on: &gates)
    try Optimizer.optimize(&gates)
    gateLevel = gates
    do throws(SimulationError) {
      evaluator = try GateEvaluator(gates)
    } catch {
      preconditionFailure("bit-blasted netlists are gate-level: \(error)")
    }
    classes = net.classes
  }

  /// Per-class scores (GroupSum counts) and predicted class of `count` samples given as
  /// sample-major bytes (`bits[s · inputs + i]`, non-zero = 1).
  public func evaluate(
    bits: [UInt8], count: Int, threads: Int = 1
  ) -> (scores: [Int32], predicted: [Int]) {
    let inputs = BitPlanes(rowBytes: bits, bitCount: evaluator.inputBitCount, sampleCount: count)
    let outputs = evaluator.evaluate(inputs, threads: threads)
    // One transposition of all output bits, then each port's field read from the rows.
    let rows = outputs.rowWords()
    let rowLength = (evaluator.outputBitCount + 63) >> 6
    let fields = (0...classes).map { evaluator.outputBits(ofPort: $0) }
    var scores = [Int32](repeating: 0, count: count * classes)
    var predicted = [Int](repeating: 0, count: count)
    rows.withUnsafeBufferPointer { rows in
      for s in 0..<count {
        let row = rows.baseAddress! + s * rowLength
        for c in 0..<classes {
          scores[s * classes + c] = Int32(truncatingIfNeeded: Self.field(fields[c], of: row))
        }
        predicted[s] = Int(truncatingIfNeeded: Self.field(fields[classes], of: row))
      }
    }
    return (scores, predicted)
  }

  /// The unsigned value of `bits` (at most 64, lowest first) of a sample-major row of words.
  @inline(__always)
  static func field(_ bits: Range<Int>, of row: UnsafePointer<UInt64>) -> UInt64 {
    guard !bits.isEmpty else { return 0 }
    let word = bits.lowerBound >> 6
    let shift = bits.lowerBound & 63
    var value = row[word] >> UInt64(shift)
    if shift + bits.count > 64 { value |= row[word + 1] << UInt64(64 - shift) }
    return bits.count == 64 ? value : value & ((1 << UInt64(bits.count)) - 1)
  }

  /// Runs the standard optimiser one pass at a time to a fixpoint, crediting each pass with
  /// the gate-layer gates it removed.
  static func optimize(_ netlist: inout Netlist, modelGates: Int) throws(PassError) -> Statistics {
    var removed = [String: Int]()
    var count = gateLayerGates(netlist)
    var changed = true
    var rounds = 0
    while changed && rounds < 16 {
      changed = false
      rounds += 1
      for pass in Optimizer.standard {
        let outcome = try PassManager.run([pass], on: &netlist)
        changed = changed || outcome.contains(where: \.changed)
        let after = gateLayerGates(netlist)
        removed[pass.name, default: 0] += count - after
        count = after
      }
    }
    return Statistics(
      modelGates: modelGates, remainingGates: count,
      constantGates: removed["const-fold", default: 0], bufferGates: removed["gates", default: 0],
      duplicateGates: removed["cse", default: 0], deadGates: removed["dce", default: 0])
  }

  /// Two-input gates and NOTs named after a neuron (`l{L}_{i}`).
  static func gateLayerGates(_ netlist: Netlist) -> Int {
    netlist.nodes.count { node in
      guard let name = node.name, LogicNetLowering.isNeuronName(name) else { return false }
      return node.op.isGateLevelLogic && node.op != .buf
    }
  }
}
