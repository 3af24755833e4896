import LogicNets

/// The convolutional front in the `bittrue-bnn` file: `input.shape` and `features`
/// (docs/binarized.md, "Convolution and max-pool").
extension BinarizedNet {
  /// The fields a feature layer of each kind must have, and no others.
  private static let featureFields = [
    "conv": ["kind", "mode", "kernel", "stride", "padding", "weights", "activations"],
    "maxpool": ["kind", "size", "stride"],
  ]

  /// `input.shape` (`[C, H, W]`), or nil when absent.
  static func imageShape(_ input: JSONValue) throws(LogicNetsError) -> ImageShape? {
    guard case .object(let members) = input, let value = members["shape"] else { return nil }
    let sides = try value.array(at: "input.shape")
    guard sides.count == 3 else {
      throw .invalidField(path: "input.shape", detail: "expected [channels, height, width]")
    }
    var numbers: [Int] = []
    for (i, side) in sides.enumerated() {
      numbers.append(try side.integer(at: "input.shape[\(i)]", in: 1...maxImageValues))
    }
    return ImageShape(channels: numbers[0], height: numbers[1], width: numbers[2])
  }

  /// The `features` of the file (none when absent), checked; and the width the dense part
  /// reads (`count` when there are no features).
  static func parseFeatures(
    _ root: JSONValue, input: InputFormat, count: Int, image: ImageShape?
  ) throws(LogicNetsError) -> (features: [FeatureLayer], width: Int) {
    var features: [FeatureLayer] = []
    if case .object(let members) = root, let list = members["features"] {
      let items = try list.array(at: "features")
      guard items.count <= maxLayers else {
        throw .invalidField(path: "features", detail: "expected at most \(maxLayers) layers")
      }
      guard let image else { throw .missingField(path: "input.shape") }
      var channels = image.channels
      for (l, item) in items.enumerated() {
        let layer = try feature(item, path: "features[\(l)]", channels: channels)
        if case .convolution(let conv) = layer { channels = conv.outputChannels }
        features.append(layer)
      }
    }
    do throws(FeatureProblem) {
      let width = try validatedFeatureWidth(
        input: input, inputs: count, image: image, features: features)
      return (features, width)
    } catch {
      throw .invalidField(path: error.path, detail: error.detail)
    }
  }

  private static func feature(
    _ value: JSONValue, path: String, channels: Int
  ) throws(LogicNetsError) -> FeatureLayer {
    let kind = try value.field("kind", at: path).string(at: "\(path).kind")
    guard let fields = featureFields[kind] else {
      throw .invalidField(path: "\(path).kind", detail: "expected 'conv' or 'maxpool'")
    }
    if case .object(let members) = value,
      let extra = members.keys.sorted().first(where: { !fields.contains($0) })
    {
      throw .invalidField(path: "\(path).\(extra)", detail: "not a field of a '\(kind)' layer")
    }
    func side(_ name: String, _ range: ClosedRange<Int>) throws(LogicNetsError) -> Int {
      try value.field(name, at: path).integer(at: "\(path).\(name)", in: range)
    }
    if kind == "maxpool" {
      return .maxPool(
        MaxPoolLayer(
          size: try side("size", 1...maxKernel), stride: try side("stride", 1...maxKernel)))
    }
    let mode = try mode(
      try value.field("mode", at: path).string(at: "\(path).mode"), path: "\(path).mode")
    let kernel = try side("kernel", 1...maxKernel)
    let stride = try side("stride", 1...maxKernel)
    let padding = try side("padding", 0...(kernel - 1))
    let perChannel = channels * kernel * kernel
    let rows = try value.field("weights", at: path).array(at: "\(path).weights")
    guard !rows.isEmpty, rows.count <= maxConvolutionWeights / perChannel else {
      throw .invalidField(
        path: "\(path).weights", detail: "expected 1 or more output channels, at most 2^26 weights")
    }
    var weights: [Int16] = []
    weights.reserveCapacity(rows.count * perChannel)
    for (o, row) in rows.enumerated() {
      let rowPath = "\(path).weights[\(o)]"
      let items = try row.array(at: rowPath)
      guard items.count == perChannel else {
        throw .invalidField(
          path: rowPath, detail: "\(items.count) entries, expected \(channels)×\(kernel)×\(kernel)")
      }
      for (i, item) in items.enumerated() {
        weights.append(Int16(try item.integer(at: "\(rowPath)[\(i)]", in: mode.weightRange)))
      }
    }
    let list = try value.field("activations", at: path).array(at: "\(path).activations")
    guard list.count == rows.count else {
      throw .invalidField(
        path: "\(path).activations", detail: "\(list.count) entries, expected \(rows.count)")
    }
    var activations: [NeuronActivation] = []
    for (o, item) in list.enumerated() {
      activations.append(try activation(item, path: "\(path).activations[\(o)]"))
    }
    return .convolution(
      ConvolutionLayer(
        mode: mode, inputChannels: channels, outputChannels: rows.count, kernel: kernel,
        stride: stride, padding: padding, weights: weights, activations: activations))
  }

  /// The `, "shape": [C, H, W]` of the `input` line, or nothing.
  var shapeText: String {
    guard let image else { return "" }
    return ", \"shape\": [\(image.channels), \(image.height), \(image.width)]"
  }

  /// The `"features": [...]` member and its line break, or nothing.
  var featuresText: String {
    guard !features.isEmpty else { return "" }
    let texts = features.map { layer -> String in
      switch layer {
      case .maxPool(let pool):
        return "{\"kind\": \"maxpool\", \"size\": \(pool.size), \"stride\": \(pool.stride)}"
      case .convolution(let conv):
        let rows = (0..<conv.outputChannels).map { o in
          "  [" + conv.row(o).map { String($0) }.joined(separator: ",") + "]"
        }
        let activations = conv.activations.map(Self.activationText)
        return "{\"kind\": \"conv\", \"mode\": \"\(conv.mode.name)\", \"kernel\": \(conv.kernel), "
          + "\"stride\": \(conv.stride), \"padding\": \(conv.padding), \"weights\": [\n"
          + rows.joined(separator: ",\n") + "],\n  \"activations\": ["
          + activations.joined(separator: ", ") + "]}"
      }
    }
    return " \"features\": [\n" + texts.joined(separator: ",\n") + "],\n"
  }

  private static func activationText(_ activation: NeuronActivation) -> String {
    switch activation {
    case .atLeast(let t): return "{\"ge\": \(t)}"
    case .atMost(let t): return "{\"le\": \(t)}"
    case .constant(let bit): return "{\"const\": \(bit ? 1 : 0)}"
    }
  }
}
