/// Validation of the convolutional front of a configuration.
extension BnnTrainingConfig {
  /// Per feature layer, the widest per-sample matrix its training keeps: the unrolled
  /// windows of a convolution (positions × C·k·k) or its output.
  var featureWidths: [Int] {
    zip(features, featureShapes).map { layer, shape in
      let out = layer.outputShape(shape)
      guard case .convolution(_, _, let kernel, _, _) = layer else { return shape.count }
      let (window, o1) = (shape.channels * kernel).multipliedReportingOverflow(by: kernel)
      let (rows, o2) = (out.height * out.width).multipliedReportingOverflow(by: window)
      return o1 || o2 ? Int.max : max(rows, out.count, shape.count)
    }
  }

  /// Throws the first problem of ``image`` and ``features`` as a one-line error.
  func validateFeatures() throws(BnnTrainingError) {
    guard let image else {
      guard features.isEmpty else {
        throw .invalidOption("--layers: convolution and max-pool layers need --image C,H,W")
      }
      return
    }
    let sides = [image.channels, image.height, image.width]
    guard sides.allSatisfy({ (1...(1 << 20)).contains($0) }), image.count == inputs else {
      throw .invalidOption(
        "--image \(sides.map(String.init).joined(separator: ",")): expected "
          + "\(inputs) values (C·H·W)")
    }
    guard features.count + layers.count <= BinarizedNet.maxLayers else {
      throw .invalidOption("--layers: more than \(BinarizedNet.maxLayers) layers")
    }
    var shape = image
    for (l, layer) in features.enumerated() {
      if case .maxPool = layer, l == 0 || features[l - 1].weights == nil {
        throw .invalidOption("--layers: a max-pool must follow a convolution")
      }
      if case .integer = layer.weights, !(l == 0 && input.isInteger) {
        throw .invalidOption(
          "--layers: \(layer.name): int weights need integer inputs (first layer only)")
      }
      if case .convolution(_, let channels, let kernel, _, _) = layer,
        !(1...DenseLayerSpec.maximumOutputs).contains(channels)
          || channels * shape.channels * kernel * kernel > BinarizedNet.maxConvolutionWeights
      {
        throw .invalidOption(
          "--layers: \(layer.name): channels 1...\(DenseLayerSpec.maximumOutputs)")
      }
      let out = layer.outputShape(shape)
      guard out.height >= 1, out.width >= 1 else {
        throw .invalidOption(
          "--layers: \(layer.name) does not fit its \(shape.channels)×\(shape.height)×"
            + "\(shape.width) input")
      }
      shape = out
    }
    guard shape.count <= 1 << 20 else {
      throw .invalidOption("--layers: the front makes more than 2^20 values")
    }
  }
}
