/// What a stage keeps from its forward pass for its backward pass.
struct StageTape: Sendable {
  /// The stage's input, `samples × inputs`.
  var input: [Float]
  /// The weight values the forward pass multiplied with.
  var weights: [Float]
  /// The stage's output before any `sign`, `samples × outputs`.
  var output: [Float]
  /// The batch statistics, when the stage has a batch norm.
  var batchNorm: BatchNormTraining?
}

/// One trainable stage of a binarized net: a forward pass from the previous stage's ±1 (or
/// integer) outputs to pre-activations, and its backward pass to the input gradient and the
/// gradient of its parameters (laid out like ``BnnLayerState/m``). The engine puts `sign`
/// (and its estimator) between stages and the loss after the last.
///
/// ``DenseStage`` is a dense layer; ``ConvStage`` and ``MaxPoolStage`` (no parameters) form
/// the convolutional front before the dense stages.
protocol TrainingStage: Sendable {
  /// Values per sample in.
  var inputs: Int { get }
  /// Values per sample out.
  var outputs: Int { get }
  /// Whether the engine puts `sign` after the stage when another stage follows (not after
  /// a max-pool, whose outputs are ±1 already).
  var signOutput: Bool { get }

  /// The forward pass on `samples` rows of `x`; updates `layer`'s running statistics.
  func forward(
    _ x: [Float], samples: Int, layer: inout BnnLayerState, threads: Int
  ) async -> StageTape

  /// From `dy`, the gradient of ``StageTape/output``: the gradient of the input (empty when
  /// `needsInput` is false) and of the stage's parameters.
  func backward(
    _ dy: [Float], tape: StageTape, samples: Int, layer: BnnLayerState, needsInput: Bool,
    threads: Int
  ) async -> (input: [Float], parameters: [Float])
}

extension TrainingStage {
  var signOutput: Bool { true }
}

/// A dense layer in training: quantized weights (``WeightQuantizer``), the product
/// (``DenseProducts``), then batch norm on batch statistics, or for an output layer without
/// one the fixed score temperature.
struct DenseStage: TrainingStage {
  let inputs: Int
  let outputs: Int
  /// The weight mode.
  let weights: TrainingWeights
  /// Whether a batch norm follows the product.
  let batchNorm: Bool
  /// The factor of the output when there is no batch norm.
  let scoreScale: Float

  func forward(
    _ x: [Float], samples: Int, layer: inout BnnLayerState, threads: Int
  ) async -> StageTape {
    let w = WeightQuantizer.quantize(
      layer.latent, count: inputs * outputs, mode: weights, pruned: layer.pruned
    ).values
    var y = DenseProducts.forward(
      x, w, samples: samples, inputs: inputs, outputs: outputs, threads: threads)
    var norm: BatchNormTraining?
    if batchNorm {
      norm = BatchNormTraining.forward(&y, samples: samples, outputs: outputs, layer: &layer)
    } else {
      for k in y.indices { y[k] *= scoreScale }
    }
    return StageTape(input: x, weights: w, output: y, batchNorm: norm)
  }

  func backward(
    _ dy: [Float], tape: StageTape, samples: Int, layer: BnnLayerState, needsInput: Bool,
    threads: Int
  ) async -> (input: [Float], parameters: [Float]) {
    var dz = dy
    var norm: (gamma: [Float], beta: [Float]) = ([], [])
    if let batchNorm = tape.batchNorm {
      norm = batchNorm.backward(&dz, samples: samples, outputs: outputs, gamma: layer.gamma)
    } else {
      for k in dz.indices { dz[k] *= scoreScale }
    }
    let g = DenseProducts.weightGradient(
      dz, tape.input, samples: samples, inputs: inputs, outputs: outputs, threads: threads)
    let dx =
      needsInput
      ? DenseProducts.inputGradient(
        dz, tape.weights, samples: samples, inputs: inputs, outputs: outputs, threads: threads)
      : []
    let latent = WeightQuantizer.latentGradient(
      g, latent: layer.latent, count: inputs * outputs, mode: weights)
    return (dx, latent + norm.gamma + norm.beta)
  }
}
