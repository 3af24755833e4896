import TrainingCore

/// Adam's moments and step count: everything needed, with the logits, to resume training.
public struct AdamState: Sendable, Hashable {
  /// First moments, laid out like the logits.
  public var m: [[Float]]
  /// Second moments, laid out like the logits.
  public var v: [[Float]]
  /// The number of steps taken.
  public var step: Int
}

/// The connections and collapsed gate mixtures every worker reads during one step.
struct TileParameters: Sendable {
  /// Every neuron's first input (global neuron order, layer by layer).
  var a: [Int32]
  /// Every neuron's second input.
  var b: [Int32]
  /// Every neuron's softmax mixture collapsed to `(A, B, C, D)`.
  var coefficients: [SIMD4<Float>]
}

/// The training state of one model and the step that advances it: the logic-net family of
/// ``TrainingCore/TrainingLoop``.
///
/// A step splits the mini-batch into `partitions` contiguous parts, runs one ``TileWorker``
/// per part (on up to `threads` threads), sums the workers' per-neuron coefficient
/// gradients in part order, then updates every neuron's 16 logits as one row with
/// ``TrainingCore/AdamOptimizer`` and re-collapses its softmax to `(A, B, C, D)`. The
/// result depends on the partition count, never on the thread count or on scheduling.
/// Every field is a value (the workers' scratch is copy-on-write), so the engine is
/// `Sendable` by construction.
struct TileTrainingEngine: TrainingFamily, Sendable {
  private let config: LogicNetConfig
  private let connections: [LayerConnections]
  private let shape: NetShape
  private let threads: Int
  private var workers: PartitionedWorkers<TileWorker>
  private var parameters: TileParameters
  private var logitRows: [SIMD16<Float>]
  /// The softmax of each neuron's current logits (kept so each step computes it once).
  private var probabilities: [SIMD16<Float>]
  private var firstMoments: [SIMD16<Float>]
  private var secondMoments: [SIMD16<Float>]
  private var adam: AdamOptimizer

  init(model: LogicNetModel, options: TrainingOptions, adam state: AdamState?) {
    let shape = NetShape(config: model.config)
    config = model.config
    connections = model.layers.map(\.connections)
    self.shape = shape
    threads = options.threads
    let lanes = options.tileWidth
    workers = PartitionedWorkers(parts: options.partitions) { _ in
      TileWorker(shape: shape, lanes: lanes)
    }
    var logits: [SIMD16<Float>] = []
    var m: [SIMD16<Float>] = []
    var v: [SIMD16<Float>] = []
    var a: [Int32] = []
    var b: [Int32] = []
    for (l, layer) in model.layers.enumerated() {
      for j in 0..<layer.outputs {
        logits.append(Self.row(layer.logits, j))
        m.append(state.map { Self.row($0.m[l], j) } ?? SIMD16())
        v.append(state.map { Self.row($0.v[l], j) } ?? SIMD16())
      }
      a += layer.connections.a
      b += layer.connections.b
    }
    let p = logits.map(GateSoftmax.softmax)
    logitRows = logits
    probabilities = p
    firstMoments = m
    secondMoments = v
    parameters = TileParameters(a: a, b: b, coefficients: p.map(GateSoftmax.collapse))
    adam = AdamOptimizer(options.adam, step: state?.step ?? 0)
  }

  private static func row(_ values: [Float], _ j: Int) -> SIMD16<Float> {
    SIMD16(values[16 * j..<16 * j + 16])
  }

  /// One Adam step on the samples `batch` of `data`.
  mutating func step(batch: [Int], of data: LogicDataset) async -> StepOutcome {
    let (loss, sums) = await accumulate(batch: batch, data: data)
    adam.beginStep()
    let scalars = adam.stepScalars
    var finite = true
    for n in 0..<shape.totalNeurons {
      let g = GateSoftmax.logitGradient(probabilities[n], coefficientGradient: sums[n])
      adam.update(
        &logitRows[n], m: &firstMoments[n], v: &secondMoments[n], gradient: g, scalars: scalars)
      let w = logitRows[n]
      finite = finite && (w - w == SIMD16())
      let p = GateSoftmax.softmax(w)
      probabilities[n] = p
      parameters.coefficients[n] = GateSoftmax.collapse(p)
    }
    return StepOutcome(loss: loss, parametersFinite: finite)
  }

  /// Runs forward and backward over the batch's parts and returns the batch-mean loss and
  /// every neuron's coefficient gradient, the parts summed in order.
  private mutating func accumulate(batch: [Int], data: LogicDataset) async -> (
    loss: Double, sums: [SIMD4<Float>]
  ) {
    precondition(!batch.isEmpty, "a batch needs samples")
    let scale = 1 / Float(batch.count)
    let parameters = self.parameters
    await workers.run(batch: batch, threads: threads) { worker, _, samples in
      worker.run(samples: samples, data: data, parameters: parameters, scale: scale)
    }
    let zero = [SIMD4<Float>](repeating: SIMD4(), count: shape.totalNeurons)
    let (loss, sums) = workers.reduce(into: (0.0, zero)) { total, worker in
      total.0 += worker.loss
      worker.addSums(into: &total.1)
    }
    return (loss / Double(batch.count), sums)
  }

  /// The batch-mean loss and its gradient w.r.t. every logit (layer by layer), without
  /// changing any parameter.
  mutating func gradients(batch: [Int], data: LogicDataset) async -> (
    loss: Double, logits: [[Float]]
  ) {
    let (loss, sums) = await accumulate(batch: batch, data: data)
    let rows = (0..<shape.totalNeurons).map { n in
      GateSoftmax.logitGradient(probabilities[n], coefficientGradient: sums[n])
    }
    return (loss, export(rows))
  }

  /// The model with the current logits.
  var model: LogicNetModel {
    let layers = zip(export(logitRows), connections).enumerated().map { l, pair in
      LogicLayerParameters(
        inputs: config.inputCount(ofLayer: l), connections: pair.1, logits: pair.0)
    }
    do {
      return try LogicNetModel(config: config, layers: layers)
    } catch {
      // The engine was built from a validated model and keeps its shapes and wiring.
      preconditionFailure("the engine's layers no longer match its configuration: \(error)")
    }
  }

  /// The Adam state (moments per layer, step count).
  var adamState: AdamState {
    AdamState(m: export(firstMoments), v: export(secondMoments), step: adam.step)
  }

  private func export(_ rows: [SIMD16<Float>]) -> [[Float]] {
    (0..<shape.widths.count).map { l in
      var out = [Float]()
      out.reserveCapacity(16 * shape.widths[l])
      for j in 0..<shape.widths[l] {
        let r = rows[shape.offsets[l] + j]
        for g in 0..<16 { out.append(r[g]) }
      }
      return out
    }
  }
}
