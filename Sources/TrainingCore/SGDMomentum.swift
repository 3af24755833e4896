/// Stochastic gradient descent with momentum over flat `Float` rows, in torch's
/// formulation (no dampening, no Nesterov):
///
/// ```
/// g ← g + λ·w                      (weight decay λ, when not 0)
/// b ← g on the first step, else b·μ + g
/// w ← w − lr·b
/// ```
///
/// Like ``AdamOptimizer`` it holds only the step count; the rows and the momentum buffers
/// are the family's. Integer trainers (WAGEUBN) update in integers and use their own
/// arithmetic; they share the loop, batching, logs and digests, not this type.
package struct SGDMomentum: Sendable, Hashable {
  /// The learning rate.
  package let learningRate: Float
  /// The momentum μ (0: plain SGD).
  package let momentum: Float
  /// The L2 weight decay λ.
  package let weightDecay: Float
  /// The number of steps begun.
  package private(set) var step: Int

  /// An optimiser that has taken `step` steps.
  package init(learningRate: Float, momentum: Float, weightDecay: Float = 0, step: Int = 0)
    throws(TrainingError)
  {
    guard learningRate.isFinite && learningRate > 0 else {
      throw .invalidOption("learning rate must be positive, got \(learningRate)")
    }
    guard (0..<1).contains(momentum) else {
      throw .invalidOption("momentum must be in [0, 1), got \(momentum)")
    }
    guard weightDecay.isFinite && weightDecay >= 0 else {
      throw .invalidOption("weight decay must not be negative, got \(weightDecay)")
    }
    precondition(step >= 0, "a step count is not negative")
    self.learningRate = learningRate
    self.momentum = momentum
    self.weightDecay = weightDecay
    self.step = step
  }

  /// Starts the next step.
  package mutating func beginStep() { step += 1 }

  /// Updates one row `w` and its momentum buffer `buffer` with gradient `g`.
  @inlinable
  package func update<Row: FloatRow>(_ w: inout Row, buffer: inout Row, gradient g: Row) {
    let decayed = weightDecay == 0 ? g : g + w * weightDecay
    buffer = step <= 1 ? decayed : buffer * momentum + decayed
    w = w - learningRate * buffer
  }
}
