/// Batch norm over a mini-batch in training, per neuron `o` of a `samples × outputs`
/// matrix: `x̂ = (z − μ_B)/√(σ²_B + ε)`, `y = γ·x̂ + β`, with the batch mean μ_B and biased
/// variance σ²_B (sums in sample order, in `Double`); the running statistics move by
/// ``BnnTrainingConfig/momentum`` toward μ_B and the unbiased variance (torch's rule).
///
/// The loops run over samples, then neurons (the matrix's memory order), with one running
/// sum per neuron, so each neuron's sums still add its samples in order.
struct BatchNormTraining {
  /// `x̂`, sample-major.
  var normalized: [Float]
  /// `1/√(σ²_B + ε)` per neuron.
  var inverseDeviation: [Float]

  /// Normalizes `z` in place into `y` and updates the running statistics of `layer`.
  static func forward(
    _ z: inout [Float], samples: Int, outputs: Int, layer: inout BnnLayerState
  ) -> BatchNormTraining {
    precondition(z.count == samples * outputs, "a samples × outputs matrix")
    var normalized = [Float](repeating: 0, count: z.count)
    var inverse = [Float](repeating: 0, count: outputs)
    var means = [Float](repeating: 0, count: outputs)
    let eps = BnnTrainingConfig.epsilon
    let momentum = BnnTrainingConfig.momentum
    var sums = [Double](repeating: 0, count: outputs)
    var squares = [Double](repeating: 0, count: outputs)
    z.withUnsafeBufferPointer { z in
      sums.withUnsafeMutableBufferPointer { sums in
        for s in 0..<samples {
          for o in 0..<outputs { sums[o] += Double(z[s * outputs + o]) }
        }
        for o in 0..<outputs { sums[o] /= Double(samples) }
        squares.withUnsafeMutableBufferPointer { squares in
          for s in 0..<samples {
            for o in 0..<outputs {
              let d = Double(z[s * outputs + o]) - sums[o]
              squares[o] += d * d
            }
          }
        }
      }
    }
    for o in 0..<outputs {
      let variance = Float(squares[o] / Double(samples))
      let unbiased = Float(squares[o] / Double(max(samples - 1, 1)))
      inverse[o] = 1 / (variance + eps).squareRoot()
      means[o] = Float(sums[o])
      layer.runningMean[o] = (1 - momentum) * layer.runningMean[o] + momentum * means[o]
      layer.runningVariance[o] = (1 - momentum) * layer.runningVariance[o] + momentum * unbiased
    }
    let (gamma, beta) = (layer.gamma, layer.beta)
    z.withUnsafeMutableBufferPointer { z in
      normalized.withUnsafeMutableBufferPointer { normalized in
        for s in 0..<samples {
          for o in 0..<outputs {
            let k = s * outputs + o
            let xhat = (z[k] - means[o]) * inverse[o]
            normalized[k] = xhat
            z[k] = gamma[o] * xhat + beta[o]
          }
        }
      }
    }
    return BatchNormTraining(normalized: normalized, inverseDeviation: inverse)
  }

  /// From `dy`, the gradient of `y`: the gradients of γ and β, and `dz` in place of `dy`:
  /// `dz = γ/√(σ²_B + ε) · (dy − mean(dy) − x̂·mean(dy·x̂))`.
  func backward(
    _ dy: inout [Float], samples: Int, outputs: Int, gamma: [Float]
  ) -> (gamma: [Float], beta: [Float]) {
    precondition(dy.count == samples * outputs, "a samples × outputs matrix")
    var dGamma = [Float](repeating: 0, count: outputs)
    var dBeta = [Float](repeating: 0, count: outputs)
    let n = Float(samples)
    let factors = (0..<outputs).map { gamma[$0] * inverseDeviation[$0] }
    dy.withUnsafeMutableBufferPointer { dy in
      normalized.withUnsafeBufferPointer { normalized in
        dGamma.withUnsafeMutableBufferPointer { g in
          dBeta.withUnsafeMutableBufferPointer { b in
            for s in 0..<samples {
              for o in 0..<outputs {
                let k = s * outputs + o
                g[o] += dy[k] * normalized[k]
                b[o] += dy[k]
              }
            }
            for s in 0..<samples {
              for o in 0..<outputs {
                let k = s * outputs + o
                dy[k] = factors[o] * (dy[k] - b[o] / n - normalized[k] * g[o] / n)
              }
            }
          }
        }
      }
    }
    return (dGamma, dBeta)
  }
}
