/// A binarized (or ternary) convolution on pixel-major bits: the weights of each output
/// channel packed in `(ky, kx, c)` order as `w⁺` (the +1 weights) and `m` (the non-zero
/// ones), and per output position the in-image mask `v` of its window and each channel's
/// `popcount(m ∧ v)`.
struct BitConvolution: Sendable {
  let layer: ConvolutionLayer
  let input: ImageShape
  let output: ImageShape
  /// Words per patch.
  let words: Int
  /// `w⁺` and `m`, `words` per output channel.
  let plus: [UInt64]
  let mask: [UInt64]
  /// `v`, `words` per output position.
  let valid: [UInt64]
  /// `popcount(m ∧ v)`, per output position and channel.
  let nonzero: [Int]

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
    let positions = output.height * output.width
    var valid = [UInt64](repeating: 0, count: positions * words)
    var nonzero = [Int](repeating: 0, count: positions * layer.outputChannels)
    for y in 0..<output.height {
      for x in 0..<output.width {
        let p = y * output.width + x
        for tap in layer.taps(y: y, x: x, height: input.height, width: input.width) {
          for ch in 0..<c {
            let bit = tap.weight * c + ch
            valid[p * words + (bit >> 6)] |= 1 << UInt64(bit & 63)
          }
        }
        for o in 0..<layer.outputChannels {
          nonzero[p * layer.outputChannels + o] = (0..<words).reduce(0) {
            $0 + (mask[o * words + $1] & valid[p * words + $1]).nonzeroBitCount
          }
        }
      }
    }
    self.plus = plus
    self.mask = mask
    self.valid = valid
    self.nonzero = nonzero
  }

  /// The output bits (pixel-major) of one sample's input bits (pixel-major).
  func run(_ bits: [UInt64]) -> [UInt64] {
    let k = layer.kernel
    let c = input.channels
    let outputs = layer.outputChannels
    var result = PackedBits.zeros(output.count)
    var patch = [UInt64](repeating: 0, count: words)
    for y in 0..<output.height {
      for x in 0..<output.width {
        let p = y * output.width + x
        for w in 0..<words { patch[w] = 0 }
        let left = x * layer.stride - layer.padding
        let low = Swift.max(0, -left)
        let high = Swift.min(k, input.width - left)
        for ky in 0..<k {
          let iy = y * layer.stride - layer.padding + ky
          guard iy >= 0 && iy < input.height && low < high else { continue }
          PackedBits.copy(
            bits, from: (iy * input.width + left + low) * c, count: (high - low) * c,
            into: &patch, at: (ky * k + low) * c)
        }
        for o in 0..<outputs {
          var count = 0
          for w in 0..<words {
            count +=
              (~(patch[w] ^ plus[o * words + w]) & mask[o * words + w]
              & valid[p * words + w]).nonzeroBitCount
          }
          if layer.activations[o].fires(2 * count - nonzero[p * outputs + o]) {
            PackedBits.set(&result, p * outputs + o)
          }
        }
      }
    }
    return result
  }
}

/// A first convolution on integer inputs: per output position, the integer dot product of
/// each channel's weights with the window's in-image inputs.
struct IntegerConvolution: Sendable {
  let layer: ConvolutionLayer
  let input: ImageShape
  let output: ImageShape
  /// Per output position, its window's in-image taps.
  let taps: [[(weight: Int, pixel: Int)]]

  init(_ layer: ConvolutionLayer, _ input: ImageShape) {
    self.layer = layer
    self.input = input
    output = layer.outputShape(input)
    var taps: [[(weight: Int, pixel: Int)]] = []
    for y in 0..<output.height {
      for x in 0..<output.width {
        taps.append(layer.taps(y: y, x: x, height: input.height, width: input.width))
      }
    }
    self.taps = taps
  }

  /// The output bits (pixel-major) of one sample's integers (`C × H × W`).
  func run(_ values: ArraySlice<Int>) -> [UInt64] {
    let k2 = layer.kernel * layer.kernel
    let plane = input.height * input.width
    let outputs = layer.outputChannels
    let base = values.startIndex
    var result = PackedBits.zeros(output.count)
    for (p, window) in taps.enumerated() {
      for o in 0..<outputs {
        let row = o * layer.weightsPerChannel
        var dot = 0
        for c in 0..<input.channels {
          for tap in window {
            dot +=
              Int(layer.weights[row + c * k2 + tap.weight]) * values[base + c * plane + tap.pixel]
          }
        }
        if layer.activations[o].fires(dot) { PackedBits.set(&result, p * outputs + o) }
      }
    }
    return result
  }
}
