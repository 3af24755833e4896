import BitCore

extension WAGEUBNNetwork {
  /// The largest magnitude of a master weight or momentum code a saved network may hold
  /// (`2^47 − 1`). Training stays far below it (a 24-bit master, a 13-bit momentum), and below
  /// it no update, product or shift of the next step can leave 64 bits.
  public static let savedCodeLimit: Int64 = (1 << 47) - 1

  /// The largest magnitude of a saved running mean or variance code of batch norm (`2^62`,
  /// the bound of the statistics themselves): the running update's difference of two such
  /// codes stays within 64 bits.
  public static let savedStatisticLimit: Int64 = 1 << 62

  /// Why this network, read from a file, cannot be the state of `template` (a fresh network of
  /// the same configuration: its stages, shapes and arithmetic), or `nil` when it can: every
  /// stage must have the template's kind and geometry, every parameter array its length, every
  /// master and momentum code at most ``savedCodeLimit`` in magnitude and every running
  /// statistic at most ``savedStatisticLimit``, every forward weight the quantized
  /// master weight it is derived from (`rounding`; batch norm's `γ`, `β` clamped to
  /// `batchNormBound`), and every running variance non-negative. The reason names the stage
  /// and the field.
  public func problem(
    against template: WAGEUBNNetwork, rounding: RoundingMode, batchNormBound: Int64
  ) -> String? {
    guard arithmetic == template.arithmetic else {
      return
        "the network is in \(arithmetic.rawValue) arithmetic, not \(template.arithmetic.rawValue)"
    }
    guard input == template.input else {
      return "the network's input shape is \(input), not the model's \(template.input)"
    }
    guard stages.count == template.stages.count else {
      return "the network has \(stages.count) stages, the model \(template.stages.count)"
    }
    let names = template.stageNames
    for (s, (stage, expected)) in zip(stages, template.stages).enumerated() {
      if let problem = Self.problem(
        stage, against: expected, rounding: rounding, batchNormBound: batchNormBound)
      {
        return "network stage \(names[s]): \(problem)"
      }
    }
    return nil
  }

  private static func problem(
    _ stage: WAGEUBNStage, against expected: WAGEUBNStage, rounding: RoundingMode,
    batchNormBound: Int64
  ) -> String? {
    switch (stage, expected) {
    case (.dense(let layer), .dense(let model)):
      return problem(layer, against: model, rounding: rounding, bound: 127)
    case (.convolution(let layer), .convolution(let model)):
      let geometry = { (l: WAGEUBNConvolutionLayer) in
        [l.height, l.width, l.channels, l.stride, l.padding]
      }
      guard geometry(layer) == geometry(model) else {
        return "height, width, channels, stride, padding are \(geometry(layer)), "
          + "the model's \(geometry(model))"
      }
      return problem(layer.weights, against: model.weights, rounding: rounding, bound: 127)
    case (.batchNorm(let layer), .batchNorm(let model)):
      return problem(layer, against: model, rounding: rounding, bound: batchNormBound)
    case (.activation, .activation):
      return nil
    case (.maxPool(let h, let w, let c), .maxPool(let mh, let mw, let mc)):
      return [h, w, c] == [mh, mw, mc]
        ? nil : "pools \([h, w, c]), the model's pool takes \([mh, mw, mc])"
    default:
      return "is not the kind of stage the model has here"
    }
  }

  private static func problem(
    _ layer: WAGEUBNBatchNormLayer, against model: WAGEUBNBatchNormLayer,
    rounding: RoundingMode, bound: Int64
  ) -> String? {
    guard layer.channels == model.channels else {
      return "has \(layer.channels) channels, the model \(model.channels)"
    }
    if let problem = problem(layer.gamma, against: model.gamma, rounding: rounding, bound: bound) {
      return "gamma: " + problem
    }
    if let problem = problem(layer.beta, against: model.beta, rounding: rounding, bound: bound) {
      return "beta: " + problem
    }
    if let problem = lengthProblem([
      ("runningMean", layer.runningMean.count, model.runningMean.count),
      ("runningVariance", layer.runningVariance.count, model.runningVariance.count),
      ("floatRunningMean", layer.floatRunningMean.count, model.floatRunningMean.count),
      ("floatRunningVariance", layer.floatRunningVariance.count, model.floatRunningVariance.count),
    ]) {
      return problem
    }
    if let i = layer.runningMean.firstIndex(where: { $0.magnitude > savedStatisticLimit }) {
      return "runningMean[\(i)] is beyond ±2^62"
    }
    if let i = layer.runningVariance.firstIndex(where: { $0 < 0 || $0 > savedStatisticLimit }) {
      return "runningVariance[\(i)] is not within 0 … 2^62"
    }
    return nil
  }

  private static func problem(
    _ layer: WAGEUBNDenseLayer, against model: WAGEUBNDenseLayer, rounding: RoundingMode,
    bound: Int64
  ) -> String? {
    guard layer.inputs == model.inputs, layer.outputs == model.outputs else {
      return "has \(layer.inputs) inputs and \(layer.outputs) outputs, the model "
        + "\(model.inputs) and \(model.outputs)"
    }
    if let problem = lengthProblem([
      ("forward", layer.forward.count, model.forward.count),
      ("master", layer.master.count, model.master.count),
      ("momentum", layer.momentum.count, model.momentum.count),
      ("floatMaster", layer.floatMaster.count, model.floatMaster.count),
      ("floatMomentum", layer.floatMomentum.count, model.floatMomentum.count),
    ]) {
      return problem
    }
    for (field, codes) in [("master", layer.master), ("momentum", layer.momentum)] {
      if let i = codes.firstIndex(where: { $0.magnitude > savedCodeLimit }) {
        return "\(field)[\(i)] is beyond ±(2^47 − 1)"
      }
    }
    if layer.master.isEmpty {
      if let i = layer.forward.firstIndex(where: { $0.magnitude > bound.magnitude }) {
        return "forward[\(i)] is beyond ±\(bound)"
      }
    } else {
      for (i, (forward, master)) in zip(layer.forward, layer.master).enumerated()
      where forward != QuantizedMomentum.forwardWeight(master, rounding: rounding, bound: bound) {
        return "forward[\(i)] is not the quantized master[\(i)]"
      }
    }
    return nil
  }

  /// The first array whose length is not the model's, as `(field, length, model's length)`.
  private static func lengthProblem(_ arrays: [(String, Int, Int)]) -> String? {
    arrays.first { $0.1 != $0.2 }.map { "\($0.0) has \($0.1) values, the model \($0.2)" }
  }
}
