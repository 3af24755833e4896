import BinarizedNets
import NetlistIR
import NetlistSim

/// The model itself as a result source (`model`): a binarized net evaluated by its plain
/// integer definition (``BinarizedNets/BinarizedNet/referenceScores(_:)``), with the ports
/// of ``ModelLowering/BinarizedNetLowering`` — input `x`; outputs `score_0` …, `predicted`.
package struct BinarizedNetModelEvaluator: Evaluator {
  /// The net.
  package let net: BinarizedNet

  /// `model`.
  package var sourceName: String { "model" }

  /// An evaluator of a (valid) net.
  package init(_ net: BinarizedNet) { self.net = net }

  /// One output vector per input vector (the net has no state).
  package func run(_ vectors: [[BitVector]]) throws(SimulationError) -> [[BitVector]] {
    let bits = net.sampleBits
    for (i, v) in vectors.enumerated() where v.count != 1 || v[0].width != bits {
      throw .badVector(index: i, "expected one \(bits)-bit input")
    }
    let k = net.input.bits
    let signedness: Signedness = net.input == .integers(bits: k, signed: true) ? .signed : .unsigned
    let scoreWidth = net.scoreWidth
    let classWidth = Netlist.bitLength(net.classes - 1)
    return vectors.map { v in
      let sample = (0..<net.inputs).map { v[0].slice(low: $0 * k, count: k).intValue(signedness)! }
      let scores = net.referenceScores(sample)
      let predicted = BinarizedNet.argmax(scores[...])
      return scores.map { BitVector(width: scoreWidth, truncating: $0) }
        + [BitVector(width: classWidth, truncating: predicted)]
    }
  }
}
