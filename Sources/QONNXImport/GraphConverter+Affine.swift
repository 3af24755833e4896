/// What may follow a dense layer before its activation: a bias `Add`, `Sub`, a `Mul` by a
/// scale, and batch norm (or its folded `Mul`/`Add` form), each kept exact per neuron.
extension GraphConverter {
  /// `BatchNormalization(X, γ, β, μ, σ²)` in inference mode.
  func batchNorm(_ c: NodeContext) throws(QONNXError) -> Symbol {
    try c.onlyAttributes(["epsilon", "momentum", "training_mode", "spatial"])
    guard c.int("training_mode", default: 0) == 0, c.int("spatial", default: 1) == 1 else {
      throw c.error("only inference mode (training_mode = 0, spatial = 1) is supported")
    }
    let x = try operand(c, 0)
    guard case .preActivation(let layer, var neurons) = x else {
      throw c.error("batch norm must follow a dense layer, not \(x.kind)")
    }
    let n = neurons.count
    let gamma = try vectorOperand(c, 1, "the scale", count: n)
    let beta = try vectorOperand(c, 2, "the bias", count: n)
    let mean = try vectorOperand(c, 3, "the mean", count: n)
    let variance = try vectorOperand(c, 4, "the variance", count: n)
    let epsilon = c.float("epsilon", default: 1e-5)
    guard epsilon.isFinite, epsilon >= 0 else { throw c.error("epsilon must be ≥ 0") }
    for o in 0..<n {
      let v = Dyadic(variance[o]) + Dyadic(epsilon)
      guard variance[o] >= 0, v.signum > 0 else {
        throw c.error("channel \(o): the variance must be ≥ 0 and σ² + ε > 0")
      }
      guard
        neurons[o].batchNorm(
          gamma: Dyadic(gamma[o]), beta: Dyadic(beta[o]), mean: Dyadic(mean[o]), variance: v)
      else { throw c.error("a second batch norm on the same outputs is not supported") }
    }
    return .preActivation(layer: layer, neurons: neurons)
  }

  /// `Add`, `Sub` or `Mul` of a layer's outputs and a constant (either order).
  func elementwise(_ c: NodeContext) throws(QONNXError) -> Symbol {
    try c.onlyAttributes([])
    let (x, y) = (try operand(c, 0), try operand(c, 1))
    let op = c.node.opType
    let (layer, start, constantIndex, constantFirst): (Int, [NeuronAffine], Int, Bool)
    if case .preActivation(let l, let neurons) = x {
      (layer, start, constantIndex, constantFirst) = (l, neurons, 1, false)
    } else if case .preActivation(let l, let neurons) = y {
      (layer, start, constantIndex, constantFirst) = (l, neurons, 0, true)
    } else {
      throw c.error("expected a dense layer's outputs and a constant, not \(x.kind) and \(y.kind)")
    }
    let values = try vectorOperand(c, constantIndex, "the constant", count: start.count)
    var neurons = start
    for o in neurons.indices {
      let v = Dyadic(values[o])
      switch op {
      case "Add": neurons[o].add(v)
      case "Mul": neurons[o].multiply(by: v)
      default:  // Sub: x − v, or v − x
        if constantFirst {
          neurons[o].multiply(by: Dyadic(-1))
          neurons[o].add(v)
        } else {
          neurons[o].add(-v)
        }
      }
    }
    return .preActivation(layer: layer, neurons: neurons)
  }
}
