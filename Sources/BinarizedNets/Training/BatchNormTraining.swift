/// Batch norm over a mini-batch in training, per neuron `o` of a `samples × outputs`
/// matrix: `x̂ = (z − μ_B)/√(σ²_B + ε)`, `y = γ·x̂ + β`, with the batch mean μ_B and biased
/// variance σ²_B (sums in sample order, in `Double`); the running statistics move by
/// ``BnnTrainingConfig/momentum`` toward μ_B and the unbiased variance (torch's rule).
struct BatchNormTraining {
  /// `x̂`, sample-major.
  var normalized: [Float]
  /// `1/√(σ²_B + ε)` per neuron.
  var inverseDeviation: [Float]

  /// Normalizes `z` in place into `y` and updates the running statistics of `layer`.
  static func forward(
    _ z: inout [Float], samples: Int, outputs: Int, layer: inout BnnLayerState
  ) -> BatchNormTraining {
    var normalized = [Float](repeating: 0, count: z.count)
    var inverse = [Float](repeating: 0, count: outputs)
    let eps = BnnTrainingConfig.epsilon
    let momentum = BnnTrainingConfig.momentum
    for o in 0..<outputs {
      var sum = 0.0
      for s in 0..<samples { sum += Double(z[s * outputs + o]) }
      let mean = sum / Double(samples)
      var squares = 0.0
      for s in 0..<samples {
        let d = Double(z[s * outputs + o]) - mean
        squares += d * d
      }
      let variance = Float(squares / Double(samples))
      let unbiased = Float(squares / Double(max(samples - 1, 1)))
      let inv = 1 / (variance + eps).squareRoot()
      inverse[o] = inv
      let meanF = Float(mean)
      for s in 0..<samples {
        let k = s * outputs + o
        let xhat = (z[k] - meanF) * inv
        normalized[k] = xhat
        z[k] = layer.gamma[o] * xhat + layer.beta[o]
      }
      layer.runningMean[o] = (1 - momentum) * layer.runningMean[o] + momentum * meanF
      layer.runningVariance[o] = (1 - momentum) * layer.runningVariance[o] + momentum * unbiased
    }
    return BatchNormTraining(normalized: normalized, inverseDeviation: inverse)
  }

  /// From `dy`, the gradient of `y`: the gradients of γ and β, and `dz` in place of `dy`:
  /// `dz = γ/√(σ²_B + ε) · (dy − mean(dy) − x̂·mean(dy·x̂))`.
  func backward(
    _ dy: inout [Float], samples: Int, outputs: Int, gamma: [Float]
  ) -> (gamma: [Float], beta: [Float]) {
    var dGamma = [Float](repeating: 0, count: outputs)
    var dBeta = [Float](repeating: 0, count: outputs)
    let n = Float(samples)
    for o in 0..<outputs {
      var g: Float = 0
      var b: Float = 0
      for s in 0..<samples {
        let k = s * outputs + o
        g += dy[k] * normalized[k]
        b += dy[k]
      }
      dGamma[o] = g
      dBeta[o] = b
      let factor = gamma[o] * inverseDeviation[o]
      for s in 0..<samples {
        let k = s * outputs + o
        dy[k] = factor * (dy[k] - b / n - normalized[k] * g / n)
      }
    }
    return (dGamma, dBeta)
  }
}
