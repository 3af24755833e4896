import LogicNets
import NetlistIR
import NetlistSim

/// The model itself as a result source (`model`): a discretised net evaluated by its own
/// definition (``LogicNets/DiscreteLogicNet/counts(_:)-(BitMatrix)``), with the ports of
/// ``LogicNetLowering`` — input `x`; outputs `score_0` …, `predicted`.
package struct LogicNetModelEvaluator: Evaluator {
  /// The net.
  package let net: DiscreteLogicNet

  /// `model`.
  package var sourceName: String { "model" }

  /// An evaluator of a (valid) net.
  package init(_ net: DiscreteLogicNet) { self.net = net }

  /// One output vector per input vector (the net has no state).
  package func run(_ vectors: [[BitVector]]) throws(SimulationError) -> [[BitVector]] {
    for (i, v) in vectors.enumerated() where v.count != 1 || v[0].width != net.inputs {
      throw .badVector(index: i, "expected one \(net.inputs)-bit input")
    }
    var bytes = [UInt8](repeating: 0, count: vectors.count * net.inputs)
    for (s, v) in vectors.enumerated() {
      for i in 0..<net.inputs where v[0][bit: i] { bytes[s * net.inputs + i] = 1 }
    }
    let counts = net.counts(BitMatrix(sampleMajor: bytes, features: net.inputs))
    let predicted = DiscreteLogicNet.firstArgmax(counts, classes: net.classes)
    let scoreWidth = Netlist.bitLength(net.groupSize)
    let classWidth = Netlist.bitLength(net.classes - 1)
    return (0..<vectors.count).map { s in
      (0..<net.classes).map {
        BitVector(width: scoreWidth, truncating: UInt64(counts[s * net.classes + $0]))
      } + [BitVector(width: classWidth, truncating: UInt64(predicted[s]))]
    }
  }
}
