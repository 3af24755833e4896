import TrainingCore

/// Forward and backward passes over one partition of a mini-batch, tile by tile.
///
/// A worker owns all its scratch memory (allocated once, 64-byte aligned) and lives in its
/// own ``TrainingCore/WorkerSlot``, so workers run in parallel without sharing anything
/// writable; the engine reduces their `sums` in a fixed order afterwards. Rows are `lanes`
/// floats; `run` switches once on the lane count and the whole pass is compiled for that
/// concrete vector type.
final class TileWorker {
  private let shape: NetShape
  private let lanes: Int
  /// This worker's input tile: one row per network input.
  private let inputRows: UnsafeMutableRawPointer
  /// Every layer's outputs for the current tile, layer `l` from row `shape.offsets[l]`.
  private let activations: UnsafeMutableRawPointer
  /// Two gradient buffers of `shape.maxWidth` rows each, used alternately.
  private let gradients: (UnsafeMutableRawPointer, UnsafeMutableRawPointer)
  /// Per neuron, `Σ (g, g·a, g·b, g·a·b)` over this worker's samples.
  private let sums: UnsafeMutablePointer<SIMD4<Float>>
  /// The summed cross-entropy of this worker's samples in the last run.
  private(set) var loss: Double = 0

  init(shape: NetShape, lanes: Int) {
    precondition([8, 16, 32, 64].contains(lanes), "tile width 8, 16, 32 or 64")
    self.shape = shape
    self.lanes = lanes
    let row = lanes * MemoryLayout<Float>.stride
    inputRows = Self.allocate(bytes: shape.inputs * row)
    activations = Self.allocate(bytes: shape.totalNeurons * row)
    gradients = (
      Self.allocate(bytes: shape.maxWidth * row), Self.allocate(bytes: shape.maxWidth * row)
    )
    sums = Self.allocate(bytes: shape.totalNeurons * MemoryLayout<SIMD4<Float>>.stride)
      .bindMemory(to: SIMD4<Float>.self, capacity: shape.totalNeurons)
  }

  deinit {
    inputRows.deallocate()
    activations.deallocate()
    gradients.0.deallocate()
    gradients.1.deallocate()
    sums.deallocate()
  }

  private static func allocate(bytes: Int) -> UnsafeMutableRawPointer {
    let raw = UnsafeMutableRawPointer.allocate(byteCount: max(bytes, 64), alignment: 64)
    raw.initializeMemory(as: UInt8.self, repeating: 0, count: max(bytes, 64))
    return raw
  }

  /// Runs forward and backward over `samples` (indices into `data`), accumulating into
  /// `sums` (after zeroing them) and `loss`. `scale` is 1 / (whole batch size), so gradients
  /// are those of the batch-mean loss.
  func run(
    samples: ArraySlice<Int>, data: LogicDataset, parameters: TileParameters, scale: Float
  ) {
    parameters.a.withUnsafeBufferPointer { a in
      parameters.b.withUnsafeBufferPointer { b in
        parameters.coefficients.withUnsafeBufferPointer { c in
          let p = ParameterPointers(
            a: a.baseAddress!, b: b.baseAddress!, coefficients: c.baseAddress!)
          switch lanes {
          case 8: run(SIMD8<Float>.self, samples, data, p, scale)
          case 16: run(SIMD16<Float>.self, samples, data, p, scale)
          case 32: run(SIMD32<Float>.self, samples, data, p, scale)
          default: run(SIMD64<Float>.self, samples, data, p, scale)
          }
        }
      }
    }
  }

  /// Adds this worker's per-neuron sums to `total`, neuron by neuron.
  func addSums(into total: inout [SIMD4<Float>]) {
    for n in total.indices { total[n] += sums[n] }
  }

  private func run<V: TileVector>(
    _ type: V.Type, _ samples: ArraySlice<Int>, _ data: LogicDataset, _ p: ParameterPointers,
    _ scale: Float
  ) {
    sums.update(repeating: SIMD4(), count: shape.totalNeurons)
    loss = 0
    let input = inputRows.bindMemory(to: V.self, capacity: shape.inputs)
    let acts = activations.bindMemory(to: V.self, capacity: shape.totalNeurons)
    let g0 = gradients.0.bindMemory(to: V.self, capacity: shape.maxWidth)
    let g1 = gradients.1.bindMemory(to: V.self, capacity: shape.maxWidth)
    var classSums = [V](repeating: V(), count: shape.classes)
    var z = [Float](repeating: 0, count: shape.classes)
    var labels: [Int] = []
    labels.reserveCapacity(V.scalarCount)
    data.values.withUnsafeBufferPointer { values in
      var start = samples.startIndex
      while start < samples.endIndex {
        let end = min(start + V.scalarCount, samples.endIndex)
        loadTile(samples[start..<end], values: values)
        labels.removeAll(keepingCapacity: true)
        for s in samples[start..<end] { labels.append(Int(data.labels[s])) }
        forward(input: input, acts: acts, p)
        outputGradient(
          acts: acts, gradient: g0, labels: labels, scale: scale, classSums: &classSums, z: &z)
        backward(input: input, acts: acts, g0: g0, g1: g1, p)
        start = end
      }
    }
  }

