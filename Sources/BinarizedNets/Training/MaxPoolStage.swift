/// Max pooling in training, after the `sign` of the convolution before it: each output is
/// the largest ±1 value of its window (the OR of the bits, as ``MaxPoolLayer`` deploys it),
/// and its gradient goes to the first window position holding that value.
struct MaxPoolStage: TrainingStage {
  /// The input image.
  let image: ImageShape
  /// The window and stride.
  let pool: MaxPoolLayer

  var inputs: Int { image.count }
  var outputs: Int { pool.outputShape(image).count }
  /// Its outputs are ±1 already: no `sign` after it.
  var signOutput: Bool { false }

  /// For each output value of one sample, the input index of the first largest value of
  /// its window.
  private func winners(_ x: [Float], sample s: Int) -> [Int] {
    let out = pool.outputShape(image)
    let plane = image.height * image.width
    var result: [Int] = []
    result.reserveCapacity(out.count)
    for c in 0..<out.channels {
      for y in 0..<out.height {
        for x0 in 0..<out.width {
          let base = s * image.count + c * plane
          let window = pool.window(y: y, x: x0, width: image.width).map { base + $0 }
          result.append(window.reduce(window[0]) { x[$1] > x[$0] ? $1 : $0 })
        }
      }
    }
    return result
  }

  func forward(
    _ x: [Float], samples: Int, layer: inout BnnLayerState, threads: Int
  ) async -> StageTape {
    let output = (0..<samples).flatMap { s in winners(x, sample: s).map { x[$0] } }
    return StageTape(input: x, weights: [], output: output, batchNorm: nil)
  }

  func backward(
    _ dy: [Float], tape: StageTape, samples: Int, layer: BnnLayerState, needsInput: Bool,
    threads: Int
  ) async -> (input: [Float], parameters: [Float]) {
    guard needsInput else { return ([], []) }
    var dx = [Float](repeating: 0, count: tape.input.count)
    let k = outputs
    for s in 0..<samples {
      for (j, i) in winners(tape.input, sample: s).enumerated() { dx[i] += dy[s * k + j] }
    }
    return (dx, [])
  }
}
