import CBinaryKernels

/// One worker's buffers for running blocks of samples through a ``PackedBinarizedNet``, and
/// the run of one block: the activations of a block word-major (`x[w·width + s]`), ping-pong
/// between two buffers, and the mismatch counts of up to 64 neurons (all classes on the
/// last layer).
struct PackedBlock {
  /// The current layer's input bits and the next layer's.
  private var current: [UInt64]
  private var next: [UInt64]
  /// Mismatch counts, `counts[j·width + s]`.
  private var counts: [Int32]
  /// One sample's integer dot products (an integer first layer), in `Int` and in 32 bits.
  private var dots: [Int]
  private var dots32: [Int32]
  /// One sample's integer inputs in 32 bits.
  private var sample32: [Int32]

  /// Buffers large enough for every layer of `runtime` on a full block.
  init(_ runtime: PackedBinarizedNet) {
    let net = runtime.net
    let block = PackedBinarizedNet.block
    let widest = ([net.layers[0].inputs] + net.layers.map(\.outputs)).max()!
    current = [UInt64](repeating: 0, count: (widest + 63) / 64 * block)
    next = current
    counts = [Int32](repeating: 0, count: Swift.max(64, net.classes) * block)
    dots = [Int](repeating: 0, count: net.layers[0].outputs)
    dots32 = [Int32](repeating: 0, count: runtime.integerWeights32 == nil ? 0 : dots.count)
    sample32 = [Int32](repeating: 0, count: runtime.integerWeights32 == nil ? 0 : net.inputs)
  }

  /// Runs samples `start ..< start + count` of `source` and writes their scores and classes.
  mutating func run(
    _ runtime: PackedBinarizedNet, _ source: SampleSource, start: Int, count: Int,
    into out: BlockOutput
  ) {
    let net = runtime.net
    // Kernels take whole groups of 8 samples; the padding samples are zero and ignored.
    let width = (count + 7) / 8 * 8
    var first = 0
    if let weights = runtime.integerWeights, case .values(let values) = source {
      let layer = net.layers[0]
      let k = layer.outputs
      for s in 0..<count {
        if let weights32 = runtime.integerWeights32 {
          integerDots32(weights32, values, sample: start + s, kernel: runtime.kernel)
        } else {
          integerDots(weights, values, sample: start + s, inputs: layer.inputs)
        }
        if let activations = layer.activations {
          for w in 0..<((k + 63) / 64) {
            var word: UInt64 = 0
            for j in 0..<Swift.min(64, k - w * 64)
            where activations[w * 64 + j].fires(dots[w * 64 + j]) {
              word |= 1 << UInt64(j)
            }
            current[w * width + s] = word
          }
        } else {
          for o in 0..<k { out.scores[(start + s) * k + o] = dots[o] }
          out.predicted[start + s] = BinarizedNet.argmax(dots[0..<k])
        }
      }
      guard layer.activations != nil else { return }
      clearPadding(words: (k + 63) / 64, count: count, width: width)
      first = 1
    } else {
      load(source, inputs: net.layers[0].inputs, start: start, count: count, width: width)
    }
    for l in first..<net.layers.count {
      let layer = runtime.packed[l]!
      if l + 1 < net.layers.count {
        hidden(layer, kernel: runtime.kernel, width: width)
        swap(&current, &next)
      } else {
        scores(layer, kernel: runtime.kernel, width: width, start: start, count: count, into: out)
      }
    }
  }

  /// The block's samples as word-major bits in `current`.
  private mutating func load(
    _ source: SampleSource, inputs: Int, start: Int, count: Int, width: Int
  ) {
    let words = (inputs + 63) / 64
    switch source {
    case .packed(let rows, let wordsPerRow):
      for s in 0..<count {
        for w in 0..<words { current[w * width + s] = rows[(start + s) * wordsPerRow + w] }
      }
    case .values(let values):
      for s in 0..<count {
        let base = (start + s) * inputs
        for w in 0..<words {
          var word: UInt64 = 0
          // Branch-free: random bits would mispredict half the time.
          for j in 0..<Swift.min(64, inputs - w * 64) {
            word |= UInt64(values[base + w * 64 + j] != 0 ? 1 : 0) << UInt64(j)
          }
          current[w * width + s] = word
        }
      }
    }
    clearPadding(words: words, count: count, width: width)
  }

