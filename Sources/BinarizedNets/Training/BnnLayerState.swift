import TrainingCore

/// The trainable state of one dense layer: float master (latent) weights, the batch norm's
/// γ, β and running statistics, and Adam's moments of every trained row.
public struct BnnLayerState: Hashable, Sendable {
  /// Latent weights, `[o·inputs + i]` (plinear: P, then N at offset `outputs·inputs`).
  public var latent: [Float]
  /// Batch-norm scale γ per neuron (empty without batch norm).
  public var gamma: [Float]
  /// Batch-norm shift β per neuron (empty without batch norm).
  public var beta: [Float]
  /// Running mean of the pre-activation (empty without batch norm).
  public var runningMean: [Float]
  /// Running (unbiased) variance of the pre-activation (empty without batch norm).
  public var runningVariance: [Float]
  /// Adam's first moments of `latent`, `gamma`, `beta`, concatenated.
  public var m: [Float]
  /// Adam's second moments, laid out like ``m``.
  public var v: [Float]
  /// The pruning mask (`true`: the weight is pruned, its quantized value is 0), laid out
  /// like the quantized weights; `nil` for a layer that was never pruned (see
  /// ``BnnTrainingState/pruned(sparsity:)``).
  public var pruned: [Bool]?

  /// A fresh layer: latent weights uniform in ±√(6/(inputs + outputs)) (clipped to ±1) from
  /// the `initial weights` stream, γ = 1, β = 0, running mean 0 and variance 1, moments 0.
  init(spec: DenseLayerSpec, inputs: Int, batchNorm: Bool, seed: UInt64, layer: Int) {
    let count = spec.outputs * inputs * spec.weights.latentMatrices
    let bound = min(1, (6 / Double(inputs + spec.outputs)).squareRoot())
    let rng = BnnRandomStreams.initialWeights.generator(seed: seed, index: layer)
    latent = (0..<count).map { k in Float((2 * rng.unitDouble(at: UInt64(k)) - 1) * bound) }
    let n = batchNorm ? spec.outputs : 0
    gamma = [Float](repeating: 1, count: n)
    beta = [Float](repeating: 0, count: n)
    runningMean = [Float](repeating: 0, count: n)
    runningVariance = [Float](repeating: 1, count: n)
    m = [Float](repeating: 0, count: count + 2 * n)
    v = m
  }

  /// A layer from saved tensors (the caller checks the sizes).
  init(
    latent: [Float], gamma: [Float], beta: [Float], runningMean: [Float],
    runningVariance: [Float], m: [Float], v: [Float]
  ) {
    self.latent = latent
    self.gamma = gamma
    self.beta = beta
    self.runningMean = runningMean
    self.runningVariance = runningVariance
    self.m = m
    self.v = v
  }

  /// Whether every parameter is finite.
  var isFinite: Bool {
    [latent, gamma, beta, runningMean, runningVariance].allSatisfy { values in
      values.withUnsafeBufferPointer { v in
        // A count without an early exit: a loop the compiler can vectorize.
        var infinite = 0
        for x in v { infinite += x.isFinite ? 0 : 1 }
        return infinite == 0
      }
    }
  }
}

/// The whole trainable state of a net: its configuration, every layer's state and Adam's
/// step count. A value: the best checkpoint keeps one.
public struct BnnTrainingState: Hashable, Sendable {
  /// What was trained and how.
  public var config: BnnTrainingConfig
  /// One state per dense layer.
  public var layers: [BnnLayerState]
  /// One state per feature layer (a max-pool's is empty).
  public var features: [BnnLayerState]
  /// Adam steps taken.
  public var step: Int

  /// A fresh, seeded state of a (valid) configuration.
  public init(config: BnnTrainingConfig) {
    self.config = config
    layers = config.layers.indices.map { l in
      BnnLayerState(
        spec: config.layers[l], inputs: config.fanIn(l), batchNorm: config.hasBatchNorm(l),
        seed: config.seed, layer: l)
    }
    features = zip(config.features, config.featureShapes).enumerated().map { l, item in
      let (layer, shape) = item
      guard case .convolution(let weights, let channels, let kernel, _, _) = layer else {
        return BnnLayerState(
          latent: [], gamma: [], beta: [], runningMean: [], runningVariance: [], m: [], v: [])
      }
      return BnnLayerState(
        spec: DenseLayerSpec(weights: weights, outputs: channels),
        inputs: shape.channels * kernel * kernel, batchNorm: true, seed: config.seed,
        layer: BinarizedNet.maxLayers + l)
    }
    step = 0
  }

  /// A state from its parts (see ``init(fileText:)``).
  init(
    config: BnnTrainingConfig, layers: [BnnLayerState], features: [BnnLayerState] = [],
    step: Int
  ) {
    self.config = config
    self.layers = layers
    self.features = features
    self.step = step
  }

  /// The digest printed as `weights digest:` — SHA-256 (``TrainingCore/WeightsDigest``) of,
  /// per layer `l` in order, the float32 tensors `layers[l].latent`, `.gamma`, `.beta`,
  /// `.running_mean`, `.running_var` (Adam's moments are not part of the model), after the
  /// same tensors of each convolution `features[l]` (none for an MLP).
  public var weightsDigest: WeightsDigest {
    var digest = WeightsDigest()
    for (l, layer) in features.enumerated() where !layer.latent.isEmpty {
      digest.append("features[\(l)].latent", floats: layer.latent)
      digest.append("features[\(l)].gamma", floats: layer.gamma)
      digest.append("features[\(l)].beta", floats: layer.beta)
      digest.append("features[\(l)].running_mean", floats: layer.runningMean)
      digest.append("features[\(l)].running_var", floats: layer.runningVariance)
    }
    for (l, layer) in layers.enumerated() {
      digest.append("layers[\(l)].latent", floats: layer.latent)
      digest.append("layers[\(l)].gamma", floats: layer.gamma)
      digest.append("layers[\(l)].beta", floats: layer.beta)
      digest.append("layers[\(l)].running_mean", floats: layer.runningMean)
      digest.append("layers[\(l)].running_var", floats: layer.runningVariance)
      if let mask = layer.pruned {
        digest.append("layers[\(l)].pruned", floats: mask.map { $0 ? 1 : 0 })
      }
    }
    return digest
  }
}
