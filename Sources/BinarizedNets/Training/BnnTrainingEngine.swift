import TrainingCore

/// One Adam step of a binarized net on a mini-batch — forward with quantized weights, batch
/// norm on batch statistics and `sign` activations, softmax cross-entropy, backward through
/// the sign estimator and the weight STE — plugged into ``TrainingCore/TrainingLoop``.
///
/// Every product adds its terms in a fixed order on any thread count and CPU path
/// (``DenseProducts``), batch-norm and loss sums run in sample order on one thread, so a step
/// is bit-identical for any thread count.
struct BnnTrainingEngine: TrainingFamily {
  /// The parameters, statistics and Adam moments.
  var state: BnnTrainingState
  private var adam: AdamOptimizer

  init(state: BnnTrainingState) {
    self.state = state
    adam = AdamOptimizer(
      AdamHyperparameters(learningRate: state.config.learningRate), step: state.step)
  }

  var model: BnnCheckpoint { BnnCheckpoint(state: state) }

  /// The stages: the feature layers, then one per dense layer.
  private var stages: [any TrainingStage] {
    let config = state.config
    let front: [any TrainingStage] = zip(config.features, config.featureShapes).map {
      layer, shape in
      switch layer.geometry(inputChannels: shape.channels) {
      case .convolution(let conv):
        return ConvStage(image: shape, layer: conv, weights: layer.weights ?? .binary)
      case .maxPool(let pool): return MaxPoolStage(image: shape, pool: pool)
      }
    }
    return front
      + config.layers.indices.map { l -> any TrainingStage in
        let dense = DenseStage(
          inputs: config.fanIn(l), outputs: config.layers[l].outputs,
          weights: config.layers[l].weights.denseMode, batchNorm: config.hasBatchNorm(l),
          scoreScale: state.scoreScale)
        guard case .complex(let complexInput) = config.layers[l].weights else { return dense }
        return ComplexStage(dense: dense, complexInput: complexInput)
      }
  }

  /// Runs `body` on the state of stage `l` (feature layers first, then dense layers).
  private mutating func withLayer<T>(_ l: Int, _ body: (inout BnnLayerState) async -> T) async -> T
  {
    let front = state.features.count
    if l < front { return await body(&state.features[l]) }
    return await body(&state.layers[l - front])
  }

  mutating func step(batch: [Int], of data: BnnDataset) async -> StepOutcome {
    let config = state.config
    let threads = config.threads
    let samples = batch.count
    let stages = stages
    adam.beginStep()
    state.step += 1
    var x = inputRows(batch, data)
    var tapes: [StageTape] = []
    for (l, stage) in stages.enumerated() {
      let tape = await withLayer(l) { layer in
        await stage.forward(x, samples: samples, layer: &layer, threads: threads)
      }
      tapes.append(tape)
      if l + 1 < stages.count {
        x = stage.signOutput ? binarize(tape.output, layer: l) : tape.output
      }
    }
    // Loss and the gradient of the scores.
    let classes = config.classes
    var gradient = tapes[tapes.count - 1].output
    var loss = 0.0
    for s in 0..<samples {
      var row = gradient[(s * classes)..<((s + 1) * classes)]
      loss += SoftmaxCrossEntropy.apply(
        &row, label: data.labels[batch[s]], scale: 1 / Float(samples))
      gradient.replaceSubrange((s * classes)..<((s + 1) * classes), with: row)
    }
    for (l, stage) in stages.enumerated().reversed() {
      if l + 1 < stages.count && stage.signOutput {
        for k in gradient.indices {
          gradient[k] *= config.estimator.derivative(at: tapes[l].output[k])
        }
      }
      let tape = tapes[l]
      let input = gradient
      let result = await withLayer(l) { layer in
        await stage.backward(
          input, tape: tape, samples: samples, layer: layer, needsInput: l > 0, threads: threads)
      }
      tapes[l] = StageTape(input: [], weights: [], output: [], batchNorm: nil)
      if let mode = weightMode(stage: l) {
        let scalars = adam.stepScalars
        let optimizer = adam
        await withLayer(l) { layer in
          layer.adamStep(
            gradient: result.parameters, mode: mode, adam: optimizer, scalars: scalars,
            threads: threads)
        }
      }
      gradient = result.input
    }
    return StepOutcome(loss: loss / Double(samples), parametersFinite: state.isFinite)
  }

  /// The batch's inputs as floats: bits as ±1, integers as themselves.
  private func inputRows(_ batch: [Int], _ data: BnnDataset) -> [Float] {
    let n = data.inputs
    var x = [Float](repeating: 0, count: batch.count * n)
    let bits = state.config.input == .bits
    for (s, sample) in batch.enumerated() {
      for i in 0..<n {
        let v = data.values[sample * n + i]
        x[s * n + i] = bits ? (v != 0 ? 1 : -1) : Float(v)
      }
    }
    return x
  }

  /// Hidden outputs: `y ≥ 0 ? +1 : −1`, or stochastic (+1 with probability
  /// clip((y + 1)/2, 0, 1), word `l << 40 + k` of this step's stream).
  private func binarize(_ y: [Float], layer l: Int) -> [Float] {
    switch state.config.binarization {
    case .det:
      return y.map { $0 >= 0 ? 1 : -1 }
    case .stoch:
      let rng = BnnRandomStreams.stochasticActivation.generator(
        seed: state.config.seed, index: state.step)
      return y.indices.map { k in
        let p = Double(min(max((y[k] + 1) / 2, 0), 1))
        return rng.unitDouble(at: UInt64(l) << 40 + UInt64(k)) < p ? 1 : -1
      }
    }
  }

  /// The weight mode of stage `l` (`nil` for a max-pool).
  private func weightMode(stage l: Int) -> TrainingWeights? {
    let front = state.config.features.count
    return l < front ? state.config.features[l].weights : state.config.layers[l - front].weights
  }
}

extension BnnTrainingState {
  /// Whether every parameter and statistic is finite.
  var isFinite: Bool { layers.allSatisfy(\.isFinite) && features.allSatisfy(\.isFinite) }

  /// The factor of the output scores in training when the last layer has no batch norm:
  /// `1/(√fanIn · input magnitude)`, a softmax temperature that keeps the integer dot
  /// products in range for the loss (positive, so it never changes the argmax).
  var scoreScale: Float {
    let l = config.layers.count - 1
    return 1 / (Float(config.fanIn(l)).squareRoot() * Float(inputMagnitude(layer: l)))
  }

  /// The largest |input| of layer `l` (the integer range for layer 0 of an integer net).
  func inputMagnitude(layer l: Int) -> Int {
    guard l == 0, config.integerFirstDenseLayer, case .integers(let bits, let signed) = config.input
    else { return 1 }
    return signed ? 1 << (bits - 1) : max((1 << bits) - 1, 1)
  }
}
