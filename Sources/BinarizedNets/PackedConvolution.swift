import CBinaryKernels

/// A binarized (or ternary) convolution on pixel-major bits: the weights of each output
/// channel packed in `(ky, kx, c)` order as `w⁺` (the +1 weights) and `m` (the non-zero
/// ones). A patch has zeros at the taps in the padding, where `xnor(0, w⁺) ∧ m` counts the
/// −1 weights; so with `P` the popcount over the whole patch, `N` the non-zero weights that
/// meet the image and `Q` the −1 weights in the padding, `dot = 2·(P − Q) − N = 2P − (2Q + N)`:
/// one offset `2Q + N` per output position and channel, the same inside the image.
///
/// The popcounts run on the dense layers' C kernels (``PackedKernel``): a sample's patches,
/// one per output position, are laid out word-major like a block of samples, and
/// `cbk_mismatches` counts `popcount((patch ⊕ w⁺) ∧ m)` for every channel; `P` is then the
/// channel's non-zero weights less that count.
struct PackedBitConvolution: Sendable {
  let layer: ConvolutionLayer
  let input: ImageShape
  let output: ImageShape
  /// Words per patch.
  let words: Int
  /// `w⁺` and `m`, `words` per output channel.
  let plus: [UInt64]
  let mask: [UInt64]
  /// `2Q + N`, per output position and channel.
  let offset: [Int]
  /// The non-zero weights of each output channel (`popcount(m)`).
  let nonZero: [Int32]

  init(_ layer: ConvolutionLayer, _ input: ImageShape) {
    self.layer = layer
    self.input = input
    output = layer.outputShape(input)
    let k = layer.kernel
    let c = input.channels
    let words = (k * k * c + 63) / 64
    self.words = words
    var plus = [UInt64](repeating: 0, count: layer.outputChannels * words)
    var mask = plus
    for o in 0..<layer.outputChannels {
      let row = layer.row(o)
      for ch in 0..<c {
        for tap in 0..<(k * k) {
          let w = row[row.startIndex + ch * k * k + tap]
          guard w != 0 else { continue }
          let bit = tap * c + ch
          mask[o * words + (bit >> 6)] |= 1 << UInt64(bit & 63)
          if w > 0 { plus[o * words + (bit >> 6)] |= 1 << UInt64(bit & 63) }
        }
      }
    }
    let inside = (0..<layer.outputChannels).map { o in layer.row(o).count { $0 != 0 } }
    var offset: [Int] = []
    offset.reserveCapacity(output.count)
    for y in 0..<output.height {
      for x in 0..<output.width {
        let taps = layer.taps(y: y, x: x, height: input.height, width: input.width)
        guard taps.count < k * k else {
          offset += inside
          continue
        }
        var inImage = [Bool](repeating: false, count: k * k)
        for tap in taps { inImage[tap.weight] = true }
        for o in 0..<layer.outputChannels {
          let row = layer.row(o)
          var sum = 0
          for ch in 0..<c {
            for tap in 0..<(k * k) {
              let w = row[row.startIndex + ch * k * k + tap]
              if inImage[tap] { sum += w != 0 ? 1 : 0 } else { sum += w < 0 ? 2 : 0 }
            }
          }
          offset.append(sum)
        }
      }
    }
    self.plus = plus
    self.mask = mask
    self.offset = offset
    nonZero = (0..<layer.outputChannels).map { o in
      Int32(mask[(o * words)..<((o + 1) * words)].reduce(0) { $0 + $1.nonzeroBitCount })
    }
  }

