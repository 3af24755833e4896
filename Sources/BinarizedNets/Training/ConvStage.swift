/// A convolution in training: the input windows unrolled into rows (one per sample and
/// output position, zero padding as 0), the dense product of those rows with the quantized
/// `channels × (C·k·k)` weights (``DenseProducts``), and a batch norm per output channel over
/// every sample and position. Its output is channel-major per sample (`C × H × W`, the
/// layout of the next stage and of the deployed net).
struct ConvStage: TrainingStage {
  /// The input image.
  let image: ImageShape
  /// The layer's geometry (no weights).
  let layer: ConvolutionLayer
  /// The weight mode.
  let weights: TrainingWeights

  var inputs: Int { image.count }
  var outputs: Int { layer.outputShape(image).count }
  /// Output positions per channel.
  private var positions: Int {
    let out = layer.outputShape(image)
    return out.height * out.width
  }
  /// Values of one window, `C·k·k`.
  private var window: Int { layer.weightsPerChannel }

  /// For each output position, its window's taps as (index in the window of channel 0,
  /// pixel); channel `c` adds `c·k·k` and `c·H·W`.
  private var taps: [[(weight: Int, pixel: Int)]] {
    let out = layer.outputShape(image)
    return (0..<positions).map { p in
      layer.taps(y: p / out.width, x: p % out.width, height: image.height, width: image.width)
    }
  }

  /// Rows `(s·P + p)` of the windows, `C·k·k` wide.
  func unroll(_ x: [Float], samples: Int) -> [Float] {
    let (p, n, plane, k2) = (
      positions, window, image.height * image.width, layer.kernel * layer.kernel
    )
    var rows = [Float](repeating: 0, count: samples * p * n)
    let taps = taps
    for s in 0..<samples {
      for q in 0..<p {
        let row = (s * p + q) * n
        for c in 0..<image.channels {
          let source = s * image.count + c * plane
          for tap in taps[q] { rows[row + c * k2 + tap.weight] = x[source + tap.pixel] }
        }
      }
    }
    return rows
  }

  /// The gradient of the image from that of its unrolled rows (each pixel's terms added in
  /// row order).
  func fold(_ rows: [Float], samples: Int) -> [Float] {
    let (p, n, plane, k2) = (
      positions, window, image.height * image.width, layer.kernel * layer.kernel
    )
    var x = [Float](repeating: 0, count: samples * image.count)
    let taps = taps
    for s in 0..<samples {
      for q in 0..<p {
        let row = (s * p + q) * n
        for c in 0..<image.channels {
          let target = s * image.count + c * plane
          for tap in taps[q] { x[target + tap.pixel] += rows[row + c * k2 + tap.weight] }
        }
      }
    }
    return x
  }

  /// `[(s·P + p)·O + o]` → `[(s·O + o)·P + p]`, or back with `inverse`.
  func transpose(_ z: [Float], samples: Int, inverse: Bool = false) -> [Float] {
    let (p, o) = (positions, layer.outputChannels)
    var out = [Float](repeating: 0, count: z.count)
    for s in 0..<samples {
      for q in 0..<p {
        for c in 0..<o {
          let positionMajor = (s * p + q) * o + c
          let channelMajor = (s * o + c) * p + q
          if inverse {
            out[positionMajor] = z[channelMajor]
          } else {
            out[channelMajor] = z[positionMajor]
          }
        }
      }
    }
    return out
  }

  func forward(
    _ x: [Float], samples: Int, layer state: inout BnnLayerState, threads: Int
  ) async -> StageTape {
    let rows = unroll(x, samples: samples)
    let o = layer.outputChannels
    let w = WeightQuantizer.quantize(state.latent, count: o * window, mode: weights).values
    var z = DenseProducts.forward(
      rows, w, samples: samples * positions, inputs: window, outputs: o, threads: threads)
    let norm = BatchNormTraining.forward(
      &z, samples: samples * positions, outputs: o, layer: &state)
    return StageTape(
      input: rows, weights: w, output: transpose(z, samples: samples), batchNorm: norm)
  }

  func backward(
    _ dy: [Float], tape: StageTape, samples: Int, layer state: BnnLayerState, needsInput: Bool,
    threads: Int
  ) async -> (input: [Float], parameters: [Float]) {
    let (o, n) = (layer.outputChannels, samples * positions)
    var dz = transpose(dy, samples: samples, inverse: true)
    var norm: (gamma: [Float], beta: [Float]) = ([], [])
    if let batchNorm = tape.batchNorm {
      norm = batchNorm.backward(&dz, samples: n, outputs: o, gamma: state.gamma)
    }
    let g = DenseProducts.weightGradient(
      dz, tape.input, samples: n, inputs: window, outputs: o, threads: threads)
    var dx: [Float] = []
    if needsInput {
      let rows = DenseProducts.inputGradient(
        dz, tape.weights, samples: n, inputs: window, outputs: o, threads: threads)
      dx = fold(rows, samples: samples)
    }
    let latent = WeightQuantizer.latentGradient(
      g, latent: state.latent, count: o * window, mode: weights)
    return (dx, latent + norm.gamma + norm.beta)
  }
}
