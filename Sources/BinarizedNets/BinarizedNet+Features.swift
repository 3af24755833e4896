/// The geometry of the convolutional front and its validation.
extension BinarizedNet {
  /// The largest side, channel count or value count of an image, and the largest number of
  /// convolution weights, that a net may have (so a file cannot make anything huge).
  static let maxImageValues = 1 << 20
  static let maxKernel = 64
  static let maxConvolutionWeights = 1 << 26

  /// Whether the first dense layer reads the net's integer inputs (an integer net with no
  /// convolutional front); every other dense layer reads ±1 values.
  public var integerFirstDenseLayer: Bool { features.isEmpty && input.isInteger }

  /// The image before each feature layer and, last, the image the dense part reads
  /// (`features.count + 1` shapes; empty when the net has no image).
  public var featureShapes: [ImageShape] {
    guard var shape = image else { return [] }
    var shapes = [shape]
    for layer in features {
      shape = layer.outputShape(shape)
      shapes.append(shape)
    }
    return shapes
  }

  /// The largest |dot| of any output value of feature layer `l` (0 for a max-pool): the
  /// integer input range on a first convolution of an integer net, 1 per weight otherwise.
  public func featureDotBound(layer l: Int) -> Int {
    guard case .convolution(let conv) = features[l] else { return 0 }
    return Self.dotBound(conv, magnitude: l == 0 ? Self.magnitude(input) : 1)
  }

  /// The largest |input| of a first layer on `input`: the integer range, or 1.
  static func magnitude(_ input: InputFormat) -> Int {
    guard case .integers(let bits, let signed) = input else { return 1 }
    return signed ? 1 << (bits - 1) : (1 << bits) - 1
  }

  static func dotBound(_ conv: ConvolutionLayer, magnitude: Int) -> Int {
    (0..<conv.outputChannels).map { o in
      conv.row(o).reduce(0) { $0 + abs(Int($1)) } * magnitude
    }.max() ?? 0
  }

  /// Checks the image and the feature layers and returns the width the dense part reads:
  /// the last image's `C·H·W`, or `inputs` when there is no image.
  static func featureWidth(
    input: InputFormat, inputs: Int, image: ImageShape?, features: [FeatureLayer]
  ) throws(BinarizedNetError) -> Int {
    do throws(FeatureProblem) {
      return try validatedFeatureWidth(
        input: input, inputs: inputs, image: image, features: features)
    } catch {
      throw .file(error.description)
    }
  }

  /// ``featureWidth(input:inputs:image:features:)``, its problem as a path and a detail (the
  /// file reader reports it as its own error, with the same text).
  static func validatedFeatureWidth(
    input: InputFormat, inputs: Int, image: ImageShape?, features: [FeatureLayer]
  ) throws(FeatureProblem) -> Int {
    guard var shape = image else {
      guard features.isEmpty else {
        throw FeatureProblem(path: "input.shape", detail: "required by 'features'")
      }
      return inputs
    }
    try check(shape, path: "input.shape")
    guard shape.count == inputs else {
      throw FeatureProblem(
        path: "input.shape",
        detail: "\(shape.channels)×\(shape.height)×\(shape.width) = \(shape.count) "
          + "values, expected input.count \(inputs)")
    }
    guard features.count <= maxLayers else {
      throw FeatureProblem(path: "features", detail: "more than \(maxLayers) layers")
    }
    for (l, layer) in features.enumerated() {
      let path = "features[\(l)]"
      switch layer {
      case .convolution(let conv):
        try check(conv, input: shape, path: path)
        if case .integer = conv.mode, !(l == 0 && input.isInteger) {
          throw FeatureProblem(
            path: "\(path).mode", detail: "int weights need integer inputs (first layer only)")
        }
        let bound = dotBound(conv, magnitude: l == 0 ? magnitude(input) : 1)
        guard bound <= 1 << 52 else {
          throw FeatureProblem(path: "\(path)", detail: "dot products exceed 2^52")
        }
      case .maxPool(let pool):
        if l == 0 && input.isInteger {
          throw FeatureProblem(
            path: "\(path).kind", detail: "a max-pool needs ±1 inputs, not integers")
        }
        try check(
          side: pool.size, stride: pool.stride, padding: 0, shape: shape, path: path,
          sideName: "size")
      }
      shape = layer.outputShape(shape)
      try check(shape, path: "\(path) output")
    }
    return shape.count
  }

