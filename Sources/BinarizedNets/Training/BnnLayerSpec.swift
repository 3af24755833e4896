/// How a dense layer's float master weights become the integer weights of the deployed net.
public enum TrainingWeights: Hashable, Sendable {
  /// ±1: the sign of the latent weight (0 ↦ +1), straight-through gradient, latent weights
  /// clipped to [−1, 1] (BinaryConnect).
  case binary
  /// −1/0/+1 by the TWN threshold Δ = 0.7·mean|W| over the layer, with the per-layer scale
  /// α = mean |W| over the weights above Δ in training.
  case ternary
  /// −1/0/+1 as posNet − negNet: two latent matrices P and N, weight `[P > 0] − [N > 0]`
  /// (threshold 0 on `tanh`), gradients through `tanh` (plinear).
  case ternaryPlinear
  /// K-bit signed fixed-point weights `sfixK_En(K−1)` (values in [−1, 1)), rounded with
  /// RND_CONV and saturated; a first layer on integer inputs only.
  case integer(bits: Int)
  /// A complex layer (plinear's PLinear_Complex): ternary A and B, each posNet − negNet,
  /// `Re' = A·Re − B·Im`, `Im' = A·Im + B·Re`; deployed as the ternary layer
  /// `[[A, −B], [B, A]]` (or `[A; B]` on a real input, whose imaginary part is zero). Its
  /// input is complex when the previous dense layer is complex (``ComplexLayout``).
  case complex(complexInput: Bool)

  /// The deployed weight mode.
  public var mode: WeightMode {
    switch self {
    case .binary: return .binary
    case .ternary, .ternaryPlinear, .complex: return .ternary
    case .integer(let bits): return .integer(bits: bits)
    }
  }

  /// The spelling in `--layers`: `binary`, `ternary`, `plinear`, `int<K>`, `complex`.
  public var name: String {
    switch self {
    case .binary: return "binary"
    case .ternary: return "ternary"
    case .ternaryPlinear: return "plinear"
    case .integer(let bits): return "int\(bits)"
    case .complex: return "complex"
    }
  }

  /// Latent matrices per layer, in units of `outputs × inputs` (2 for plinear's P and N,
  /// and for complex: P and N of A and B, each `outputs/2 × complex inputs`).
  var latentMatrices: Int {
    switch self {
    case .ternaryPlinear, .complex(complexInput: false): return 2
    case .binary, .ternary, .integer, .complex(complexInput: true): return 1
    }
  }
}

/// One dense layer of a net to train: `WEIGHTS:OUTPUTS` in `--layers`.
public struct DenseLayerSpec: Hashable, Sendable {
  /// The weight mode.
  public var weights: TrainingWeights
  /// The number of neurons.
  public var outputs: Int

  /// A layer of `outputs` neurons.
  public init(weights: TrainingWeights, outputs: Int) {
    self.weights = weights
    self.outputs = outputs
  }

  /// The largest neuron count of a layer.
  public static let maximumOutputs = 1 << 16

  /// Parses `"int8:64,binary:64,ternary:10"` (weights `binary`, `ternary`, `plinear`,
  /// `complex` or `int2`…`int16`; outputs 1…65536; a complex layer's input is complex
  /// after another complex layer).
  public static func parseList(_ text: String) throws(BnnTrainingError) -> [DenseLayerSpec] {
    let items = text.split(separator: ",", omittingEmptySubsequences: false)
    guard !items.isEmpty, items.count <= BinarizedNet.maxLayers else {
      throw .invalidOption("--layers: expected 1...\(BinarizedNet.maxLayers) layers")
    }
    var specs: [DenseLayerSpec] = []
    for item in items {
      let parts = item.split(separator: ":", omittingEmptySubsequences: false)
      guard parts.count == 2, let outputs = Int(parts[1]),
        (1...maximumOutputs).contains(outputs)
      else {
        throw .invalidOption(
          "--layers: '\(item)' is not WEIGHTS:OUTPUTS (e.g. binary:64, outputs 1...\(maximumOutputs))"
        )
      }
      var weights = try weights(String(parts[0]))
      if weights.isComplex {
        weights = .complex(complexInput: specs.last?.weights.isComplex ?? false)
      }
      specs.append(DenseLayerSpec(weights: weights, outputs: outputs))
    }
    return specs
  }

  private static func weights(_ name: String) throws(BnnTrainingError) -> TrainingWeights {
    switch name {
    case "binary": return .binary
    case "ternary": return .ternary
    case "plinear": return .ternaryPlinear
    case "complex": return .complex(complexInput: false)
    default:
      let digits = name.dropFirst(3)
      if name.hasPrefix("int"), !digits.isEmpty, digits.allSatisfy(\.isASCII),
        digits.allSatisfy(\.isNumber), let k = Int(digits), (2...16).contains(k)
      {
        return .integer(bits: k)
      }
      throw .invalidOption(
        "--layers: unknown weights '\(name)' (expected binary, ternary, plinear, complex or "
          + "int2…int16)")
    }
  }
}
