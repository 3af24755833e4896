import TrainingCore

/// One trainable layer: fixed connections and 16 logits per neuron.
public struct LogicLayerParameters: Sendable, Hashable {
  /// The number of values the layer reads.
  public let inputs: Int
  /// The two inputs of every neuron.
  public let connections: LayerConnections
  /// The logits, neuron-major: neuron `j`'s gate `g` is at `16·j + g`.
  public var logits: [Float]

  /// A layer from its parts; `logits.count` must be `16 · connections.a.count`.
  public init(inputs: Int, connections: LayerConnections, logits: [Float]) {
    precondition(logits.count == 16 * connections.a.count, "16 logits per neuron")
    self.inputs = inputs
    self.connections = connections
    self.logits = logits
  }

  /// The number of neurons.
  public var outputs: Int { connections.a.count }

  /// The gate each neuron uses in eval mode: the largest logit, ties to the lowest id
  /// (torch's `argmax`).
  public var hardGates: [GateFunction] {
    (0..<outputs).map { j in
      var best = 0
      for g in 1..<16 where logits[16 * j + g] > logits[16 * j + best] { best = g }
      return GateFunction(table: UInt8(best))
    }
  }
}

/// A trainable difflogic network: its configuration and every layer's parameters.
public struct LogicNetModel: Sendable, Hashable {
  /// The configuration the model was built from.
  public let config: LogicNetConfig
  /// The layers, first to last.
  public var layers: [LogicLayerParameters]

  /// A fresh model: connections and initial logits drawn from `config.seed`.
  public init(config: LogicNetConfig) throws(LogicNetsError) {
    try config.validate()
    self.config = config
    var layers: [LogicLayerParameters] = []
    for (l, width) in config.layerWidths.enumerated() {
      let inputs = config.inputCount(ofLayer: l)
      let wiring = try LayerConnections.draw(
        config.connections, inputs: inputs, outputs: width, seed: config.seed, layer: l)
      let logits: [Float]
      switch config.initialization {
      case .gaussian:
        let rng = RandomStreams.logits(seed: config.seed, layer: l)
        logits = (0..<16 * width).map { Float(rng.normal(at: UInt64($0))) }
      case .residual(let z):
        logits = (0..<16 * width).map { $0 % 16 == Int(GateFunction.passThroughA.table) ? z : 0 }
      }
      layers.append(LogicLayerParameters(inputs: inputs, connections: wiring, logits: logits))
    }
    self.layers = layers
  }

  /// A model from explicit layers (for loading); checks that they fit the configuration.
  public init(config: LogicNetConfig, layers: [LogicLayerParameters]) throws(LogicNetsError) {
    try config.validate()
    guard layers.count == config.layerWidths.count else {
      throw .invalidConfiguration(
        "\(layers.count) layers given, configuration has \(config.layerWidths.count)")
    }
    for (l, layer) in layers.enumerated() {
      guard layer.outputs == config.layerWidths[l], layer.inputs == config.inputCount(ofLayer: l)
      else {
        throw .invalidConfiguration("layer \(l) does not match the configured widths")
      }
      for j in 0..<layer.outputs {
        for (field, index) in [("a", layer.connections.a[j]), ("b", layer.connections.b[j])]
        where index < 0 || Int(index) >= layer.inputs {
          throw .indexOutOfRange(
            layer: l, neuron: j, field: field, value: Int(index), limit: layer.inputs)
        }
      }
    }
    self.config = config
    self.layers = layers
  }

  /// The discretised network: each neuron's argmax gate, same wiring and GroupSum.
  public func discretized() -> DiscreteLogicNet {
    DiscreteLogicNet(
      inputs: config.inputs,
      layers: layers.map {
        DiscreteLogicNet.Layer(gates: $0.hardGates, a: $0.connections.a, b: $0.connections.b)
      },
      classes: config.classes, tau: config.tau)
  }

  /// The project-wide parameter digest (``TrainingCore/WeightsDigest``, SHA-256) over, per
  /// layer `L`: `layer<L>.a`, `layer<L>.b` (Int32 connections) and `layer<L>.logits` (the
  /// Float bit patterns, neuron-major); equal digests mean bit-identical parameters.
  public var weightsDigest: WeightsDigest {
    var digest = WeightsDigest()
    for (l, layer) in layers.enumerated() {
      digest.append("layer\(l).a", layer.connections.a)
      digest.append("layer\(l).b", layer.connections.b)
      digest.append("layer\(l).logits", floats: layer.logits)
    }
    return digest
  }
}
