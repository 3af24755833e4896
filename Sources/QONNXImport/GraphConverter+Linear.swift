import BinarizedNets

/// The dense layers: `MatMul` and `Gemm` of a layer's input with quantized weights.
extension GraphConverter {
  /// `Gemm(A, B, C)`: `alpha·A·B' + beta·C`, with `B' = Bᵀ` when `transB`.
  mutating func gemm(_ c: NodeContext) throws(QONNXError) -> Symbol {
    try c.onlyAttributes(["alpha", "beta", "transA", "transB"])
    guard c.int("transA", default: 0) == 0 else { throw c.error("transA is not supported") }
    let alpha = c.float("alpha", default: 1)
    let beta = c.float("beta", default: 1)
    guard alpha.isFinite, beta.isFinite else { throw c.error("alpha and beta must be finite") }
    let hasBias = c.node.input.count > 2 && !c.node.input[2].isEmpty
    return try matMul(
      c, transposeB: c.int("transB", default: 0) != 0, alpha: Dyadic(alpha),
      bias: hasBias ? (2, Dyadic(beta)) : nil)
  }

  /// `A·B` (after `Gemm`'s options): a new dense layer whose neurons' values are
  /// `alpha·(input scale)·(weight scale of the neuron)·dot + factor·bias`.
  mutating func matMul(
    _ c: NodeContext, transposeB: Bool, alpha: Dyadic, bias: (index: Int, factor: Dyadic)?
  ) throws(QONNXError) -> Symbol {
    if c.node.opType == "MatMul" { try c.onlyAttributes([]) }
    let (count, inputScale, layer, image) = try layerInput(c)
    guard image == nil else { throw c.error("flatten the image before a dense layer") }
    let b = try operand(c, 1)
    guard case .weights(let stored) = b else {
      throw c.error("the weights must be quantized by Quant/BipolarQuant, not \(b.kind)")
    }
    guard stored.dims.count == 2 else { throw c.error("the weights must be 2-D") }
    let w = transposeB ? stored.transposed : stored
    let (inputs, outputs) = (w.dims[0], w.dims[1])
    guard inputs == count, outputs >= 1 else {
      throw c.error("the weights are \(inputs)×\(outputs) for \(count) inputs")
    }
    if case .integer = w.mode, !(layer == 0 && input != .bipolar) {
      throw c.error("\(w.mode.name) weights need integer inputs (first layer only)")
    }
    var weights = [Int16](repeating: 0, count: inputs * outputs)
    var neurons: [NeuronAffine] = []
    var bounds: [Int] = []
    let magnitude = inputMagnitude(layer: layer)
    for o in 0..<outputs {
      let scale = w.scales[o]
      for i in 0..<inputs {
        guard w.scales[i * outputs + o] == scale else {
          throw c.error("the weight scale varies along the input axis (neuron \(o))")
        }
        weights[o * inputs + i] = Int16(w.codes[i * outputs + o])
      }
      neurons.append(NeuronAffine(scale: alpha * inputScale * Dyadic(scale)))
      bounds.append(weights[(o * inputs)..<((o + 1) * inputs)].reduce(0) { $0 + abs(Int($1)) })
    }
    if let bias {
      let values = try vectorOperand(c, bias.index, "the bias", count: outputs)
      for o in 0..<outputs { neurons[o].add(bias.factor * Dyadic(values[o])) }
    }
    layers.append(
      Layer(
        kind: .dense, mode: w.mode, inputs: inputs, outputs: outputs, weights: weights,
        bounds: bounds.map { $0 * magnitude }, image: nil, activations: nil))
    return .preActivation(layer: layer, neurons: neurons)
  }

  /// Input 0 as the input of the next layer: its count, scale, index and image.
  func layerInput(
    _ c: NodeContext
  ) throws(QONNXError) -> (count: Int, scale: Dyadic, layer: Int, image: ImageShape?) {
    let a = try operand(c, 0)
    guard case .activations(let count, let scale, let layer, let image) = a else {
      if case .input = a { throw c.error("the graph input is not quantized (Quant/BipolarQuant)") }
      throw c.error("the first operand must be a layer's input, not \(a.kind)")
    }
    guard layer == layers.count else {
      throw c.error("a layer's input feeds two layers (only a chain of layers is supported)")
    }
    return (count, scale, layer, image)
  }

  /// The largest |input| of `layer`: the input format's range for layer 0 of an integer
  /// net (as ``BinarizedNets/BinarizedNet/inputMagnitude(layer:)``), 1 otherwise.
  func inputMagnitude(layer: Int) -> Int {
    guard layer == 0, case .quantized(let q) = input else { return 1 }
    return q.signed ? 1 << (q.bits - 1) : (1 << q.bits) - 1
  }
}
