/// One layer of the convolutional front of a net to train, in front of the dense layers:
/// `convKxK[sS][pP]-WEIGHTS:CHANNELS` or `maxpoolN[sS]` in `--layers`.
public enum FeatureLayerSpec: Hashable, Sendable {
  /// A convolution with `channels` output channels, a square `kernel`, `stride` and zero
  /// `padding`, each output `sign(BN(dot))` with a batch norm per output channel.
  case convolution(
    weights: TrainingWeights, channels: Int, kernel: Int, stride: Int, padding: Int)
  /// Max pooling of the ±1 activations over `size × size` windows moved by `stride`.
  case maxPool(size: Int, stride: Int)

  /// The weight mode of a convolution (`nil` for a max-pool).
  public var weights: TrainingWeights? {
    guard case .convolution(let weights, _, _, _, _) = self else { return nil }
    return weights
  }

  /// The image this layer makes of `input` (sides may be below 1: see
  /// ``BnnTrainingConfig/validate()``).
  public func outputShape(_ input: ImageShape) -> ImageShape {
    geometry(inputChannels: input.channels).outputShape(input)
  }

  /// The deployed layer's shape with no weights (for its geometry).
  func geometry(inputChannels: Int) -> FeatureLayer {
    switch self {
    case .convolution(let weights, let channels, let kernel, let stride, let padding):
      return .convolution(
        ConvolutionLayer(
          mode: weights.mode, inputChannels: inputChannels, outputChannels: channels,
          kernel: kernel, stride: stride, padding: padding, weights: [], activations: []))
    case .maxPool(let size, let stride): return .maxPool(MaxPoolLayer(size: size, stride: stride))
    }
  }

  /// The spelling in `--layers`.
  public var name: String {
    switch self {
    case .convolution(let weights, let channels, let kernel, let stride, let padding):
      let s = stride == 1 ? "" : "s\(stride)"
      let p = padding == (kernel - 1) / 2 ? "" : "p\(padding)"
      return "conv\(kernel)x\(kernel)\(s)\(p)-\(weights.name):\(channels)"
    case .maxPool(let size, let stride):
      return "maxpool\(size)" + (stride == size ? "" : "s\(stride)")
    }
  }

  /// Parses a whole `--layers` list: the feature layers first (`conv…`, `maxpool…`), then
  /// the dense layers (``DenseLayerSpec/parseList(_:)``).
  public static func parseNet(
    _ text: String
  ) throws(BnnTrainingError) -> (features: [FeatureLayerSpec], dense: [DenseLayerSpec]) {
    let items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var features: [FeatureLayerSpec] = []
    for item in items {
      guard item.hasPrefix("conv") || item.hasPrefix("maxpool") else { break }
      features.append(try parse(item))
    }
    guard features.count < items.count else {
      throw .invalidOption("--layers: expected dense layers after the convolutional front")
    }
    let rest = items[features.count...].joined(separator: ",")
    if let bad = items[features.count...].first(where: {
      $0.hasPrefix("conv") || $0.hasPrefix("maxpool")
    }) {
      throw .invalidOption("--layers: '\(bad)' after a dense layer (feature layers come first)")
    }
    return (features, try DenseLayerSpec.parseList(rest))
  }

  /// Parses `conv3x3-int8:16`, `conv5x5s2p0-binary:32`, `maxpool2`, `maxpool3s2`.
  static func parse(_ item: String) throws(BnnTrainingError) -> FeatureLayerSpec {
    let syntax =
      "--layers: '\(item)' is not convKxK[sS][pP]-WEIGHTS:CHANNELS or maxpoolN[sS] "
      + "(e.g. conv3x3-binary:32, maxpool2)"
    if item.hasPrefix("maxpool") {
      guard let (size, options) = leadingNumber(item.dropFirst(7)), (1...64).contains(size)
      else { throw .invalidOption(syntax) }
      let settings = try suffixes(options, allowed: "s", syntax: syntax)
      return .maxPool(size: size, stride: settings["s"] ?? size)
    }
    let parts = item.split(separator: "-", maxSplits: 1).map(String.init)
    guard parts.count == 2, let (kernel, afterKernel) = leadingNumber(parts[0].dropFirst(4)),
      afterKernel.hasPrefix("x"),
      let (side, options) = leadingNumber(afterKernel.dropFirst()), side == kernel,
      (1...BinarizedNet.maxKernel).contains(kernel)
    else { throw .invalidOption(syntax) }
    let settings = try suffixes(options, allowed: "sp", syntax: syntax)
    let dense = try DenseLayerSpec.parseList(parts[1])
    guard dense.count == 1 else { throw .invalidOption(syntax) }
    let stride = settings["s"] ?? 1
    let padding = settings["p"] ?? (kernel - 1) / 2
    guard (1...64).contains(stride), padding < kernel else {
      throw .invalidOption("--layers: '\(item)': stride 1...64 and padding below the kernel")
    }
    return .convolution(
      weights: dense[0].weights, channels: dense[0].outputs, kernel: kernel, stride: stride,
      padding: padding)
  }

  /// The decimal number at the start of `text` and the rest.
  private static func leadingNumber(_ text: Substring) -> (Int, Substring)? {
    let digits = text.prefix { $0.isASCII && $0.isNumber }
    guard !digits.isEmpty, digits.count <= 4, let n = Int(digits) else { return nil }
    return (n, text.dropFirst(digits.count))
  }

  /// `s2p0`-style settings, each letter of `allowed` at most once, in that order.
  private static func suffixes(
    _ text: Substring, allowed: String, syntax: String
  ) throws(BnnTrainingError) -> [Character: Int] {
    var rest = text
    var settings: [Character: Int] = [:]
    for letter in allowed where rest.first == letter {
      guard let (n, after) = leadingNumber(rest.dropFirst()) else { throw .invalidOption(syntax) }
      settings[letter] = n
      rest = after
    }
    guard rest.isEmpty else { throw .invalidOption(syntax) }
    return settings
  }
}