  /// Zeroes the padding samples `count ..< width` of `current`.
  private mutating func clearPadding(words: Int, count: Int, width: Int) {
    for w in 0..<words {
      for s in count..<width { current[w * width + s] = 0 }
    }
  }

  /// `dots[o]` of the integer first layer for one sample (weights transposed; the net's
  /// validated bound keeps every sum far inside `Int`).
  private mutating func integerDots(
    _ weights: [Int], _ values: UnsafeBufferPointer<Int>, sample: Int, inputs: Int
  ) {
    dots.withUnsafeMutableBufferPointer { d in
      weights.withUnsafeBufferPointer { w in
        let k = d.count
        for o in 0..<k { d[o] = 0 }
        for i in 0..<inputs {
          let x = values[sample * inputs + i]
          if x == 0 { continue }
          let row = w.baseAddress! + i * k
          for o in 0..<k { d[o] &+= row[o] &* x }
        }
      }
    }
  }

  /// ``integerDots(_:_:sample:inputs:)`` by the C kernel, for a layer whose partial sums
  /// fit in 32 bits (inputs outside the input range wrap, never trap).
  private mutating func integerDots32(
    _ weights: [Int32], _ values: UnsafeBufferPointer<Int>, sample: Int, kernel: PackedKernel
  ) {
    let inputs = sample32.count
    for i in 0..<inputs { sample32[i] = Int32(truncatingIfNeeded: values[sample * inputs + i]) }
    sample32.withUnsafeBufferPointer { x in
      weights.withUnsafeBufferPointer { w in
        dots32.withUnsafeMutableBufferPointer { d in
          cbk_integer_dots(
            kernel.code, x.baseAddress, inputs, w.baseAddress, d.count, d.baseAddress)
        }
      }
    }
    for o in 0..<dots.count { dots[o] = Int(dots32[o]) }
  }

  /// A hidden layer: `current` → `next`, 64 neurons (one output word) at a time.
  private mutating func hidden(_ layer: PackedLayer, kernel: PackedKernel, width: Int) {
    let words = layer.words
    current.withUnsafeBufferPointer { x in
      next.withUnsafeMutableBufferPointer { y in
        counts.withUnsafeMutableBufferPointer { c in
          layer.plus.withUnsafeBufferPointer { p in
            layer.mask.withUnsafeBufferPointer { m in
              layer.limit.withUnsafeBufferPointer { limit in
                layer.invert.withUnsafeBufferPointer { invert in
                  for g in stride(from: 0, to: layer.outputs, by: 64) {
                    let n = Swift.min(64, layer.outputs - g)
                    cbk_hidden(
                      kernel.code, x.baseAddress, width, words, p.baseAddress! + g * words,
                      layer.masked ? m.baseAddress! + g * words : nil, n, limit.baseAddress! + g,
                      invert.baseAddress! + g, y.baseAddress! + g / 64 * width, c.baseAddress)
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// The last layer: the scores `popcount(m) − 2·mismatches` and the predicted classes.
  private mutating func scores(
    _ layer: PackedLayer, kernel: PackedKernel, width: Int, start: Int, count: Int,
    into out: BlockOutput
  ) {
    let k = layer.outputs
    current.withUnsafeBufferPointer { x in
      counts.withUnsafeMutableBufferPointer { c in
        layer.plus.withUnsafeBufferPointer { p in
          layer.mask.withUnsafeBufferPointer { m in
            cbk_mismatches(
              kernel.code, x.baseAddress, width, layer.words, p.baseAddress,
              layer.masked ? m.baseAddress : nil, k,
              c.baseAddress)
          }
        }
      }
    }
    for s in 0..<count {
      let row = (start + s) * k
      var best = 0
      for o in 0..<k {
        let score = layer.nonzero[o] - 2 * Int(counts[o * width + s])
        out.scores[row + o] = score
        if score > out.scores[row + best] { best = o }
      }
      out.predicted[start + s] = best
    }
  }
}
