import TrainingCore

/// One Adam step of a binarized net on a mini-batch — forward with quantized weights, batch
/// norm on batch statistics and `sign` activations, softmax cross-entropy, backward through
/// the sign estimator and the weight STE — plugged into ``TrainingCore/TrainingLoop``.
///
/// Every product is computed row by row (``DenseProducts``), batch-norm and loss sums run in
/// sample order on one thread, so a step is bit-identical for any thread count.
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

  /// The stages, one per dense layer.
  private var stages: [any TrainingStage] {
    let config = state.config
    return config.layers.indices.map { l in
      DenseStage(
        inputs: config.fanIn(l), outputs: config.layers[l].outputs,
        weights: config.layers[l].weights, batchNorm: config.hasBatchNorm(l),
        scoreScale: state.scoreScale)
    }
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
      let tape = await stage.forward(x, samples: samples, layer: &state.layers[l], threads: threads)
      tapes.append(tape)
      if l + 1 < stages.count { x = binarize(tape.output, layer: l) }
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
      if l + 1 < stages.count {
        for k in gradient.indices {
          gradient[k] *= config.estimator.derivative(at: tapes[l].output[k])
        }
      }
      let result = await stage.backward(
        gradient, tape: tapes[l], samples: samples, layer: state.layers[l], needsInput: l > 0,
        threads: threads)
      update(layer: l, gradient: result.parameters)
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

  /// Adam on layer `l`'s latent weights, γ and β (`gradient` laid out like the moments),
  /// then the latent clip.
  private mutating func update(layer l: Int, gradient: [Float]) {
    let scalars = adam.stepScalars
    var layer = BnnLayerState(
      latent: [], gamma: [], beta: [], runningMean: [], runningVariance: [], m: [], v: [])
    swap(&layer, &state.layers[l])
    // One row of parameters, laid out like the moments.
    var w = layer.latent + layer.gamma + layer.beta
    for k in gradient.indices {
      adam.update(&w[k], m: &layer.m[k], v: &layer.v[k], gradient: gradient[k], scalars: scalars)
    }
    let (latentCount, n) = (layer.latent.count, layer.gamma.count)
    layer.latent = Array(w[..<latentCount])
    layer.gamma = Array(w[latentCount..<(latentCount + n)])
    layer.beta = Array(w[(latentCount + n)...])
    WeightQuantizer.clip(&layer.latent, mode: state.config.layers[l].weights)
    swap(&layer, &state.layers[l])
  }
}

extension BnnTrainingState {
  /// Whether every parameter and statistic is finite.
  var isFinite: Bool { layers.allSatisfy(\.isFinite) }

  /// The factor of the output scores in training when the last layer has no batch norm:
  /// `1/(√fanIn · input magnitude)`, a softmax temperature that keeps the integer dot
  /// products in range for the loss (positive, so it never changes the argmax).
  var scoreScale: Float {
    let l = config.layers.count - 1
    return 1 / (Float(config.fanIn(l)).squareRoot() * Float(inputMagnitude(layer: l)))
  }

  /// The largest |input| of layer `l` (the integer range for layer 0 of an integer net).
  func inputMagnitude(layer l: Int) -> Int {
    guard l == 0, case .integers(let bits, let signed) = config.input else { return 1 }
    return signed ? 1 << (bits - 1) : max((1 << bits) - 1, 1)
  }
}
