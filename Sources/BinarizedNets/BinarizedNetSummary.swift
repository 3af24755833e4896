/// What a ``BinarizedNet`` is made of, as data: its input, then per layer (convolution,
/// max-pool, dense) the shapes, the weight mode, how many weights are zero and how its
/// neurons' thresholds look; then the output affine. `bittrue bnn report` prints it next to
/// the hardware the unrolled lowering costs.
public struct BinarizedNetSummary: Codable, Hashable, Sendable {
  /// One layer of the net.
  public struct Layer: Codable, Hashable, Sendable {
    /// `convolution`, `maxpool` or `dense`.
    public var kind: String
    /// The shape it reads: `C×H×W` for an image, the value count otherwise.
    public var input: String
    /// The shape it makes.
    public var output: String
    /// Kernel, stride and padding of a convolution or max-pool (`3×3 stride 1 padding 1`).
    public var window: String?
    /// The weight mode (`binary`, `ternary`, `int8`); nil for a max-pool.
    public var weights: String?
    /// Number of weights.
    public var weightCount: Int
    /// Number of zero weights (no hardware: a masked or dropped input).
    public var zeroWeights: Int
    /// The neurons' thresholds (nil for a max-pool and the last dense layer).
    public var thresholds: Thresholds?
  }

  /// The activations of one layer's neurons (output channels for a convolution).
  public struct Thresholds: Codable, Hashable, Sendable {
    /// Neurons firing on `dot ≥ T`.
    public var atLeast: Int
    /// Neurons firing on `dot ≤ T` (a negative batch-norm scale).
    public var atMost: Int
    /// Neurons with a constant output.
    public var constant: Int
    /// The smallest and largest `T`, when any neuron compares.
    public var lowest: Int?
    /// See ``lowest``.
    public var highest: Int?

    /// The summary of `activations`.
    init(_ activations: [NeuronActivation]) {
      var values: [Int] = []
      (atLeast, atMost, constant) = (0, 0, 0)
      for activation in activations {
        switch activation {
        case .atLeast(let t):
          atLeast += 1
          values.append(t)
        case .atMost(let t):
          atMost += 1
          values.append(t)
        case .constant: constant += 1
        }
      }
      lowest = values.min()
      highest = values.max()
    }
  }

  /// The input: `bits`, `uint8`, `int4`.
  public var input: String
  /// Number of inputs.
  public var inputs: Int
  /// The input image `C×H×W`, when the net has a convolutional front.
  public var image: String?
  /// The layers, the convolutional front first.
  public var layers: [Layer]
  /// Number of classes.
  public var classes: Int
  /// Whether a per-class affine follows the last layer (computed exactly in fixed point).
  public var outputAffine: Bool

  /// The summary of `net`.
  public init(_ net: BinarizedNet) {
    switch net.input {
    case .bits: input = "bits"
    case .integers(let bits, let signed): input = "\(signed ? "int" : "uint")\(bits)"
    }
    inputs = net.inputs
    image = net.image.map(Self.text)
    let shapes = net.featureShapes
    layers = zip(net.features, zip(shapes, shapes.dropFirst())).map { layer, shape in
      switch layer {
      case .convolution(let c):
        return Layer(
          kind: "convolution", input: Self.text(shape.0), output: Self.text(shape.1),
          window: "\(c.kernel)×\(c.kernel) stride \(c.stride) padding \(c.padding)",
          weights: c.mode.name, weightCount: c.weights.count,
          zeroWeights: c.weights.count { $0 == 0 }, thresholds: Thresholds(c.activations))
      case .maxPool(let p):
        return Layer(
          kind: "maxpool", input: Self.text(shape.0), output: Self.text(shape.1),
          window: "\(p.size)×\(p.size) stride \(p.stride)", weights: nil, weightCount: 0,
          zeroWeights: 0, thresholds: nil)
      }
    }
    layers += net.layers.map { d in
      Layer(
        kind: "dense", input: "\(d.inputs)", output: "\(d.outputs)", window: nil,
        weights: d.mode.name, weightCount: d.weights.count,
        zeroWeights: d.weights.count { $0 == 0 }, thresholds: d.activations.map(Thresholds.init))
    }
    classes = net.classes
    outputAffine = net.outputAffine != nil
  }

  /// `C×H×W`.
  static func text(_ shape: ImageShape) -> String {
    "\(shape.channels)×\(shape.height)×\(shape.width)"
  }

  /// The summary as lines of text: the input, one line per layer (`feature 0` … for the
  /// convolutional front, `layer 0` … for the dense layers), the output.
  public var lines: [String] {
    var lines = ["input: \(inputs) \(input)" + (image.map { " (image \($0))" } ?? "")]
    var counts = (features: 0, dense: 0)
    for layer in layers {
      // Named as the hardware regions are: `feature l` (the front), `layer l` (dense).
      var line: String
      if layer.kind == "dense" {
        line = "layer \(counts.dense): "
        counts.dense += 1
      } else {
        line = "feature \(counts.features): "
        counts.features += 1
      }
      line += "\(layer.kind) \(layer.input) → \(layer.output)"
      if let window = layer.window { line += ", \(window)" }
      if let weights = layer.weights {
        line += "; \(layer.weightCount) \(weights) weights, \(layer.zeroWeights) zero"
      }
      if let t = layer.thresholds {
        line += "; thresholds: \(t.atLeast) ≥ T, \(t.atMost) ≤ T, \(t.constant) constant"
        if let lowest = t.lowest, let highest = t.highest {
          line += ", T in \(lowest)...\(highest)"
        }
      }
      lines.append(line)
    }
    lines.append(
      "output: \(classes) classes, "
        + (outputAffine
          ? "a per-class affine on the last layer's dot products (exact fixed point)"
          : "the last layer's dot products")
        + ", argmax (ties to the lowest class)")
    return lines
  }
}
