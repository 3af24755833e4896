/// Adam's moments and step count: everything needed, with the logits, to resume training.
public struct AdamState: Sendable, Hashable {
  /// First moments, laid out like the logits.
  public var m: [[Float]]
  /// Second moments, laid out like the logits.
  public var v: [[Float]]
  /// The number of steps taken.
  public var step: Int
}

/// The mutable training state of one model and the step that advances it.
///
/// A step splits the mini-batch into `partitions` contiguous parts, runs one ``TileWorker``
/// per part (spread over `threads` tasks), sums the workers' per-neuron coefficient
/// gradients in partition order, then updates every neuron's logits with Adam and
/// re-collapses its softmax to `(A, B, C, D)`. The result depends on the partition count,
/// never on the thread count or on scheduling.
final class TileTrainingEngine: @unchecked Sendable {
  private let shape: NetShape
  private let options: TrainingOptions
  private let threads: Int
  private let workers: [TileWorker]
  private let logitRows: UnsafeMutablePointer<SIMD16<Float>>
  /// The softmax of each neuron's current logits (kept so each step computes it once).
  private let probabilities: UnsafeMutablePointer<SIMD16<Float>>
  private let firstMoments: UnsafeMutablePointer<SIMD16<Float>>
  private let secondMoments: UnsafeMutablePointer<SIMD16<Float>>
  private let coefficients: UnsafeMutablePointer<SIMD4<Float>>
  private let a: UnsafeMutablePointer<Int32>
  private let b: UnsafeMutablePointer<Int32>
  private var stepCount = 0
  // β^t, kept by repeated multiplication (no C library pow, so every machine agrees).
  private var beta1Power: Double = 1
  private var beta2Power: Double = 1

  init(model: LogicNetModel, options: TrainingOptions, adam: AdamState?) {
    let shape = NetShape(config: model.config)
    self.shape = shape
    self.options = options
    threads = max(1, options.threads)
    let n = shape.totalNeurons
    workers = (0..<max(1, options.partitions ?? options.threads)).map { _ in
      TileWorker(shape: shape, lanes: options.tileWidth)
    }
    logitRows = .allocate(capacity: n)
    probabilities = .allocate(capacity: n)
    firstMoments = .allocate(capacity: n)
    secondMoments = .allocate(capacity: n)
    coefficients = .allocate(capacity: n)
    a = .allocate(capacity: n)
    b = .allocate(capacity: n)
    for (l, layer) in model.layers.enumerated() {
      let o = shape.offsets[l]
      for j in 0..<layer.outputs {
        logitRows[o + j] = Self.row(layer.logits, j)
        firstMoments[o + j] = adam.map { Self.row($0.m[l], j) } ?? SIMD16()
        secondMoments[o + j] = adam.map { Self.row($0.v[l], j) } ?? SIMD16()
        probabilities[o + j] = GateSoftmax.softmax(logitRows[o + j])
        coefficients[o + j] = GateSoftmax.collapse(probabilities[o + j])
        a[o + j] = layer.connections.a[j]
        b[o + j] = layer.connections.b[j]
      }
    }
    if let adam {
      stepCount = adam.step
      for _ in 0..<adam.step {
        beta1Power *= Double(options.beta1)
        beta2Power *= Double(options.beta2)
      }
    }
  }

  deinit {
    logitRows.deallocate()
    probabilities.deallocate()
    firstMoments.deallocate()
    secondMoments.deallocate()
    coefficients.deallocate()
    a.deallocate()
    b.deallocate()
  }

  private static func row(_ values: [Float], _ j: Int) -> SIMD16<Float> {
    SIMD16(values[16 * j..<16 * j + 16])
  }

