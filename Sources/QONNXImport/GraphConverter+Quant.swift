import BinarizedNets

/// The quantizers: `Quant` and `BipolarQuant` on the input, on weights and on a layer's
/// outputs; `Sign` and FINN's `MultiThreshold` as activations.
extension GraphConverter {
  /// `Quant(x, scale, zero point, bit width)`: the input quantizer, or quantized weights.
  mutating func quant(_ c: NodeContext) throws(QONNXError) -> Symbol {
    try c.onlyAttributes(["signed", "narrow", "rounding_mode"])
    let signed = c.int("signed", default: 1) != 0
    let narrow = c.int("narrow", default: 0) != 0
    let roundingName = c.string("rounding_mode", default: "ROUND")
    guard let rounding = Quantizer.Rounding(rawValue: roundingName) else {
      throw c.error("unsupported rounding_mode '\(roundingName)'")
    }
    let widths = try constantOperand(c, 3, "the bit width").floats ?? []
    guard widths.count == 1, let width = widths.first, width == width.rounded(),
      (1...16).contains(width)
    else { throw c.error("the bit width must be one integer in 1...16") }
    let bits = Int(width)
    let zeros = try constantOperand(c, 2, "the zero point").floats ?? [1]
    guard zeros.allSatisfy({ $0 == 0 }) else { throw c.error("the zero point must be 0") }
    let x = try operand(c, 0)
    switch x {
    case .input(let count, let image):
      let scale = try perTensorScale(c, 1)
      guard input == nil else { throw c.error("the input is quantized twice") }
      input = .quantized(
        Quantizer(bits: bits, signed: signed, narrow: narrow, rounding: rounding, scale: scale))
      return .activations(count: count, scale: Dyadic(scale), layer: 0, image: image)
    case .constant(let tensor):
      guard let values = tensor.floats, values.allSatisfy(\.isFinite) else {
        throw c.error("the weights must be finite floats")
      }
      guard signed, bits >= 2 else {
        throw c.error("weights must be signed and at least 2 bits (1-bit: BipolarQuant)")
      }
      let scales = try elementScales(c, 1, dims: tensor.dims)
      // Finite values (checked above): every one has a code.
      let codes = zip(values, scales).map { x, s in
        Quantizer(bits: bits, signed: true, narrow: narrow, rounding: rounding, scale: s)
          .code(Dyadic(x))
      }
      let mode: WeightMode = bits == 2 && narrow ? .ternary : .integer(bits: bits)
      return .weights(QuantizedWeights(dims: tensor.dims, codes: codes, scales: scales, mode: mode))
    default:
      throw c.error(
        "a multi-bit Quant is supported on the graph input and on weights, not on \(x.kind) "
          + "(hidden activations must be binary)")
    }
  }

  /// `BipolarQuant(x, scale)`: `scale·(x ≥ 0 ? +1 : −1)` on the input, on weights, or as a
  /// hidden layer's activation.
  mutating func bipolarQuant(_ c: NodeContext) throws(QONNXError) -> Symbol {
    try c.onlyAttributes([])
    let x = try operand(c, 0)
    switch x {
    case .input(let count, let image):
      let scale = try perTensorScale(c, 1)
      guard input == nil else { throw c.error("the input is quantized twice") }
      input = .bipolar
      return .activations(count: count, scale: Dyadic(scale), layer: 0, image: image)
    case .constant(let tensor):
      guard let values = tensor.floats, values.allSatisfy(\.isFinite) else {
        throw c.error("the weights must be finite floats")
      }
      let scales = try elementScales(c, 1, dims: tensor.dims)
      return .weights(
        QuantizedWeights(
          dims: tensor.dims, codes: values.map { $0 >= 0 ? 1 : -1 }, scales: scales,
          mode: .binary))
    case .preActivation(let layer, let neurons):
      let scale = try perTensorScale(c, 1)
      return try binarize(c, layer: layer, neurons: neurons, scale: Dyadic(scale))
    default:
      throw c.error("cannot binarize \(x.kind)")
    }
  }