  /// The output bits (pixel-major) of one sample's input bits (pixel-major), the popcounts
  /// on `kernel`.
  func run(_ bits: [UInt64], kernel: PackedKernel) -> [UInt64] {
    let positions = output.height * output.width
    let channels = layer.outputChannels
    // The C kernels count 8 samples at a time: pad the positions with zero patches.
    let b = (positions + 7) / 8 * 8
    var patches = [UInt64](repeating: 0, count: words * b)
    var counts = [Int32](repeating: 0, count: channels * b)
    var patch = [UInt64](repeating: 0, count: words)
    bits.withUnsafeBufferPointer { source in
      patch.withUnsafeMutableBufferPointer { patch in
        for y in 0..<output.height {
          for x in 0..<output.width {
            gather(source, y: y, x: x, into: patch)
            for w in 0..<words { patches[w * b + y * output.width + x] = patch[w] }
          }
        }
      }
    }
    patches.withUnsafeBufferPointer { x in
      plus.withUnsafeBufferPointer { p in
        mask.withUnsafeBufferPointer { m in
          counts.withUnsafeMutableBufferPointer { c in
            cbk_mismatches(
              kernel.code, x.baseAddress, b, words, p.baseAddress, m.baseAddress, channels,
              c.baseAddress)
          }
        }
      }
    }
    var result = PackedBits.zeros(output.count)
    for p in 0..<positions {
      for o in 0..<channels {
        let at = p * channels + o
        let count = Int(nonZero[o] - counts[o * b + p])
        if layer.activations[o].fires(2 * count - offset[at]) { PackedBits.set(&result, at) }
      }
    }
    return result
  }

  /// The window of output position `(y, x)` as a patch: `kernel` copies of the in-image part
  /// of a window row, zeros in the padding.
  private func gather(
    _ source: UnsafeBufferPointer<UInt64>, y: Int, x: Int,
    into patch: UnsafeMutableBufferPointer<UInt64>
  ) {
    let k = layer.kernel
    let c = input.channels
    for w in 0..<words { patch[w] = 0 }
    let left = x * layer.stride - layer.padding
    let low = Swift.max(0, -left)
    let high = Swift.min(k, input.width - left)
    guard low < high else { return }
    for ky in 0..<k {
      let iy = y * layer.stride - layer.padding + ky
      guard iy >= 0 && iy < input.height else { continue }
      PackedBits.copy(
        source, from: (iy * input.width + left + low) * c, count: (high - low) * c,
        into: patch, at: (ky * k + low) * c)
    }
  }
}

/// A first convolution on integer inputs: per output position, the window is gathered into
/// `C·k·k` integers (0 in the padding) and each channel's dot product is taken with its
/// weights.
struct PackedIntegerConvolution: Sendable {
  let layer: ConvolutionLayer
  let input: ImageShape
  let output: ImageShape
  /// The weights as `Int`, one row of `C·k·k` per output channel.
  let weights: [Int]

  init(_ layer: ConvolutionLayer, _ input: ImageShape) {
    self.layer = layer
    self.input = input
    output = layer.outputShape(input)
    weights = layer.weights.map { Int($0) }
  }

  /// The output bits (pixel-major) of one sample's integers (`C × H × W`).
  func run(_ values: ArraySlice<Int>) -> [UInt64] {
    let k = layer.kernel
    let n = layer.weightsPerChannel
    var result = PackedBits.zeros(output.count)
    var window = [Int](repeating: 0, count: n)
    values.withUnsafeBufferPointer { values in
      weights.withUnsafeBufferPointer { weights in
        window.withUnsafeMutableBufferPointer { window in
          for y in 0..<output.height {
            for x in 0..<output.width {
              let top = y * layer.stride - layer.padding
              let left = x * layer.stride - layer.padding
              for c in 0..<input.channels {
                for ky in 0..<k {
                  for kx in 0..<k {
                    let iy = top + ky
                    let ix = left + kx
                    let inside = iy >= 0 && iy < input.height && ix >= 0 && ix < input.width
                    window[(c * k + ky) * k + kx] =
                      inside ? values[(c * input.height + iy) * input.width + ix] : 0
                  }
                }
              }
              let p = y * output.width + x
              for o in 0..<layer.outputChannels {
                var dot = 0
                for i in 0..<n { dot &+= weights[o * n + i] &* window[i] }
                let at = p * layer.outputChannels + o
                if layer.activations[o].fires(dot) { PackedBits.set(&result, at) }
              }
            }
          }
        }
      }
    }
    return result
  }
}