  /// One Adam step on the samples `batch` of `data`; returns the batch-mean loss.
  func step(batch: [Int], data: LogicDataset) async -> Double {
    let loss = await accumulate(batch: batch, data: data)
    stepCount += 1
    beta1Power *= Double(options.beta1)
    beta2Power *= Double(options.beta2)
    let n = shape.totalNeurons
    let chunks = threads
    await parallel(tasks: chunks) { t in
      self.update(neurons: n * t / chunks..<n * (t + 1) / chunks)
    }
    return loss
  }

  /// Runs forward and backward over the batch's partitions (leaving each worker's sums in
  /// place) and returns the batch-mean loss.
  private func accumulate(batch: [Int], data: LogicDataset) async -> Double {
    precondition(!batch.isEmpty, "a batch needs samples")
    let parts = workers.count
    let scale = 1 / Float(batch.count)
    let parameters = SharedParameters(a: a, b: b, coefficients: coefficients)
    let bounds = (0...parts).map { batch.count * $0 / parts }
    let tasks = min(threads, parts)
    await parallel(tasks: tasks) { t in
      for p in stride(from: t, to: parts, by: tasks) {
        self.workers[p].run(
          samples: batch[bounds[p]..<bounds[p + 1]], data: data, parameters: parameters,
          scale: scale)
      }
    }
    return workers.reduce(0) { $0 + $1.loss } / Double(batch.count)
  }

  /// The batch-mean loss and its gradient w.r.t. every logit (layer by layer), without
  /// changing any parameter.
  func gradients(batch: [Int], data: LogicDataset) async -> (loss: Double, logits: [[Float]]) {
    let loss = await accumulate(batch: batch, data: data)
    let grads = (0..<shape.widths.count).map { l in
      var out = [Float]()
      for j in 0..<shape.widths[l] {
        let n = shape.offsets[l] + j
        var s = SIMD4<Float>()
        for worker in workers { s += worker.sums[n] }
        let g = GateSoftmax.logitGradient(
          probabilities[n], coefficientGradient: s)
        for k in 0..<16 { out.append(g[k]) }
      }
      return out
    }
    return (loss, grads)
  }

  /// Reduces the workers' sums, applies Adam (torch's formulation) and re-collapses the
  /// softmax of every neuron in `neurons`.
  private func update(neurons: Range<Int>) {
    let b1 = options.beta1
    let b2 = options.beta2
    let stepSize = options.learningRate / Float(1 - beta1Power)
    let correction2 = Float((1 - beta2Power).squareRoot())
    let eps = SIMD16<Float>(repeating: options.epsilon)
    for n in neurons {
      var s = SIMD4<Float>()
      for worker in workers { s += worker.sums[n] }
      let w = logitRows[n]
      let g = GateSoftmax.logitGradient(probabilities[n], coefficientGradient: s)
      let m = firstMoments[n] + (g - firstMoments[n]) * (1 - b1)
      let v = secondMoments[n] * b2 + g * g * (1 - b2)
      let updated = w - stepSize * m / (v.squareRoot() / correction2 + eps)
      firstMoments[n] = m
      secondMoments[n] = v
      logitRows[n] = updated
      let p = GateSoftmax.softmax(updated)
      probabilities[n] = p
      coefficients[n] = GateSoftmax.collapse(p)
    }
  }

  /// Runs `body(0) … body(tasks − 1)` concurrently as child tasks (inline when 1).
  private func parallel(tasks: Int, _ body: @escaping @Sendable (Int) -> Void) async {
    if tasks <= 1 {
      body(0)
      return
    }
    await withTaskGroup(of: Void.self) { group in
      for t in 0..<tasks { group.addTask { body(t) } }
    }
  }

  /// The current logits, layer by layer.
  func logits() -> [[Float]] {
    export(logitRows)
  }

  /// The Adam state (moments per layer, step count).
  func adamState() -> AdamState {
    AdamState(m: export(firstMoments), v: export(secondMoments), step: stepCount)
  }

  private func export(_ rows: UnsafeMutablePointer<SIMD16<Float>>) -> [[Float]] {
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