  /// ONNX `Sign`: −1, 0 or +1 — accepted only when no reachable dot gives 0, so that it is
  /// `x ≥ 0` in bits.
  mutating func sign(_ c: NodeContext) throws(QONNXError) -> Symbol {
    try c.onlyAttributes([])
    let x = try operand(c, 0)
    guard case .preActivation(let layer, let neurons) = x else {
      throw c.error("cannot binarize \(x.kind)")
    }
    for (o, neuron) in neurons.enumerated() {
      let bound = layers[layer].bounds[o]
      let nonNegative = neuron.activation(bound: bound)
      let nonPositive = neuron.negated.activation(bound: bound)
      let zeros = Self.range(nonNegative, bound).clamped(to: Self.range(nonPositive, bound))
      if !zeros.isEmpty {
        throw c.error(
          "neuron \(o) is 0 at dot \(zeros.lowerBound), where Sign outputs 0 (not a bit)")
      }
    }
    return try binarize(c, layer: layer, neurons: neurons, scale: .one)
  }

  /// The dots in `−bound…bound` where `activation` fires, as a half-open range.
  static func range(_ activation: NeuronActivation, _ bound: Int) -> Range<Int> {
    switch activation {
    case .atLeast(let t): return min(max(t, -bound), bound + 1)..<(bound + 1)
    case .atMost(let t): return -bound..<max(min(t + 1, bound + 1), -bound)
    case .constant(let bit): return bit ? -bound..<(bound + 1) : -bound..<(-bound)
    }
  }

  /// FINN's `MultiThreshold` with one threshold per channel and a bipolar output
  /// (`out_scale·(x ≥ T) + out_bias` with `out_bias = −out_scale/2`).
  mutating func multiThreshold(_ c: NodeContext) throws(QONNXError) -> Symbol {
    try c.onlyAttributes(["out_scale", "out_bias", "out_dtype", "data_layout"])
    let x = try operand(c, 0)
    guard case .preActivation(let layer, var neurons) = x else {
      throw c.error("cannot threshold \(x.kind)")
    }
    let outScale = c.float("out_scale", default: 1)
    let outBias = c.float("out_bias", default: 0)
    guard outScale.isFinite, outScale > 0, outBias == -outScale / 2 else {
      throw c.error("only a bipolar output is supported (out_bias = -out_scale/2)")
    }
    let table = try constantOperand(c, 1, "the thresholds")
    guard let thresholds = table.floats, thresholds.allSatisfy(\.isFinite),
      thresholds.count == 1 || thresholds.count == neurons.count
    else { throw c.error("expected one finite threshold per channel") }
    for o in neurons.indices {
      neurons[o].add(-Dyadic(thresholds.count == 1 ? thresholds[0] : thresholds[o]))
    }
    return try binarize(c, layer: layer, neurons: neurons, scale: Dyadic(outScale) * Dyadic(0.5))
  }

  /// Folds `neuron ≥ 0` of every neuron of `layer` into its activation; the bits, times
  /// `scale`, are the next layer's input.
  mutating func binarize(
    _ c: NodeContext, layer: Int, neurons: [NeuronAffine], scale: Dyadic
  ) throws(QONNXError) -> Symbol {
    guard layer == layers.count - 1, layers[layer].activations == nil else {
      throw c.error("the layer's outputs are binarized twice")
    }
    layers[layer].activations = neurons.enumerated().map { o, neuron in
      neuron.activation(bound: layers[layer].bounds[o])
    }
    let image = layers[layer].image
    return .activations(
      count: image?.count ?? neurons.count, scale: scale, layer: layer + 1, image: image)
  }

  /// Input `k` as one positive scale (a scalar, or equal values).
  func perTensorScale(_ c: NodeContext, _ k: Int) throws(QONNXError) -> Float {
    let values = try constantOperand(c, k, "the scale").floats ?? []
    guard let first = values.first, values.allSatisfy({ $0 == first }) else {
      throw c.error("the scale must be one value (per tensor)")
    }
    guard first.isFinite, first > 0 else { throw c.error("the scale must be positive") }
    return first
  }

  /// Input `k`, a positive scale broadcast (numpy rules) to a tensor of shape `dims`.
  func elementScales(_ c: NodeContext, _ k: Int, dims: [Int]) throws(QONNXError) -> [Float] {
    let tensor = try constantOperand(c, k, "the scale")
    guard let values = tensor.floats, values.allSatisfy({ $0.isFinite && $0 > 0 }) else {
      throw c.error("the scale must be positive")
    }
    guard let scales = Broadcast.values(values, dims: tensor.dims, to: dims) else {
      throw c.error("the scale's shape \(tensor.dims) does not broadcast to \(dims)")
    }
    return scales
  }
}
