/// The integer, deployable form of a binarized or ternary multilayer perceptron: what the
/// `bittrue-bnn` file holds, what the bit-packed runtime and the hardware lowering read.
///
/// Layer `l` computes, for each output neuron `o`, the integer `dot = Σ_i w[o][i]·a[i]`,
/// where `a` is the layer's input: the net's integer inputs for the first layer of an
/// ``InputFormat/integers(bits:signed:)`` net, and otherwise ±1 values (bit 1 ↦ +1,
/// bit 0 ↦ −1). A hidden neuron outputs the bit ``NeuronActivation/fires(_:)``; the last
/// layer's dots are the class scores — or, with an output affine, its exact integer scores
/// (``FixedOutputAffine``) — and the predicted class is the first largest score (ties to
/// the lowest class, like `torch.argmax`). A convolutional front (``features``,
/// ``FeatureLayer``) may come before the dense layers. See docs/binarized.md.
public struct BinarizedNet: Hashable, Sendable {
  /// The inputs of the net.
  public let input: InputFormat
  /// The number of inputs.
  public let inputs: Int
  /// The image the inputs form, when the net has a convolutional front.
  public let image: ImageShape?
  /// The convolutional front (empty for a multilayer perceptron).
  public let features: [FeatureLayer]
  /// The dense layers; every one but the last has activations.
  public let layers: [DenseLayer]
  /// The per-class affine after the last layer, if any.
  public let outputAffine: OutputAffine?
  /// ``outputAffine`` in exact integers: then the class scores are its `A_c·dot_c + B_c`.
  public private(set) var fixedAffine: FixedOutputAffine?

  /// A net, validated: layer widths chain, weights lie in their mode's range, integer
  /// weights only on a first layer with integer inputs, activations on every hidden layer
  /// and none on the last; every dot product bounded by 2^52.
  public init(
    input: InputFormat, inputs: Int, image: ImageShape? = nil, features: [FeatureLayer] = [],
    layers: [DenseLayer], outputAffine: OutputAffine? = nil
  ) throws(BinarizedNetError) {
    guard inputs >= 1 else { throw .file("field 'input.count': must be at least 1") }
    guard !layers.isEmpty else { throw .file("field 'layers': expected at least one layer") }
    var width = try Self.featureWidth(
      input: input, inputs: inputs, image: image, features: features)
    for (l, layer) in layers.enumerated() {
      let path = "layers[\(l)]"
      guard layer.inputs == width else {
        throw .file("field '\(path).weights': rows have \(layer.inputs) entries, expected \(width)")
      }
      if case .integer = layer.mode, !(l == 0 && input.isInteger && features.isEmpty) {
        throw .file("field '\(path).mode': int weights need integer inputs (first layer only)")
      }
      let range = layer.mode.weightRange
      if let bad = layer.weights.firstIndex(where: { !range.contains(Int($0)) }) {
        throw .file(
          "field '\(path).weights[\(bad / layer.inputs)][\(bad % layer.inputs)]': "
            + "\(layer.weights[bad]) is outside \(range.lowerBound)...\(range.upperBound)")
      }
      let hidden = l + 1 < layers.count
      if hidden != (layer.activations != nil) {
        throw .file(
          "field '\(path).activations': "
            + (hidden ? "missing on a hidden layer" : "not allowed on the last layer"))
      }
      if let activations = layer.activations, activations.count != layer.outputs {
        throw .file(
          "field '\(path).activations': \(activations.count) entries, expected \(layer.outputs)")
      }
      width = layer.outputs
    }
    self.input = input
    self.inputs = inputs
    self.image = image
    self.features = features
    self.layers = layers
    self.outputAffine = outputAffine
    let bound = (0..<layers.count).map { dotBound(layer: $0) }.max()!
    guard bound <= 1 << 52 else { throw .file("field 'layers': dot products exceed 2^52") }
    fixedAffine = try FixedOutputAffine.of(self)
  }

  /// The number of classes (outputs of the last layer).
  public var classes: Int { layers[layers.count - 1].outputs }

