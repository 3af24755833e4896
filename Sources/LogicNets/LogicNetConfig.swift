import TrainingCore

/// How the 16 logits of every neuron start.
public enum LogitInitialization: Sendable, Hashable, Codable {
  /// difflogic's default: i.i.d. standard normal logits (`torch.randn`), drawn from
  /// ``RandomStreams/logits(seed:layer:)``.
  case gaussian
  /// "Residual initialisation" of the convolutional difflogic paper (Petersen et al. 2024):
  /// logit `z` for the pass-through gate `a` (id 3), 0 for the others — z = 5 puts ≈ 91 % of
  /// the probability on `a`, so a deep net starts close to the identity. Uses no randomness.
  case residual(z: Float)
}

/// The shape and hyper-parameters of a difflogic network.
///
/// Sizes are bounded so that no configuration can ask for more memory than a training run
/// can hold: at most ``maximumLayers`` layers, ``maximumInputs`` inputs and ``maximumGates``
/// neurons in total (16 logits each, so 2²⁸ trainable parameters, the budget of
/// ``TrainingCore/TrainingLimits/maximumParameters``).
public struct LogicNetConfig: Sendable, Hashable, Codable {
  /// The most layers a network may have.
  public static let maximumLayers = 4096
  /// The most binary inputs a network may read (2²⁰, far above any data set's encoded width:
  /// MNIST at 255 thresholds is 2·10⁵); net and model files are bounded by the same number.
  public static let maximumInputs = 1 << 20
  /// The most neurons (gates) over all layers.
  public static let maximumGates = TrainingLimits.maximumParameters / 16

  /// The number of binary inputs.
  public var inputs: Int
  /// The number of neurons of each layer, first to last.
  public var layerWidths: [Int]
  /// The number of classes `k` of the GroupSum output; the last layer's width must be a
  /// multiple of it (class `c` owns neurons `c·n/k ..< (c+1)·n/k`).
  public var classes: Int
  /// The GroupSum temperature: scores are class counts divided by `tau`.
  public var tau: Float
  /// The connection scheme of every layer.
  public var connections: ConnectionScheme
  /// The initial logits.
  public var initialization: LogitInitialization
  /// The seed of every random stream (``RandomStreams``).
  public var seed: UInt64
  /// difflogic's `grad_factor`: multiplies the gradient passed from each layer to its input
  /// (1 = plain backpropagation; 1.1–2 helps nets deeper than about 6 layers).
  public var gradFactor: Float

  /// A configuration; `validate()` checks it.
  public init(
    inputs: Int, layerWidths: [Int], classes: Int, tau: Float,
    connections: ConnectionScheme = .unique, initialization: LogitInitialization = .gaussian,
    seed: UInt64 = 0, gradFactor: Float = 1
  ) {
    self.inputs = inputs
    self.layerWidths = layerWidths
    self.classes = classes
    self.tau = tau
    self.connections = connections
    self.initialization = initialization
    self.seed = seed
    self.gradFactor = gradFactor
  }

  /// Throws the first problem: empty, non-positive or too large sizes, a non-divisible
  /// GroupSum, or a non-positive / non-finite tau or grad factor. Wiring limits are checked
  /// when drawing.
  public func validate() throws(LogicNetsError) {
    guard (1...Self.maximumInputs).contains(inputs) else {
      throw .invalidConfiguration("inputs must be in 1...\(Self.maximumInputs), got \(inputs)")
    }
    guard (1...Self.maximumLayers).contains(layerWidths.count) else {
      throw .invalidConfiguration(
        "a net has 1...\(Self.maximumLayers) layers, got \(layerWidths.count)")
    }
    var gates = 0
    for (l, width) in layerWidths.enumerated() {
      guard width >= 1 else { throw .invalidConfiguration("layer \(l) has \(width) neurons") }
      gates += min(width, Self.maximumGates + 1)
      guard gates <= Self.maximumGates else {
        throw .invalidConfiguration(
          "more than \(Self.maximumGates) gates in layers 0...\(l) (16 trainable logits each)")
      }
    }
    guard classes >= 1 else { throw .invalidConfiguration("classes must be at least 1") }
    guard layerWidths.last! % classes == 0 else {
      throw .groupSumNotDivisible(neurons: layerWidths.last!, classes: classes)
    }
    guard tau.isFinite && tau > 0 else {
      throw .invalidConfiguration("tau must be finite and positive, got \(tau)")
    }
    guard gradFactor.isFinite && gradFactor > 0 else {
      throw .invalidConfiguration("grad factor must be finite and positive, got \(gradFactor)")
    }
    if case .residual(let z) = initialization, !z.isFinite {
      throw .invalidConfiguration("residual init z must be finite")
    }
  }

  /// The number of inputs of layer `l` (the inputs, or the previous layer's width).
  package func inputCount(ofLayer l: Int) -> Int { l == 0 ? inputs : layerWidths[l - 1] }

  /// The total number of neurons (gates).
  public var gateCount: Int { layerWidths.reduce(0, +) }
}
