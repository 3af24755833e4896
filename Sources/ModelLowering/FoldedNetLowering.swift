import BinarizedNets
import NetlistIR

/// Why a net cannot be folded: one line naming the layer.
public enum FoldingError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The net or one of its layers has a form the folded architecture does not build yet.
  case unsupported(String)
  /// A PE or SIMD count is not positive, does not fit its layer, or the lists do not match
  /// the layers.
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
/// Cycles are numbered from 0, the first cycle after reset. A layer that accepts a sample in
/// cycle `t` holds its results from cycle `t + NF·SF + 1` (for the last layer, the `done`
/// cycle) and may accept the next sample in that cycle. Between two layers the upstream
/// output register and the downstream input buffer form a double buffer: a layer accepts
/// when it is idle, its input is ready, and its previous results have been taken (or are
/// taken in that cycle). Through an empty pipeline a sample takes `1 + Σ (NF·SF + 1)` cycles
/// (start cycle through done cycle); fed back to back, the network accepts a sample every
/// `max (NF·SF + 1)` cycles.
public struct FoldedCycleModel: Hashable, Sendable {
  /// The folding of each dense layer.
  public let layers: [LayerFolding]

  /// Cycles from a layer's accept to its results, per layer: the layer's initiation interval.
  public var layerCycles: [Int] { layers.map { $0.computeCycles + 1 } }
  /// Cycles per sample through an empty pipeline: the start cycle through the done cycle.
  public var cyclesPerSample: Int { 1 + layerCycles.reduce(0, +) }
  /// The network's initiation interval when fed back to back: the slowest layer's.
  public var initiationInterval: Int { layerCycles.max() ?? 1 }
  /// Weight ROM bits over all layers.
  public var weightBits: Int { layers.reduce(0) { $0 + $1.weightBits } }

  /// The cycles in which the network accepts (`start` and `ready` high) and finishes (`done`
  /// high) each of `count` samples offered back to back from cycle 0.
  public func schedule(samples count: Int) -> FoldedSchedule {
    let cycles = layerCycles
    var accepted = [Int](repeating: 0, count: cycles.count)  // of the previous sample
    var schedule = FoldedSchedule(accepted: [], done: [])
    for s in 0..<count {
      var available = 0
      for l in cycles.indices {
        var cycle = max(available, s == 0 ? 0 : accepted[l] + cycles[l])
        if s > 0 && l + 1 < cycles.count { cycle = max(cycle, accepted[l + 1]) }
        accepted[l] = cycle
        available = cycle + cycles[l]
      }
      schedule.accepted.append(accepted[0])
      schedule.done.append(available)
    }
    return schedule
  }
}

/// When each sample of a stream enters and leaves a streaming design, in cycles from 0 (the
/// first cycle after reset).
public struct FoldedSchedule: Hashable, Sendable {
  /// The cycle each sample is accepted (`start` and `ready` high).
  public var accepted: [Int]
  /// The cycle each sample's results are out (`done` high).
  public var done: [Int]

  /// A schedule from the cycles of the accepts and of the done pulses.
  public init(accepted: [Int], done: [Int]) {
    self.accepted = accepted
    self.done = done
  }

  /// Each sample's latency: its accept cycle through its done cycle, both counted.
  public var latencies: [Int] { zip(accepted, done).map { $1 - $0 + 1 } }
  /// Cycles between consecutive accepts.
  public var intervals: [Int] { zip(accepted.dropFirst(), accepted).map { $0 - $1 } }
}

/// Lowers a ``BinarizedNets/BinarizedNet`` with dense binary or ternary layers on bit inputs to
/// a folded, streaming netlist: ``FoldedLayerLowering`` per layer, chained by a ready/full
/// handshake so that layer `l` works on sample `n + 1` while layer `l + 1` works on sample
/// `n` (see ``FoldedCycleModel``).
///
/// Ports: input `start` and `x` (as ``BinarizedNetLowering``), outputs `score_0` …,
/// `predicted` (the same meaning, valid in the `done` cycle), `done` and `ready` (the design
/// accepts `start` in a cycle where `ready` is high); the handshake is
/// ``NetlistIR/StreamingPorts``' default.
public enum FoldedNetLowering {
  /// The foldings of the net's layers for one (PE, SIMD) choice used for every layer.
  public static func foldings(
    _ net: BinarizedNet, pe: Int, simd: Int
  ) throws(FoldingError) -> FoldedCycleModel {
    try foldings(net, pe: [pe], simd: [simd])
  }

