/// The convolutional front of a trained net: its export to ``FeatureLayer``s and its
/// eval-mode float model.
extension BnnTrainingState {
  /// The quantized weights of each convolution (`nil` for a max-pool).
  func quantizedFeatures() -> [QuantizedWeights?] {
    zip(config.features, features).map { layer, state in
      layer.weights.map { mode in
        WeightQuantizer.quantize(
          state.latent, count: state.latent.count / mode.latentMatrices, mode: mode)
      }
    }
  }

  /// The deployed front: each convolution's quantized weights and, per output channel,
  /// `sign(BN(scale·d))` folded exactly into a threshold (as a hidden dense neuron); the
  /// max-pools as they are.
  func exportFeatures() throws(BinarizedNetError) -> [FeatureLayer] {
    var result: [FeatureLayer] = []
    let quantized = quantizedFeatures()
    for (l, (layer, shape)) in zip(config.features, config.featureShapes).enumerated() {
      guard case .convolution(let geometry) = layer.geometry(inputChannels: shape.channels),
        let q = quantized[l]
      else {
        result.append(layer.geometry(inputChannels: shape.channels))
        continue
      }
      let n = geometry.weightsPerChannel
      let magnitude = l == 0 ? BinarizedNet.magnitude(config.input) : 1
      let norms = Self.dotBatchNorm(features[l], scale: q.scale)
      var activations: [NeuronActivation] = []
      for o in 0..<geometry.outputChannels {
        let bound = q.integers[(o * n)..<((o + 1) * n)].reduce(0) { $0 + abs(Int($1)) }
        activations.append(try ThresholdFolding.fold(norms[o], dotBound: bound * magnitude))
      }
      result.append(
        .convolution(
          ConvolutionLayer(
            mode: geometry.mode, inputChannels: geometry.inputChannels,
            outputChannels: geometry.outputChannels, kernel: geometry.kernel,
            stride: geometry.stride, padding: geometry.padding, weights: q.integers,
            activations: activations)))
    }
    return result
  }

  /// The eval-mode float front on one image (±1 values or the integers): integer dots of
  /// the quantized weights, `BN(d) ≥ 0` with ``dotBatchNorm(_:scale:)``'s parameters in
  /// `Double`, max-pools of the ±1 values. The input of the dense layers.
  func evaluationFeatures(_ image: [Int]) -> [Int] {
    var values = image
    let quantized = quantizedFeatures()
    for (l, (layer, shape)) in zip(config.features, config.featureShapes).enumerated() {
      let out = layer.outputShape(shape)
      let plane = shape.height * shape.width
      var next: [Int] = []
      switch layer.geometry(inputChannels: shape.channels) {
      case .convolution(let conv):
        let q = quantized[l]!
        let norms = Self.dotBatchNorm(features[l], scale: q.scale)
        let n = conv.weightsPerChannel
        let k2 = conv.kernel * conv.kernel
        for o in 0..<out.channels {
          let p = norms[o]
          for y in 0..<out.height {
            for x in 0..<out.width {
              var dot = 0
              for ky in 0..<conv.kernel {
                for kx in 0..<conv.kernel {
                  let (iy, ix) = (
                    y * conv.stride - conv.padding + ky, x * conv.stride - conv.padding + kx
                  )
                  guard iy >= 0 && iy < shape.height && ix >= 0 && ix < shape.width else {
                    continue
                  }
                  for c in 0..<shape.channels {
                    dot +=
                      Int(q.integers[o * n + c * k2 + ky * conv.kernel + kx])
                      * values[c * plane + iy * shape.width + ix]
                  }
                }
              }
              let z =
                Double(p.gamma) * (Double(dot) - Double(p.mean))
                / (Double(p.variance) + Double(p.epsilon)).squareRoot() + Double(p.beta)
              next.append(z >= 0 ? 1 : -1)
            }
          }
        }
      case .maxPool(let pool):
        for c in 0..<out.channels {
          for y in 0..<out.height {
            for x in 0..<out.width {
              var best = -1
              for dy in 0..<pool.size {
                for dx in 0..<pool.size {
                  best = max(
                    best,
                    values[c * plane + (y * pool.stride + dy) * shape.width + x * pool.stride + dx])
                }
              }
              next.append(best)
            }
          }
        }
      }
      values = next
    }
    return values
  }
}
