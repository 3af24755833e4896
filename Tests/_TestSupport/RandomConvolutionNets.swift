import BinarizedNets

/// Random binarized nets with a convolutional front, for tests: weights uniform over each
/// mode's range, activations a mix of `≥ T`, `≤ T` and constants with T spread over the
/// likely dot range, dense layers as ``RandomBinarizedNets`` makes them.
public enum RandomConvolutionNets {
  /// One feature layer to make.
  public enum Layer: Sendable {
    /// A convolution: weight mode, output channels, kernel, stride, padding.
    case conv(WeightMode, Int, kernel: Int, stride: Int, padding: Int)
    /// A max-pool: size and stride.
    case pool(Int, stride: Int)
  }

  /// A valid net on `image` with the given front and dense layers (mode, outputs).
  public static func make(
    input: InputFormat, image: ImageShape, features spec: [Layer], dense: [(WeightMode, Int)],
    using random: inout SeededRandom
  ) -> BinarizedNet {
    var shape = image
    var features: [FeatureLayer] = []
    for (l, layer) in spec.enumerated() {
      switch layer {
      case .pool(let size, let stride):
        features.append(.maxPool(MaxPoolLayer(size: size, stride: stride)))
      case .conv(let mode, let outputs, let kernel, let stride, let padding):
        let perChannel = shape.channels * kernel * kernel
        let range = mode.weightRange
        let weights = (0..<(outputs * perChannel)).map { _ -> Int16 in
          if mode == .binary { return Bool.random(using: &random) ? 1 : -1 }
          return Int16(Int.random(in: range, using: &random))
        }
        var magnitude = 1
        if l == 0, case .integers(let bits, _) = input { magnitude = 1 << bits }
        // About the spread of a dot product of random weights and inputs.
        let root = Int(Double(perChannel).squareRoot())
        let spread = Swift.max(1, root * magnitude * Swift.max(1, range.upperBound) / 2)
        let activations = (0..<outputs).map { _ -> NeuronActivation in
          let t = Int.random(in: -spread...spread, using: &random)
          switch Int.random(in: 0..<8, using: &random) {
          case 0: return .constant(Bool.random(using: &random))
          case 1, 2, 3: return .atMost(t)
          default: return .atLeast(t)
          }
        }
        features.append(
          .convolution(
            ConvolutionLayer(
              mode: mode, inputChannels: shape.channels, outputChannels: outputs, kernel: kernel,
              stride: stride, padding: padding, weights: weights, activations: activations)))
      }
      shape = features[l].outputShape(shape)
    }
    let tail = RandomBinarizedNets.make(
      input: .bits, inputs: shape.count, layers: dense, using: &random)
    return try! BinarizedNet(
      input: input, inputs: image.count, image: image, features: features, layers: tail.layers)
  }
}
