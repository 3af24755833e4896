import Foundation

/// Forward and backward passes over one partition of a mini-batch, tile by tile.
///
/// A worker owns all its scratch memory (allocated once, 64-byte aligned), so workers run
/// in parallel without sharing anything writable; the engine reduces their `sums` in a fixed
/// order afterwards.
final class TileWorker<V: SIMD>: @unchecked Sendable where V.Scalar == Float {
  private let shape: NetShape
  /// This worker's input tile: one row per network input.
  private let inputRows: UnsafeMutablePointer<V>
  /// Every layer's outputs for the current tile, layer `l` from `shape.offsets[l]`.
  private let activations: UnsafeMutablePointer<V>
  /// Two gradient buffers of `shape.maxWidth` rows each, used alternately.
  private let gradients: (UnsafeMutablePointer<V>, UnsafeMutablePointer<V>)
  /// Per neuron, `Σ (g, g·a, g·b, g·a·b)` over this worker's samples.
  let sums: UnsafeMutablePointer<SIMD4<Float>>
  /// The summed cross-entropy of this worker's samples in the last run.
  private(set) var loss: Double = 0

  init(shape: NetShape) {
    self.shape = shape
    inputRows = Self.allocate(V.self, shape.inputs)
    activations = Self.allocate(V.self, shape.totalNeurons)
    gradients = (Self.allocate(V.self, shape.maxWidth), Self.allocate(V.self, shape.maxWidth))
    sums = Self.allocate(SIMD4<Float>.self, shape.totalNeurons)
  }

  deinit {
    inputRows.deallocate()
    activations.deallocate()
    gradients.0.deallocate()
    gradients.1.deallocate()
    sums.deallocate()
  }

  private static func allocate<T>(_ type: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
    let raw = UnsafeMutableRawPointer.allocate(
      byteCount: max(count, 1) * MemoryLayout<T>.stride, alignment: 64)
    raw.initializeMemory(as: UInt8.self, repeating: 0, count: max(count, 1) * MemoryLayout<T>.stride)
    return raw.bindMemory(to: T.self, capacity: max(count, 1))
  }

  /// Runs forward and backward over `samples` (indices into `data`), accumulating into
  /// `sums` (after zeroing them) and `loss`. `scale` is 1 / (whole batch size), so gradients
  /// are those of the batch-mean loss.
  func run(
    samples: ArraySlice<Int>, data: LogicDataset, parameters: SharedParameters, scale: Float
  ) {
    sums.update(repeating: SIMD4(), count: shape.totalNeurons)
    loss = 0
    let lanes = V.scalarCount
    data.values.withUnsafeBufferPointer { values in
      var start = samples.startIndex
      while start < samples.endIndex {
        let end = min(start + lanes, samples.endIndex)
        loadTile(samples[start..<end], values: values)
        forward(parameters)
        let labels = samples[start..<end].map { Int(data.labels[$0]) }
        outputGradient(labels: labels, scale: scale)
        backward(parameters)
        start = end
      }
    }
  }

  /// Transposes the tile's samples into input rows; unused lanes are zero.
  private func loadTile(_ tile: ArraySlice<Int>, values: UnsafeBufferPointer<Float>) {
    let lanes = V.scalarCount
    let n = shape.inputs
    UnsafeMutableRawPointer(inputRows).withMemoryRebound(
      to: Float.self, capacity: n * lanes
    ) { rows in
      rows.update(repeating: 0, count: n * lanes)
      for (lane, sample) in tile.enumerated() {
        let base = sample * n
        for i in 0..<n { rows[i * lanes + lane] = values[base + i] }
      }
    }
  }

  private func forward(_ p: SharedParameters) {
    for l in 0..<shape.widths.count {
      let input = l == 0 ? inputRows : activations + shape.offsets[l - 1]
      let o = shape.offsets[l]
      TileKernels.forward(
        input: input, output: activations + o, count: shape.widths[l], a: p.a + o, b: p.b + o,
        coefficients: p.coefficients + o)
    }
  }

  /// Softmax cross-entropy on GroupSum/tau per valid lane; writes dL/dy of every last-layer
  /// neuron into `gradients.0` (zero in unused lanes) and adds the lanes' losses to `loss`.
  private func outputGradient(labels: [Int], scale: Float) {
    let k = shape.classes
    let group = shape.widths.last! / k
    let outputs = activations + shape.offsets.last!
    let tau = shape.tau
    var classSums = [V](repeating: V(), count: k)
    for c in 0..<k {
      var sum = V()
      for j in c * group..<(c + 1) * group { sum += outputs[j] }
      classSums[c] = sum
    }
    var classGradients = [V](repeating: V(), count: k)
    var z = [Float](repeating: 0, count: k)
    for (lane, label) in labels.enumerated() {
      for c in 0..<k { z[c] = classSums[c][lane] / tau }
      let top = z.max()!
      var total: Float = 0
      for c in 0..<k {
        z[c] = GateSoftmax.exp(z[c] - top)
        total += z[c]
      }
      let pLabel = z[label] / total
      loss -= log(Double(max(pLabel, .leastNormalMagnitude)))
      for c in 0..<k {
        let target: Float = c == label ? 1 : 0
        classGradients[c][lane] = (z[c] / total - target) * scale / tau
      }
    }
    let g = gradients.0
    for c in 0..<k {
      for j in c * group..<(c + 1) * group { g[j] = classGradients[c] }
    }
  }

  private func backward(_ p: SharedParameters) {
    var outputGradient = gradients.0
    var inputGradient = gradients.1
    for l in stride(from: shape.widths.count - 1, through: 0, by: -1) {
      let o = shape.offsets[l]
      let input = l == 0 ? inputRows : activations + shape.offsets[l - 1]
      if l > 0 { inputGradient.update(repeating: V(), count: shape.widths[l - 1]) }
      TileKernels.backward(
        input: input, outputGradient: outputGradient, count: shape.widths[l], a: p.a + o,
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

/// Read-only views of the parameters every worker uses during one step.
struct SharedParameters: @unchecked Sendable {
  let a: UnsafePointer<Int32>
  let b: UnsafePointer<Int32>
  let coefficients: UnsafePointer<SIMD4<Float>>
}
