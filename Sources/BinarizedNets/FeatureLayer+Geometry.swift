/// Output shapes and weight access of the feature layers.
extension FeatureLayer {
  /// The image this layer makes of `input`.
  public func outputShape(_ input: ImageShape) -> ImageShape {
    switch self {
    case .convolution(let conv): return conv.outputShape(input)
    case .maxPool(let pool): return pool.outputShape(input)
    }
  }
}

extension ConvolutionLayer {
  /// `outputChannels × ⌊(H + 2p − k)/s⌋ + 1 × ⌊(W + 2p − k)/s⌋ + 1`.
  public func outputShape(_ input: ImageShape) -> ImageShape {
    ImageShape(
      channels: outputChannels,
      height: (input.height + 2 * padding - kernel) / stride + 1,
      width: (input.width + 2 * padding - kernel) / stride + 1)
  }

  /// Weights per output channel, `inputChannels·kernel·kernel`.
  public var weightsPerChannel: Int { inputChannels * kernel * kernel }

  /// The weights of output channel `o`, in `(c, ky, kx)` order.
  public func row(_ o: Int) -> ArraySlice<Int16> {
    weights[(o * weightsPerChannel)..<((o + 1) * weightsPerChannel)]
  }

  /// The in-image taps of the window of output position `(y, x)` on a `height × width`
  /// image: per tap, its index in a channel's `kernel × kernel` weights and its pixel
  /// `iy·width + ix`. Taps in the zero padding are left out.
  public func taps(y: Int, x: Int, height: Int, width: Int) -> [(weight: Int, pixel: Int)] {
    var taps: [(weight: Int, pixel: Int)] = []
    for ky in 0..<kernel {
      let iy = y * stride - padding + ky
      guard iy >= 0 && iy < height else { continue }
      for kx in 0..<kernel {
        let ix = x * stride - padding + kx
        guard ix >= 0 && ix < width else { continue }
        taps.append((ky * kernel + kx, iy * width + ix))
      }
    }
    return taps
  }
}

extension MaxPoolLayer {
  /// `C × ⌊(H − size)/stride⌋ + 1 × ⌊(W − size)/stride⌋ + 1`.
  public func outputShape(_ input: ImageShape) -> ImageShape {
    ImageShape(
      channels: input.channels,
      height: (input.height - size) / stride + 1,
      width: (input.width - size) / stride + 1)
  }

  /// The pixels `iy·width + ix` of the window of output position `(y, x)`.
  public func window(y: Int, x: Int, width: Int) -> [Int] {
    (0..<size).flatMap { dy in
      (0..<size).map { dx in (y * stride + dy) * width + x * stride + dx }
    }
  }
}
