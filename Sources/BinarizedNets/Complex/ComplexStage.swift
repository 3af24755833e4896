/// A complex layer in training: the plinear ``DenseStage`` of its real form
/// (``ComplexLayout``) run on copies of the compact latent weights, whose gradients are
/// summed back onto them (A and B are shared by two blocks each).
struct ComplexStage: TrainingStage {
  /// The real form (`inputs → outputs`, plinear weights).
  let dense: DenseStage
  /// Where each weight of the real form comes from.
  let layout: ComplexLayout

  /// The stage of a complex layer whose real form is `dense`.
  init(dense: DenseStage, complexInput: Bool) {
    self.dense = dense
    layout = ComplexLayout(
      outputs: dense.outputs, inputs: dense.inputs, complexInput: complexInput)
  }

  var inputs: Int { dense.inputs }
  var outputs: Int { dense.outputs }

  func forward(
    _ x: [Float], samples: Int, layer: inout BnnLayerState, threads: Int
  ) async -> StageTape {
    let compact = layer.latent
    layer.latent = layout.expand(compact)
    let tape = await dense.forward(x, samples: samples, layer: &layer, threads: threads)
    layer.latent = compact
    return tape
  }

  func backward(
    _ dy: [Float], tape: StageTape, samples: Int, layer: BnnLayerState, needsInput: Bool,
    threads: Int
  ) async -> (input: [Float], parameters: [Float]) {
    var real = layer
    real.latent = layout.expand(layer.latent)
    let (dx, parameters) = await dense.backward(
      dy, tape: tape, samples: samples, layer: real, needsInput: needsInput, threads: threads)
    let n = real.latent.count
    return (
      dx,
      layout.fold(parameters[..<n], compactCount: layer.latent.count) + parameters[n...]
    )
  }
}
