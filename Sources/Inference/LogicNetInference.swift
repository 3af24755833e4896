import LogicNets
import ModelLowering
import NetlistIR
import NetlistPasses
import NetlistSim

/// Fast inference for a discretised logic net: its forms from the standard hardware flow
/// (``NetlistPasses/HardwareFlow``: lowered, optimised, gate level with GroupSum and the
/// argmax as gates) and the bit-parallel evaluator (`gates64`) compiled from the gate level,
/// run by the native tile kernels (``NetlistSim/FieldEvaluator``: bytes in, class counts out,
/// the fastest ``NetlistSim/LogicKernelPath`` of the CPU unless told otherwise).
///
/// Every form keeps the ports of ``ModelLowering/LogicNetLowering`` (input `x`; outputs
/// `score_0` …, `predicted`), so each can be checked against the others and against the
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
  /// The evaluator's program on the native kernels, reading the class counts and the class.
  public let fieldEvaluator: FieldEvaluator
  /// What the optimiser removed from the gate layers (counting
  /// ``ModelLowering/LogicNetLowering/isNeuronGate(_:)``), by pass.
  public let statistics: GateRemoval
  /// The number of classes.
  public let classes: Int

  /// Compiles the net (which must be valid).
  public init(_ net: DiscreteLogicNet, name: String = "logic_net") throws(PassError) {
    lowered = LogicNetLowering.lower(net, name: name)
    let forms = try HardwareFlow.forms(of: lowered, counting: LogicNetLowering.isNeuronGate)
    optimized = forms.optimized.netlist
    statistics = forms.optimized.removal
    gateLevel = forms.gateLevel.netlist
    do throws(SimulationError) {
      evaluator = try GateEvaluator(gateLevel)
    } catch {
      preconditionFailure("bit-blasted netlists are gate-level: \(error)")
    }
    classes = net.classes
    let gates = evaluator
    fieldEvaluator = FieldEvaluator(
      gates, fields: (0...net.classes).map { gates.outputBits(ofPort: $0) })
  }

  /// Per-class scores (GroupSum counts) and predicted class of `count` samples given as
  /// sample-major bytes (`bits[s · inputs + i]`, non-zero = 1), on the kernels of `path`
  /// (which must be available; every path gives the same result).
  public func evaluate(
    bits: [UInt8], count: Int, threads: Int = 1, path: LogicKernelPath = .best
  ) -> (scores: [Int32], predicted: [Int]) {
    precondition(
      bits.count == count * evaluator.inputBitCount,
      "\(bits.count) bytes is not \(count) rows of \(evaluator.inputBitCount)")
    // The kernels write every count and class, so the arrays start uninitialised.
    var predicted: [Int] = []
    let scores = [Int32](unsafeUninitializedCapacity: count * classes) { scores, filled in
      predicted = [Int](unsafeUninitializedCapacity: count) { predicted, done in
        bits.withUnsafeBufferPointer { bits in
          guard let out = scores.baseAddress, let last = predicted.baseAddress else { return }
          // A net without inputs reads no byte: any address will do.
          let input = bits.baseAddress ?? UnsafeRawPointer(out).assumingMemoryBound(to: UInt8.self)
          fieldEvaluator.evaluate(
            bytes: input, count: count, out: out, stride: classes, last: last, path: path,
            threads: threads)
        }
        done = count
      }
      filled = count * classes
    }
    return (scores, predicted)
  }

  /// ``evaluate(bits:count:threads:path:)`` through Swift only: the bytes packed into
  /// ``NetlistSim/BitPlanes``, the `gates64` evaluator, and the output planes transposed back
  /// to rows (the implementation before the native kernels, kept as their differential
  /// reference and as the benchmark's "before").
  public func evaluateWithPlanes(
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
}
