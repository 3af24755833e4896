/// How to train: optimiser, batching, parallelism, evaluation.
public struct TrainingOptions: Sendable, Hashable {
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
  /// The number of concurrent tasks (cores) to use.
  public var threads: Int
  /// The number of fixed parts each mini-batch is split into; each part's gradient is
  /// computed separately and the parts are summed in order. Results depend on this, not on
  /// `threads`. `nil` means `threads`.
  public var partitions: Int?
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
    beta2: Float = 0.999, epsilon: Float = 1e-8, threads: Int = 1, partitions: Int? = nil,
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
    try check(learningRate.isFinite && learningRate > 0, "learning rate must be positive")
    try check((0..<1).contains(beta1) && (0..<1).contains(beta2), "Adam betas must be in [0, 1)")
    try check(epsilon.isFinite && epsilon > 0, "Adam epsilon must be positive")
    try check(threads >= 1, "threads must be at least 1")
    try check((partitions ?? 1) >= 1, "partitions must be at least 1")
    try check([8, 16].contains(tileWidth), "tile width must be 8 or 16")
    try check(evaluationInterval >= 0, "evaluation interval must not be negative")
    try check(trainEvaluationLimit >= 0, "train evaluation limit must not be negative")
  }
}
