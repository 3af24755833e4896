import TrainingCore

/// How to train: optimiser, batching, parallelism, evaluation.
public struct TrainingOptions: Sendable, Hashable {
  /// The default number of parts a mini-batch is split into (a constant, so results never
  /// follow the machine's core count).
  public static let defaultPartitions = 2

  /// The number of Adam steps (mini-batches).
  public var iterations: Int
  /// Samples per mini-batch (the last batch of an epoch may be smaller).
  public var batchSize: Int
  /// Adam's learning rate (difflogic recommends 0.01).
  public var learningRate: Float
  /// Adam's β₁.
  public var beta1: Float
  /// Adam's β₂.
  public var beta2: Float
  /// Adam's ε.
  public var epsilon: Float
  /// The number of threads (cores) to use, 1…``TrainingCore/TrainingLimits/maximumThreads``.
  public var threads: Int
  /// The number of fixed parts each mini-batch is split into; each part's gradient is
  /// computed separately and the parts are summed in order. Results depend on this, not on
  /// `threads` (at most `partitions` threads do useful work).
  /// 1…``TrainingCore/TrainingLimits/maximumPartitions``.
  public var partitions: Int
  /// Samples per SIMD tile: 8 (fastest measured) or 16; it changes float summation order,
  /// hence the exact weights.
  public var tileWidth: Int
  /// Evaluate the discretised net every this many iterations (0: only at the end).
  public var evaluationInterval: Int
  /// How many training samples (from the start) the periodic train accuracy uses.
  public var trainEvaluationLimit: Int
  /// The seed of the epoch shuffles (`nil`: the model's seed).
  public var shuffleSeed: UInt64?

  /// Options with difflogic's defaults (Adam, lr 0.01, β = (0.9, 0.999), ε = 1e-8).
  public init(
    iterations: Int, batchSize: Int = 100, learningRate: Float = 0.01, beta1: Float = 0.9,
    beta2: Float = 0.999, epsilon: Float = 1e-8, threads: Int = 1,
    partitions: Int = defaultPartitions,
    tileWidth: Int = 8, evaluationInterval: Int = 0, trainEvaluationLimit: Int = 10_000,
    shuffleSeed: UInt64? = nil
  ) {
    self.iterations = iterations
    self.batchSize = batchSize
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
    self.threads = threads
    self.partitions = partitions
    self.tileWidth = tileWidth
    self.evaluationInterval = evaluationInterval
    self.trainEvaluationLimit = trainEvaluationLimit
    self.shuffleSeed = shuffleSeed
  }

  /// Throws the first out-of-range option.
  public func validate() throws(LogicNetsError) {
    func check(_ ok: Bool, _ message: String) throws(LogicNetsError) {
      if !ok { throw .invalidConfiguration(message) }
    }
    try check(iterations >= 0, "iterations must not be negative")
    try check(batchSize >= 1, "batch size must be at least 1")
    do throws(TrainingError) {
      try TrainingLimits.check(threads: threads, partitions: partitions)
      try adam.validate()
    } catch {
      throw .training(error)
    }
    try check([8, 16].contains(tileWidth), "tile width must be 8 or 16")
    try check(evaluationInterval >= 0, "evaluation interval must not be negative")
    try check(trainEvaluationLimit >= 0, "train evaluation limit must not be negative")
  }

  /// Adam's hyper-parameters.
  var adam: AdamHyperparameters {
    AdamHyperparameters(
      learningRate: learningRate, beta1: beta1, beta2: beta2, epsilon: epsilon)
  }
}