  /// The bits of one encoded sample: `inputs × bits` (bit `i·bits + j` is bit `j` of input
  /// `i`, least significant first).
  public var sampleBits: Int { inputs * input.bits }

  /// The largest |input| of layer `l`: the integer range for layer 0 of an integer net, 1
  /// otherwise.
  public func inputMagnitude(layer l: Int) -> Int {
    l == 0 && features.isEmpty ? Self.magnitude(input) : 1
  }

  /// The largest |dot| of any neuron of layer `l`.
  public func dotBound(layer l: Int) -> Int {
    let layer = layers[l]
    let m = inputMagnitude(layer: l)
    return (0..<layer.outputs).map { o in
      layer.row(o).reduce(0) { $0 + abs(Int($1)) } * m
    }.max() ?? 0
  }

  /// The width of the signed class-score ports: `bitLength(bound) + 1` (bitLength(0) = 1)
  /// for the largest |score| `bound` of the last layer (or of ``fixedAffine``).
  public var scoreWidth: Int {
    if let fixedAffine { return fixedAffine.scoreWidth }
    let bound = dotBound(layer: layers.count - 1)
    return (bound == 0 ? 1 : Int.bitWidth - bound.leadingZeroBitCount) + 1
  }
}

/// What the net's inputs are.
public enum InputFormat: Hashable, Sendable {
  /// One bit per input, 1 ↦ +1 and 0 ↦ −1.
  case bits
  /// `bits`-bit integers, two's complement when `signed`.
  case integers(bits: Int, signed: Bool)

  /// Bits per input.
  public var bits: Int {
    switch self {
    case .bits: return 1
    case .integers(let bits, _): return bits
    }
  }

  /// Whether the inputs are integers.
  public var isInteger: Bool { self != .bits }
}

/// The weight mode of a layer.
public enum WeightMode: Hashable, Sendable {
  /// ±1 weights.
  case binary
  /// −1, 0 or +1 weights.
  case ternary
  /// `bits`-bit signed integers (2…16).
  case integer(bits: Int)

  /// The allowed weight values.
  public var weightRange: ClosedRange<Int> {
    switch self {
    case .binary, .ternary: return -1...1
    case .integer(let bits): return -(1 << (bits - 1))...((1 << (bits - 1)) - 1)
    }
  }

  /// The name in files: `binary`, `ternary`, `int<K>`.
  public var name: String {
    switch self {
    case .binary: return "binary"
    case .ternary: return "ternary"
    case .integer(let bits): return "int\(bits)"
    }
  }
}

/// A hidden neuron's activation: the output bit as a function of the integer dot product.
public enum NeuronActivation: Hashable, Sendable {
  /// 1 when `dot ≥ T`.
  case atLeast(Int)
  /// 1 when `dot ≤ T`.
  case atMost(Int)
  /// Always this bit.
  case constant(Bool)

  /// The output bit for `dot`.
  public func fires(_ dot: Int) -> Bool {
    switch self {
    case .atLeast(let t): return dot >= t
    case .atMost(let t): return dot <= t
    case .constant(let bit): return bit
    }
  }
}

/// One fully connected layer.
public struct DenseLayer: Hashable, Sendable {
  /// The weight mode.
  public let mode: WeightMode
  /// Inputs per neuron.
  public let inputs: Int
  /// Neurons.
  public let outputs: Int
  /// Row-major weights, `weights[o·inputs + i]`.
  public let weights: [Int16]
  /// The neurons' activations (hidden layers), or `nil` (the last layer).
  public let activations: [NeuronActivation]?

  /// A layer; ``BinarizedNet/init(input:inputs:image:features:layers:outputAffine:)`` validates it.
  public init(
    mode: WeightMode, inputs: Int, outputs: Int, weights: [Int16],
    activations: [NeuronActivation]?
  ) {
    precondition(weights.count == inputs * outputs, "weights must be inputs × outputs")
    self.mode = mode
    self.inputs = inputs
    self.outputs = outputs
    self.weights = weights
    self.activations = activations
  }

  /// The weights of neuron `o`.
  public func row(_ o: Int) -> ArraySlice<Int16> { weights[(o * inputs)..<((o + 1) * inputs)] }
}