  private static func check(_ shape: ImageShape, path: String) throws(FeatureProblem) {
    let sides = [shape.channels, shape.height, shape.width]
    guard sides.allSatisfy({ (1...maxImageValues).contains($0) }),
      shape.count <= maxImageValues
    else {
      throw FeatureProblem(
        path: "\(path)", detail: "every side 1...\(maxImageValues), at most 2^20 values")
    }
  }

  private static func check(
    _ conv: ConvolutionLayer, input shape: ImageShape, path: String
  ) throws(FeatureProblem) {
    guard conv.inputChannels == shape.channels else {
      throw FeatureProblem(
        path: "\(path).weights",
        detail: "\(conv.inputChannels) input channels, expected \(shape.channels)")
    }
    guard (1...maxImageValues).contains(conv.outputChannels) else {
      throw FeatureProblem(
        path: "\(path).weights", detail: "expected 1...\(maxImageValues) output channels")
    }
    try check(
      side: conv.kernel, stride: conv.stride, padding: conv.padding, shape: shape,
      path: path, sideName: "kernel")
    let perChannel = conv.inputChannels * conv.kernel * conv.kernel
    guard conv.outputChannels <= maxConvolutionWeights / perChannel,
      conv.weights.count == conv.outputChannels * perChannel
    else {
      throw FeatureProblem(
        path: "\(path).weights",
        detail: "\(conv.weights.count) weights, expected "
          + "\(conv.outputChannels)×\(perChannel) (at most 2^26)")
    }
    let range = conv.mode.weightRange
    if let bad = conv.weights.firstIndex(where: { !range.contains(Int($0)) }) {
      throw FeatureProblem(
        path: "\(path).weights[\(bad / perChannel)][\(bad % perChannel)]",
        detail: ""
          + "\(conv.weights[bad]) is outside \(range.lowerBound)...\(range.upperBound)")
    }
    guard conv.activations.count == conv.outputChannels else {
      throw FeatureProblem(
        path: "\(path).activations",
        detail: "\(conv.activations.count) entries, "
          + "expected \(conv.outputChannels)")
    }
  }

  /// A square window of side `side` (the field `sideName`) moved by `stride` over the
  /// image padded by `padding` must fit at least once: `⌊(H + 2p − k)/s⌋ + 1 ≥ 1` on both
  /// axes.
  private static func check(
    side: Int, stride: Int, padding: Int, shape: ImageShape, path layer: String,
    sideName: String
  ) throws(FeatureProblem) {
    let sidePath = "\(layer).\(sideName)"
    guard (1...maxKernel).contains(side) else {
      throw FeatureProblem(path: "\(sidePath)", detail: "\(side) is outside 1...\(maxKernel)")
    }
    guard (1...maxKernel).contains(stride) else {
      throw FeatureProblem(path: "\(layer).stride", detail: "\(stride) is outside 1...\(maxKernel)")
    }
    guard (0..<side).contains(padding) else {
      throw FeatureProblem(
        path: "\(layer).padding", detail: "\(padding) is outside 0...\(side - 1)")
    }
    guard shape.height + 2 * padding >= side, shape.width + 2 * padding >= side else {
      throw FeatureProblem(
        path: "\(sidePath)",
        detail: "a \(side)×\(side) window does not fit the "
          + "\(shape.height)×\(shape.width) image (padding \(padding))")
    }
  }
}

/// The first problem of a convolutional front: the field and what is wrong with it.
struct FeatureProblem: Error, CustomStringConvertible {
  /// The field, e.g. `features[1].kernel`.
  let path: String
  /// What is wrong.
  let detail: String

  /// `field 'PATH': DETAIL`.
  var description: String { "field '\(path)': \(detail)" }
}
