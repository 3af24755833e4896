import BitCore

/// The bit-packed convolutional front of a ``PackedBinarizedNet``.
///
/// Inside, an image of bits is stored pixel-major (`H × W × C`: bit `(y·W + x)·C + c`), so
/// that the `kernel·C` bits of one window row are contiguous and a window is gathered
/// (im2col) as `kernel` bit-range copies into a patch of `(ky, kx, c)`-ordered bits; the
/// weights are packed in the same order. A binarized convolution is then, per output
/// position and channel, `dot = 2·popcount(xnor(patch, w⁺) ∧ m) − offset`, the offset
/// accounting for the taps in the zero padding (``PackedBitConvolution``). A first
/// convolution on integer inputs is an integer dot product; a max-pool is an OR of `C`-bit
/// pixel ranges. The last image is handed to the dense part in the net's `C × H × W` order.
struct PackedFeatureFront: Sendable {
  /// The image of the net's inputs.
  let image: ImageShape
  /// The stages, in order.
  let stages: [Stage]

  /// One feature layer, ready to run.
  enum Stage: Sendable {
    case integerConvolution(PackedIntegerConvolution)
    case bitConvolution(PackedBitConvolution)
    case maxPool(PackedMaxPool, input: ImageShape)
  }

  /// The front of a valid net with features, or nil when it has none.
  init?(_ net: BinarizedNet) {
    guard let image = net.image, !net.features.isEmpty else { return nil }
    self.image = image
    let shapes = net.featureShapes
    stages = net.features.enumerated().map { l, layer in
      switch layer {
      case .maxPool(let pool): return .maxPool(PackedMaxPool(pool), input: shapes[l])
      case .convolution(let conv):
        return l == 0 && net.input.isInteger
          ? .integerConvolution(PackedIntegerConvolution(conv, shapes[l]))
          : .bitConvolution(PackedBitConvolution(conv, shapes[l]))
      }
    }
  }

  /// The last image of each sample (`samples × C·H·W`, in `C × H × W` order); `values` as
  /// for ``PackedBinarizedNet/run(_:samples:)``, the binarized convolutions' popcounts on
  /// `kernel`.
  func run(_ values: [Int], samples: Int, kernel: PackedKernel) -> BitMatrix {
    let inputs = image.count
    let last = stages.reduce(image) { shape, stage in stage.outputShape(shape) }
    var result = BitMatrix(rows: samples, columns: last.count)
    for s in 0..<samples {
      let sample = values[(s * inputs)..<((s + 1) * inputs)]
      var bits: [UInt64] = []
      var first = 0
      if case .integerConvolution(let conv) = stages[0] {
        bits = conv.run(sample)
        first = 1
      } else {
        bits = Self.pixelMajor(sample, image)
      }
      for stage in stages[first...] {
        switch stage {
        case .integerConvolution: preconditionFailure("an integer convolution comes first")
        case .bitConvolution(let conv): bits = conv.run(bits, kernel: kernel)
        case .maxPool(let pool, let input): bits = pool.run(bits, input)
        }
      }
      let plane = last.height * last.width
      for p in 0..<plane {
        for c in 0..<last.channels where PackedBits.get(bits, p * last.channels + c) {
          result[s, c * plane + p] = true
        }
      }
    }
    return result
  }

  /// The bits of 0/1 values in `C × H × W` order, stored pixel-major.
  private static func pixelMajor(_ values: ArraySlice<Int>, _ shape: ImageShape) -> [UInt64] {
    let plane = shape.height * shape.width
    var bits = PackedBits.zeros(shape.count)
    for c in 0..<shape.channels {
      for p in 0..<plane where values[values.startIndex + c * plane + p] != 0 {
        PackedBits.set(&bits, p * shape.channels + c)
      }
    }
    return bits
  }
}

extension PackedFeatureFront.Stage {
  /// The image this stage makes of `input`.
  func outputShape(_ input: ImageShape) -> ImageShape {
    switch self {
    case .integerConvolution(let conv): return conv.output
    case .bitConvolution(let conv): return conv.output
    case .maxPool(let pool, _): return pool.layer.outputShape(input)
    }
  }
}

/// Max-pool on pixel-major bits: each output pixel's `C` bits are the OR of the `C`-bit
/// ranges of its window's pixels.
struct PackedMaxPool: Sendable {
  /// The layer.
  let layer: MaxPoolLayer

  init(_ layer: MaxPoolLayer) { self.layer = layer }

  func run(_ bits: [UInt64], _ input: ImageShape) -> [UInt64] {
    let out = layer.outputShape(input)
    let c = input.channels
    var result = PackedBits.zeros(out.count)
    bits.withUnsafeBufferPointer { source in
      result.withUnsafeMutableBufferPointer { target in
        for y in 0..<out.height {
          for x in 0..<out.width {
            let at = (y * out.width + x) * c
            for pixel in layer.window(y: y, x: x, width: input.width) {
              PackedBits.copy(source, from: pixel * c, count: c, into: target, at: at)
            }
          }
        }
      }
    }
    return result
  }
}
