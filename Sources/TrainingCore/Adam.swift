/// Adam's hyper-parameters (Kingma & Ba; torch's defaults except the learning rate).
public struct AdamHyperparameters: Sendable, Hashable {
  /// The learning rate.
  public var learningRate: Float
  /// The decay of the first moment.
  public var beta1: Float
  /// The decay of the second moment.
  public var beta2: Float
  /// The term that keeps the denominator away from 0.
  public var epsilon: Float

  /// Hyper-parameters; `validate()` checks them.
  public init(learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8)
  {
    self.learningRate = learningRate
    self.beta1 = beta1
    self.beta2 = beta2
    self.epsilon = epsilon
  }

  /// Throws the first out-of-range value.
  public func validate() throws(TrainingError) {
    guard learningRate.isFinite && learningRate > 0 else {
      throw .invalidOption("learning rate must be positive, got \(learningRate)")
    }
    guard (0..<1).contains(beta1) && (0..<1).contains(beta2) else {
      throw .invalidOption("Adam betas must be in [0, 1)")
    }
    guard epsilon.isFinite && epsilon > 0 else {
      throw .invalidOption("Adam epsilon must be positive")
    }
  }
}

/// Adam over flat parameter rows, in torch's formulation:
///
/// ```
/// m ← m + (g − m)·(1 − β₁)          v ← v·β₂ + g·g·(1 − β₂)
/// w ← w − (lr / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
/// ```
///
/// The optimiser holds only the step count and `β₁ᵗ`, `β₂ᵗ` (kept in `Double` by repeated
/// multiplication, no C library `pow`); the parameters and both moments stay in the
/// family's own rows (any ``FloatRow`` layout). Call ``beginStep()`` once per step, then
/// ``update(_:m:v:gradient:)`` for every row — in any order or in parallel: rows are
/// independent.
package struct AdamOptimizer: Sendable, Hashable {
  /// The hyper-parameters.
  package let hyperparameters: AdamHyperparameters
  /// The number of steps begun.
  package private(set) var step: Int
  private var beta1Power: Double = 1
  private var beta2Power: Double = 1

  /// An optimiser that has taken `step` steps (0 for a fresh start, the saved count to
  /// resume).
  package init(_ hyperparameters: AdamHyperparameters, step: Int = 0) {
    precondition(step >= 0, "a step count is not negative")
    self.hyperparameters = hyperparameters
    self.step = 0
    // Once multiplying changes neither power (0, or stuck at the least subnormal), further
    // steps change nothing, so a huge saved count ends the loop early.
    for _ in 0..<step {
      let before = (beta1Power, beta2Power)
      advancePowers()
      if before == (beta1Power, beta2Power) { break }
    }
    self.step = step
  }

  /// Starts the next step (advances the step count and the bias corrections).
  package mutating func beginStep() {
    step += 1
    advancePowers()
  }

  private mutating func advancePowers() {
    beta1Power *= Double(hyperparameters.beta1)
    beta2Power *= Double(hyperparameters.beta2)
  }

  /// The scalars of the current step: `lr / (1 − β₁ᵗ)` and `√(1 − β₂ᵗ)`.
  @inlinable
  package var stepScalars: (stepSize: Float, correction2: Float) {
    (
      hyperparameters.learningRate / Float(1 - powers.0),
      Float((1 - powers.1).squareRoot())
    )
  }

  @usableFromInline
  var powers: (Double, Double) { (beta1Power, beta2Power) }

  /// Updates one row `w` and its moments `m`, `v` with gradient `g`; `scalars` is
  /// ``stepScalars`` of the current step (computed once per step).
  @inlinable
  package func update<Row: FloatRow>(
    _ w: inout Row, m: inout Row, v: inout Row, gradient g: Row,
    scalars: (stepSize: Float, correction2: Float)
  ) {
    let b1 = hyperparameters.beta1
    let b2 = hyperparameters.beta2
    m = m + (g - m) * (1 - b1)
    v = v * b2 + g * g * (1 - b2)
    w = w - scalars.stepSize * m / (v.squareRoot() / scalars.correction2 + hyperparameters.epsilon)
  }
}