  /// Transposes the tile's samples into input rows; unused lanes are zero.
  private func loadTile(_ tile: ArraySlice<Int>, values: UnsafeBufferPointer<Float>) {
    let n = shape.inputs
    let rows = inputRows.assumingMemoryBound(to: Float.self)
    rows.update(repeating: 0, count: n * lanes)
    for (lane, sample) in tile.enumerated() {
      let base = sample * n
      for i in 0..<n { rows[i * lanes + lane] = values[base + i] }
    }
  }

  @inline(__always)
  private func forward<V: TileVector>(
    input: UnsafeMutablePointer<V>, acts: UnsafeMutablePointer<V>, _ p: ParameterPointers
  ) {
    for l in 0..<shape.widths.count {
      let source = l == 0 ? input : acts + shape.offsets[l - 1]
      let o = shape.offsets[l]
      TileKernels.forward(
        input: source, output: acts + o, count: shape.widths[l], a: p.a + o, b: p.b + o,
        coefficients: p.coefficients + o)
    }
  }

  /// Softmax cross-entropy on GroupSum/tau per valid lane; writes dL/dy of every last-layer
  /// neuron into `gradient` (zero in unused lanes) and adds the lanes' losses to `loss`.
  @inline(__always)
  private func outputGradient<V: TileVector>(
    acts: UnsafeMutablePointer<V>, gradient: UnsafeMutablePointer<V>, labels: [Int],
    scale: Float, classSums: inout [V], z: inout [Float]
  ) {
    let k = shape.classes
    let group = shape.widths.last! / k
    let outputs = acts + shape.offsets.last!
    let tau = shape.tau
    for c in 0..<k {
      var sum = V()
      for j in c * group..<(c + 1) * group { sum += outputs[j] }
      classSums[c] = sum
    }
    // classSums now turn into the per-class gradient rows, lane by lane.
    for lane in 0..<V.scalarCount {
      guard lane < labels.count else {
        for c in 0..<k { classSums[c][lane] = 0 }
        continue
      }
      for c in 0..<k { z[c] = classSums[c][lane] / tau }
      loss += SoftmaxCrossEntropy.apply(&z, label: labels[lane], scale: scale)
      for c in 0..<k { classSums[c][lane] = z[c] / tau }
    }
    for c in 0..<k {
      let row = classSums[c]
      for j in c * group..<(c + 1) * group { gradient[j] = row }
    }
  }

  @inline(__always)
  private func backward<V: TileVector>(
    input: UnsafeMutablePointer<V>, acts: UnsafeMutablePointer<V>,
    g0: UnsafeMutablePointer<V>, g1: UnsafeMutablePointer<V>, _ p: ParameterPointers
  ) {
    var outputGradient = g0
    var inputGradient = g1
    for l in stride(from: shape.widths.count - 1, through: 0, by: -1) {
      let o = shape.offsets[l]
      let source = l == 0 ? input : acts + shape.offsets[l - 1]
      if l > 0 { inputGradient.update(repeating: V(), count: shape.widths[l - 1]) }
      TileKernels.backward(
        input: source, outputGradient: outputGradient, count: shape.widths[l], a: p.a + o,
        b: p.b + o, coefficients: p.coefficients + o, sums: sums + o,
        inputGradient: l > 0 ? inputGradient : nil, factor: shape.gradFactor)
      swap(&outputGradient, &inputGradient)
    }
  }
}

/// The fixed shape of a network, as the engine and workers need it.
struct NetShape: Sendable {
  let inputs: Int
  let widths: [Int]
  /// The global index of each layer's first neuron.
  let offsets: [Int]
  let totalNeurons: Int
  let maxWidth: Int
  let classes: Int
  let tau: Float
  let gradFactor: Float

  init(config: LogicNetConfig) {
    inputs = config.inputs
    widths = config.layerWidths
    var offsets: [Int] = []
    var total = 0
    for w in widths {
      offsets.append(total)
      total += w
    }
    self.offsets = offsets
    totalNeurons = total
    maxWidth = widths.max()!
    classes = config.classes
    tau = config.tau
    gradFactor = config.gradFactor
  }
}

/// Read-only views of the parameters during one worker's run (never leave it).
struct ParameterPointers {
  let a: UnsafePointer<Int32>
  let b: UnsafePointer<Int32>
  let coefficients: UnsafePointer<SIMD4<Float>>
}
