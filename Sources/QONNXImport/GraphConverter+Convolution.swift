import BinarizedNets

/// The convolutional front: `Conv` with quantized weights and `MaxPool` of binarized
/// activations, becoming ``BinarizedNets/FeatureLayer``s before the dense layers.
extension GraphConverter {
  /// `Conv(X, W[, B])`: square kernel, equal strides and pads, no dilation, one group.
  mutating func convolution(_ c: NodeContext) throws(QONNXError) -> Symbol {
    try c.onlyAttributes(["kernel_shape", "strides", "pads", "dilations", "group", "auto_pad"])
    let (_, inputScale, layer, image) = try layerInput(c)
    guard let image else { throw c.error("the input must be an image [1, C, H, W]") }
    let b = try operand(c, 1)
    guard case .weights(let w) = b, w.dims.count == 4 else {
      throw c.error("the weights must be 4-D and quantized by Quant/BipolarQuant, not \(b.kind)")
    }
    let (outputs, channels, kh, kw) = (w.dims[0], w.dims[1], w.dims[2], w.dims[3])
    let geometry = try Self.window(c, kernel: kh, allowsPadding: true)
    guard kh == kw, kh >= 1, channels == image.channels, outputs >= 1 else {
      throw c.error("the weights \(w.dims) do not fit \(image.channels) input channels")
    }
    guard c.int("group", default: 1) == 1 else { throw c.error("only group = 1 is supported") }
    if case .integer = w.mode, !(layer == 0 && input != .bipolar) {
      throw c.error("\(w.mode.name) weights need integer inputs (first layer only)")
    }
    let side = { (n: Int) in (n + 2 * geometry.padding - kh) / geometry.stride + 1 }
    guard image.height + 2 * geometry.padding >= kh, image.width + 2 * geometry.padding >= kh
    else { throw c.error("the kernel is larger than the padded image") }
    let out = ImageShape(channels: outputs, height: side(image.height), width: side(image.width))
    let perChannel = channels * kh * kw
    var neurons: [NeuronAffine] = []
    var bounds: [Int] = []
    let magnitude = inputMagnitude(layer: layer)
    for o in 0..<outputs {
      let row = (o * perChannel)..<((o + 1) * perChannel)
      guard let scale = w.scales[row].first, w.scales[row].allSatisfy({ $0 == scale }) else {
        throw c.error("the weight scale varies within output channel \(o)")
      }
      neurons.append(NeuronAffine(scale: inputScale * Dyadic(scale)))
      bounds.append(w.codes[row].reduce(0) { $0 + abs($1) } * magnitude)
    }
    if c.node.input.count > 2, !c.node.input[2].isEmpty {
      let bias = try vectorOperand(c, 2, "the bias", count: outputs)
      for o in 0..<outputs { neurons[o].add(Dyadic(bias[o])) }
    }
    layers.append(
      Layer(
        kind: .convolution(kernel: kh, stride: geometry.stride, padding: geometry.padding),
        mode: w.mode, inputs: channels, outputs: outputs, weights: w.codes.map { Int16($0) },
        bounds: bounds, image: out, activations: nil))
    return .preActivation(layer: layer, neurons: neurons)
  }

  /// `MaxPool` of binarized activations (an OR of each window of bits), no padding.
  mutating func maxPool(_ c: NodeContext) throws(QONNXError) -> Symbol {
    try c.onlyAttributes([
      "kernel_shape", "strides", "pads", "dilations", "ceil_mode", "storage_order", "auto_pad",
    ])
    guard c.int("ceil_mode", default: 0) == 0, c.int("storage_order", default: 0) == 0 else {
      throw c.error("ceil_mode and storage_order must be 0")
    }
    let (_, scale, layer, image) = try layerInput(c)
    guard let image, layer > 0 else {
      throw c.error("max pooling is supported on binarized images only")
    }
    let size = c.attribute("kernel_shape")?.ints ?? []
    guard size.count == 2, size[0] == size[1], size[0] >= 1, size[0] <= Int64(image.height),
      size[0] <= Int64(image.width)
    else { throw c.error("the window must be square and fit the image") }
    let k = Int(size[0])
    let geometry = try Self.window(c, kernel: k, allowsPadding: false)
    let side = { (n: Int) in (n - k) / geometry.stride + 1 }
    let out = ImageShape(
      channels: image.channels, height: side(image.height), width: side(image.width))
    layers.append(
      Layer(
        kind: .maxPool(MaxPoolLayer(size: k, stride: geometry.stride)), mode: .binary,
        inputs: image.channels, outputs: image.channels, weights: [], bounds: [], image: out,
        activations: []))
    return .activations(count: out.count, scale: scale, layer: layer + 1, image: out)
  }

  /// The stride and padding of a square window: equal on both axes and all sides, no
  /// dilation, `auto_pad` NOTSET.
  static func window(
    _ c: NodeContext, kernel: Int, allowsPadding: Bool
  ) throws(QONNXError) -> (stride: Int, padding: Int) {
    if let shape = c.attribute("kernel_shape")?.ints, shape != [Int64(kernel), Int64(kernel)] {
      throw c.error("kernel_shape \(shape) does not match the weights")
    }
    guard c.string("auto_pad", default: "NOTSET") == "NOTSET" else {
      throw c.error("auto_pad is not supported")
    }
    let strides = c.attribute("strides")?.ints ?? [1, 1]
    let pads = c.attribute("pads")?.ints ?? [0, 0, 0, 0]
    let dilations = c.attribute("dilations")?.ints ?? [1, 1]
    guard strides.count == 2, strides[0] == strides[1], (1...64).contains(strides[0]) else {
      throw c.error("strides must be equal, 1...64")
    }
    guard pads.count == 4, Set(pads).count == 1, (0...64).contains(pads[0]),
      allowsPadding || pads[0] == 0
    else { throw c.error("pads \(pads) are not supported (equal on every side)") }
    guard dilations.allSatisfy({ $0 == 1 }) else { throw c.error("dilations must be 1") }
    return (Int(strides[0]), Int(pads[0]))
  }

  /// The layers as the net's convolutional front and its dense layers.
  static func split(
    _ layers: [Layer]
  ) throws(QONNXError) -> (features: [FeatureLayer], dense: [DenseLayer]) {
    var features: [FeatureLayer] = []
    var dense: [DenseLayer] = []
    for layer in layers {
      switch layer.kind {
      case .dense:
        dense.append(
          DenseLayer(
            mode: layer.mode, inputs: layer.inputs, outputs: layer.outputs,
            weights: layer.weights, activations: layer.activations))
        continue
      case .convolution(let kernel, let stride, let padding):
        guard let activations = layer.activations else {
          throw .graph("a convolution's outputs must be binarized")
        }
        features.append(
          .convolution(
            ConvolutionLayer(
              mode: layer.mode, inputChannels: layer.inputs, outputChannels: layer.outputs,
              kernel: kernel, stride: stride, padding: padding, weights: layer.weights,
              activations: activations)))
      case .maxPool(let pool):
        features.append(.maxPool(pool))
      }
      guard dense.isEmpty else {
        throw .graph("a convolution or pool after a dense layer is not supported")
      }
    }
    guard !dense.isEmpty else { throw .graph("the net must end in a dense layer") }
    return (features, dense)
  }
}