  /// The foldings of the net's layers: `pe` and `simd` each hold one value for every layer
  /// (reduced to a layer's size where it exceeds it) or one value per dense layer (then a
  /// PE above the layer's neurons or a SIMD above its inputs is an error naming the layer).
  /// A value that does not divide the layer's size is padded.
  public static func foldings(
    _ net: BinarizedNet, pe: [Int], simd: [Int]
  ) throws(FoldingError) -> FoldedCycleModel {
    let count = net.layers.count
    for (flag, values) in [("--pe", pe), ("--simd", simd)] where ![1, count].contains(values.count)
    {
      throw .badFolding(
        "\(flag) has \(values.count) values for \(count) dense layers (give one, or one per layer)")
    }
    if pe.count == 1 && simd.count == 1, pe[0] < 1 || simd[0] < 1 {
      throw .badFolding("--pe and --simd must be at least 1 (got \(pe[0]), \(simd[0]))")
    }
    try supported(net)
    var layers: [LayerFolding] = []
    for (l, layer) in net.layers.enumerated() {
      let p = pe.count == 1 ? pe[0] : pe[l]
      let s = simd.count == 1 ? simd[0] : simd[l]
      guard p >= 1 && s >= 1 else {
        throw .badFolding("layer \(l): PE and SIMD must be at least 1 (got \(p), \(s))")
      }
      if pe.count > 1 && p > layer.outputs {
        throw .badFolding("layer \(l): PE \(p) exceeds its \(layer.outputs) neurons")
      }
      if simd.count > 1 && s > layer.inputs {
        throw .badFolding("layer \(l): SIMD \(s) exceeds its \(layer.inputs) inputs")
      }
      layers.append(LayerFolding(inputs: layer.inputs, outputs: layer.outputs, pe: p, simd: s))
    }
    return FoldedCycleModel(layers: layers)
  }

  /// Throws for a net the folded architecture does not build.
  private static func supported(_ net: BinarizedNet) throws(FoldingError) {
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
  }

  /// The folded netlist of `net` with the foldings of `model`.
  public static func lower(
    _ net: BinarizedNet, _ model: FoldedCycleModel, name: String = "bnn_folded"
  ) -> Netlist {
    var n = Netlist(name: name)
    let start = n.input("start", width: 1)
    var source = n.input("x", width: net.sampleBits)
    let width = net.scoreWidth
    let count = net.layers.count
    let one = BitVector(zeroWidth: 1)
    let busy = (0..<count).map { _ in n.register(reset: one, name: "busy") }
    // `full[l]`: layer l's results wait in its output register for layer l + 1.
    let full = (0..<count - 1).map { _ in n.register(reset: one, name: "full") }
    // From the back: a layer is ready when idle and its results are gone or taken now.
    var ready = [n.not(busy[count - 1])]
    for l in stride(from: count - 2, through: 0, by: -1) {
      let taken = n.bitwise(.and, full[l], ready[0])
      ready.insert(
        n.bitwise(.and, n.not(busy[l]), n.bitwise(.or, n.not(full[l]), taken)), at: 0)
    }
    var finishing = start  // the previous layer's last compute cycle (unused for layer 0)
    for (l, (layer, folding)) in zip(net.layers, model.layers).enumerated() {
      let accept = n.bitwise(.and, l == 0 ? start : full[l - 1], ready[l])
      if l > 0 {
        n.connectRegister(
          full[l - 1], to: n.bitwise(.or, finishing, n.bitwise(.and, full[l - 1], n.not(accept))))
      }
      let stage = FoldedLayerLowering.layer(
        layer, folding, scoreWidth: width, accept: accept, busy: busy[l], source: source, in: &n)
      finishing = stage.last
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
    n.output("done", n.register(finishing, name: "done"))
    n.output("ready", ready[0])
    return n
  }
}
