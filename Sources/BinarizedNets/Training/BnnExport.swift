/// A training checkpoint: the trainable state and the integer net it folds to (or why it
/// does not).
public struct BnnCheckpoint: Sendable {
  /// The float state (parameters, statistics, Adam moments).
  public let state: BnnTrainingState
  /// The integer, deployable net of the state.
  public let net: Result<BinarizedNet, BinarizedNetError>

  /// The checkpoint of `state`.
  public init(state: BnnTrainingState) {
    self.state = state
    net = Result { () throws(BinarizedNetError) in try state.exportNet() }
  }
}

extension BnnTrainingState {
  /// The quantized weights of every layer.
  func quantizedLayers() -> [QuantizedWeights] {
    config.layers.indices.map { l in
      WeightQuantizer.quantize(
        denseLatent(layer: l), count: config.fanIn(l) * config.layers[l].outputs,
        mode: config.layers[l].weights.denseMode, pruned: layers[l].pruned)
    }
  }

  /// Layer `l`'s eval-mode batch norm on the integer dot `d` (the layer computes
  /// `z = scale·d`): the running statistics divided by the weight factor, `μ/scale`,
  /// `σ²/scale²`, `ε/scale²` (exact for int<K>, whose factor is a power of two), and γ, β.
  /// Both the export and ``evaluationScores(_:)`` use exactly these float32 values.
  func dotBatchNorm(layer l: Int, scale: Float) -> [BatchNormParameters] {
    Self.dotBatchNorm(layers[l], scale: scale)
  }

  /// ``dotBatchNorm(layer:scale:)`` of any layer's state (a convolution's too).
  static func dotBatchNorm(_ state: BnnLayerState, scale: Float) -> [BatchNormParameters] {
    let square = scale * scale
    return state.gamma.indices.map { o in
      BatchNormParameters(
        gamma: state.gamma[o], beta: state.beta[o], mean: state.runningMean[o] / scale,
        variance: state.runningVariance[o] / square,
        epsilon: BnnTrainingConfig.epsilon / square)
    }
  }

  /// The integer net: quantized weights, every hidden neuron's `sign(BN(scale·d))` folded
  /// exactly into a threshold (``ThresholdFolding``), and with an output batch norm the
  /// per-class ``OutputAffine`` `γ/√(σ² + ε)`, `β − scale_c·μ` (float32).
  public func exportNet() throws(BinarizedNetError) -> BinarizedNet {
    let quantized = quantizedLayers()
    var dense: [DenseLayer] = []
    for l in config.layers.indices {
      let (inputs, outputs) = (config.fanIn(l), config.layers[l].outputs)
      let q = quantized[l]
      var activations: [NeuronActivation]?
      if l + 1 < config.layers.count {
        let magnitude = inputMagnitude(layer: l)
        let norms = dotBatchNorm(layer: l, scale: q.scale)
        var folded: [NeuronActivation] = []
        for o in 0..<outputs {
          let bound = q.integers[(o * inputs)..<((o + 1) * inputs)].reduce(0) {
            $0 + abs(Int($1))
          }
          folded.append(try ThresholdFolding.fold(norms[o], dotBound: bound * magnitude))
        }
        activations = folded
      }
      dense.append(
        DenseLayer(
          mode: deployedMode(layer: l), inputs: inputs, outputs: outputs,
          weights: q.integers, activations: activations))
    }
    return try BinarizedNet(
      input: config.input, inputs: config.inputs, image: config.image,
      features: try exportFeatures(), layers: dense,
      outputAffine: try outputAffine(quantized[quantized.count - 1]))
  }

  /// With an output batch norm, its per-class affine on the integer dots (`quantized`: the
  /// last layer's weights): scale `γ/√(σ² + ε)` and offset `β − scale·μ` (float32) of
  /// ``dotBatchNorm(layer:scale:)``'s parameters; `nil` without one.
  func outputAffine(_ quantized: QuantizedWeights) throws(BinarizedNetError) -> OutputAffine? {
    guard config.outputBatchNorm else { return nil }
    let norms = dotBatchNorm(layer: config.layers.count - 1, scale: quantized.scale)
    let scale = norms.map { $0.gamma / ($0.variance + $0.epsilon).squareRoot() }
    let offset = zip(norms, scale).map { $0.beta - $1 * $0.mean }
    return try OutputAffine(scale: scale, offset: offset)
  }

  /// The eval-mode float model on one sample (values as the integer net receives them):
  /// quantized weights, integer dots, hidden outputs `BN(d) ≥ 0` with ``dotBatchNorm``'s
  /// parameters computed in `Double`, and the output dots (or their batch norm) as
  /// `Double` scores. The reference the folded net is checked against.
  package func evaluationScores(_ sample: [Int]) -> [Double] {
    precondition(sample.count == config.inputs, "one value per input")
    let quantized = quantizedLayers()
    var values = evaluationFeatures(
      config.input == .bits ? sample.map { $0 != 0 ? 1 : -1 } : sample)
    for l in config.layers.indices {
      let (inputs, outputs) = (config.fanIn(l), config.layers[l].outputs)
      let q = quantized[l]
      let dots = (0..<outputs).map { o in
        (0..<inputs).reduce(0) { $0 + Int(q.integers[o * inputs + $1]) * values[$1] }
      }
      guard config.hasBatchNorm(l) else { return dots.map { Double($0) } }
      let norms = dotBatchNorm(layer: l, scale: q.scale)
      let y = zip(norms, dots).map { p, d in
        Double(p.gamma) * (Double(d) - Double(p.mean))
          / (Double(p.variance) + Double(p.epsilon)).squareRoot() + Double(p.beta)
      }
      if l + 1 == config.layers.count { return y }
      values = y.map { $0 >= 0 ? 1 : -1 }
    }
    preconditionFailure("the last layer returns")
  }
}
