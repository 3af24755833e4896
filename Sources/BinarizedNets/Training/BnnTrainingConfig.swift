import TrainingCore

/// Everything that defines a binarized net to train and how: the input, the dense layers,
/// the sign estimator, the binarization, the optional output batch norm, the seed and the
/// optimiser settings. Results depend on all of it, never on ``threads``.
public struct BnnTrainingConfig: Hashable, Sendable {
  /// The inputs of the net.
  public var input: InputFormat
  /// The number of inputs.
  public var inputs: Int
  /// The dense layers; the last one's outputs are the classes.
  public var layers: [DenseLayerSpec]
  /// The shape of the inputs as an image (`C × H × W`, channel-major), needed by
  /// ``features``.
  public var image: ImageShape?
  /// The convolutional front before the dense layers (empty for an MLP).
  public var features: [FeatureLayerSpec]
  /// The gradient of hidden `sign` activations.
  public var estimator: SignEstimator
  /// Deterministic or stochastic hidden activations in training.
  public var binarization: Binarization
  /// A batch norm on the output layer (exported as the net's ``OutputAffine``); off: the
  /// scores are the integer dot products.
  public var outputBatchNorm: Bool
  /// The seed of every random choice.
  public var seed: UInt64
  /// Epochs over the training samples.
  public var epochs: Int
  /// Samples per mini-batch.
  public var batchSize: Int
  /// Adam's learning rate.
  public var learningRate: Float
  /// Worker threads (results do not depend on it).
  public var threads: Int

  /// Batch norm's ε and running-statistics momentum (torch's defaults).
  public static let epsilon: Float = 1e-5
  /// The weight of a new batch in the running statistics.
  public static let momentum: Float = 0.1
  /// The most training samples evaluated each epoch.
  public static let trainEvaluationLimit = 10_000

  /// A configuration; ``validate()`` checks it.
  public init(
    input: InputFormat, inputs: Int, layers: [DenseLayerSpec], estimator: SignEstimator = .ste,
    binarization: Binarization = .det, outputBatchNorm: Bool = false, seed: UInt64 = 0,
    epochs: Int = 10, batchSize: Int = 64, learningRate: Float = 0.01, threads: Int = 1,
    image: ImageShape? = nil, features: [FeatureLayerSpec] = []
  ) {
    self.image = image
    self.features = features
    self.input = input
    self.inputs = inputs
    self.layers = layers
    self.estimator = estimator
    self.binarization = binarization
    self.outputBatchNorm = outputBatchNorm
    self.seed = seed
    self.epochs = epochs
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.threads = threads
  }

  /// The number of classes.
  public var classes: Int { layers.last?.outputs ?? 0 }

  /// The inputs of dense layer `l` (layer 0 reads the last image of the front, if any).
  public func fanIn(_ l: Int) -> Int {
    guard l == 0 else { return layers[l - 1].outputs }
    return features.isEmpty ? inputs : featureShapes.last?.count ?? inputs
  }

  /// The image before each feature layer and, last, the image the dense layers read
  /// (empty without an image).
  public var featureShapes: [ImageShape] {
    guard var shape = image else { return [] }
    var shapes = [shape]
    for layer in features {
      shape = layer.outputShape(shape)
      shapes.append(shape)
    }
    return shapes
  }

  /// Whether dense layer 0 reads the integer inputs themselves (no front, integer inputs).
  var integerFirstDenseLayer: Bool { features.isEmpty && input.isInteger }

  /// Whether layer `l` has a batch norm (every hidden layer; the last with
  /// ``outputBatchNorm``).
  public func hasBatchNorm(_ l: Int) -> Bool { l + 1 < layers.count || outputBatchNorm }

  /// Throws the first invalid setting as a one-line error.
  public func validate() throws(BnnTrainingError) {
    guard !layers.isEmpty else { throw .invalidOption("--layers: expected at least one layer") }
    guard (1...(1 << 20)).contains(inputs) else {
      throw .invalidOption("inputs must be 1...\(1 << 20), got \(inputs)")
    }
    if case .integers(let bits, _) = input, !(1...16).contains(bits) {
      throw .invalidOption("integer inputs must have 1...16 bits, got \(bits)")
    }
    for (l, layer) in layers.enumerated() {
      if case .integer = layer.weights, !(l == 0 && integerFirstDenseLayer) {
        throw .invalidOption(
          "--layers: \(layer.weights.name) weights need integer inputs (first layer only; "
            + "use --encoding fixed or raw)")
      }
    }
    try validateFeatures()
    try validateComplex()
    guard epochs >= 0 && epochs <= 1_000_000 else {
      throw .invalidOption("--epochs must be 0...1000000, got \(epochs)")
    }
    guard (1...(1 << 20)).contains(batchSize) else {
      throw .invalidOption("--batch-size must be 1...\(1 << 20), got \(batchSize)")
    }
    if case .reste(let o, let t) = estimator {
      guard o.isFinite && o >= 1 && o <= 100, t.isFinite && t > 0 && t <= 100 else {
        throw .invalidOption("ReSTE needs a power o in 1...100 and a threshold t in (0, 100]")
      }
    }
    do throws(TrainingError) {
      try AdamHyperparameters(learningRate: learningRate).validate()
      try TrainingLimits.check(threads: threads, partitions: 1)
    } catch {
      throw .training(error)
    }
    var parameters = 0
    for l in layers.indices {
      let (count, overflow) = fanIn(l).multipliedReportingOverflow(by: layers[l].outputs)
      guard !overflow, count <= TrainingLimits.maximumParameters / 4 else {
        throw .invalidOption("layer \(l) has more than 2^26 weights")
      }
      parameters += count * layers[l].weights.latentMatrices
    }
    guard parameters <= TrainingLimits.maximumParameters / 4 else {
      throw .invalidOption("the net has more than 2^26 trainable weights")
    }
    let widest =
      ((0...layers.count).map { $0 < layers.count ? fanIn($0) : classes }
      + featureWidths).max()!
    let (rows, overflow) = batchSize.multipliedReportingOverflow(by: widest)
    guard !overflow && rows <= TrainingLimits.maximumWorkerRows else {
      throw .invalidOption(
        "--batch-size \(batchSize) × the widest layer (\(widest)) exceed "
          + "\(TrainingLimits.maximumWorkerRows) activations; use a smaller batch")
    }
  }
}
