import BinarizedNets
import NetlistIR

/// Why a net cannot be folded: one line naming the layer.
public enum FoldingError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The net or one of its layers has a form the folded architecture does not build yet.
  case unsupported(String)
  /// A PE or SIMD count is not positive.
  case badFolding(String)

  /// The message shown to users.
  public var description: String {
    switch self {
    case .unsupported(let m): return "folded architecture: \(m)"
    case .badFolding(let m): return "folding: \(m)"
    }
  }
}

/// The cycle model of a folded net: what the harness measures, predicted from the folding.
///
/// Layers run one after another on a sample (no overlap between samples yet): a layer's
/// `done` pulse is `NF·SF + 1` cycles after its `start`, and the next layer starts in that
/// cycle. A transaction (start cycle through done cycle) takes `1 + Σ (NF·SF + 1)` cycles,
/// which is also the initiation interval of the network.
public struct FoldedCycleModel: Hashable, Sendable {
  /// The folding of each dense layer.
  public let layers: [LayerFolding]

  /// Cycles from a layer's start to its done pulse, per layer (the layer's initiation
  /// interval).
  public var layerCycles: [Int] { layers.map { $0.computeCycles + 1 } }
  /// Cycles per sample: the start cycle through the done cycle.
  public var cyclesPerSample: Int { 1 + layerCycles.reduce(0, +) }
  /// The network's initiation interval: equal to ``cyclesPerSample`` (no overlap).
  public var initiationInterval: Int { cyclesPerSample }
  /// Weight ROM bits over all layers.
  public var weightBits: Int { layers.reduce(0) { $0 + $1.weightBits } }
}

/// Lowers a ``BinarizedNets/BinarizedNet`` with dense binary or ternary layers on bit inputs to
/// a folded, streaming netlist (``FoldedLayerLowering`` per layer, chained start to done).
///
/// Ports: input `start` and `x` (as ``BinarizedNetLowering``), outputs `score_0` …,
/// `predicted` (the same meaning, valid in the `done` cycle) and `done`; the handshake is
/// ``NetlistIR/StreamingPorts``' default.
public enum FoldedNetLowering {
  /// The foldings of the net's layers for one (PE, SIMD) choice used for every layer.
  public static func foldings(
    _ net: BinarizedNet, pe: Int, simd: Int
  ) throws(FoldingError) -> FoldedCycleModel {
    guard pe >= 1 && simd >= 1 else {
      throw .badFolding("--pe and --simd must be at least 1 (got \(pe), \(simd))")
    }
    guard net.features.isEmpty else {
      throw .unsupported("the convolutional front is not folded yet; use --arch unrolled")
    }
    guard net.input == .bits else {
      throw .unsupported("layer 0 reads integer inputs (not folded yet); use --arch unrolled")
    }
    guard net.fixedAffine == nil else {
      throw .unsupported("the output affine is not folded yet; use --arch unrolled")
    }
    for (l, layer) in net.layers.enumerated() {
      if case .integer = layer.mode {
        throw .unsupported("layer \(l) has \(layer.mode.name) weights (not folded yet)")
      }
      if (layer.activations == nil) != (l == net.layers.count - 1) {
        throw .unsupported("layer \(l): only the last layer may (and must) output scores")
      }
    }
    return FoldedCycleModel(
      layers: net.layers.map {
        LayerFolding(inputs: $0.inputs, outputs: $0.outputs, pe: pe, simd: simd)
      })
  }

  /// The folded netlist of `net` with the foldings of `model`.
  public static func lower(
    _ net: BinarizedNet, _ model: FoldedCycleModel, name: String = "bnn_folded"
  ) -> Netlist {
    var n = Netlist(name: name)
    var start = n.input("start", width: 1)
    var source = n.input("x", width: net.sampleBits)
    let width = net.scoreWidth
    for (layer, folding) in zip(net.layers, model.layers) {
      let stage = FoldedLayerLowering.layer(
        layer, folding, scoreWidth: width, start: start, source: source, in: &n)
      start = stage.done
      source =
        layer.activations == nil
        ? stage.result : n.slice(stage.result, low: 0, count: layer.outputs)
    }
    let scores = (0..<net.classes).map { n.slice(source, low: $0 * width, count: width) }
    let flip = n.constant(1 << (width - 1), width: width)
    let (predicted, _) = ArgmaxTree.build(
      scores: scores.map { n.bitwise(.xor, $0, flip) }, in: &n)
    for (c, score) in scores.enumerated() { n.output("score_\(c)", score) }
    n.output("predicted", predicted)
    n.output("done", start)
    return n
  }
}
