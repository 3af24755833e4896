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

  /// For each output value of every sample (sample-major), the input index of the first
  /// largest value of its window (rows, then columns of the window).
  private func winners(_ x: [Float], samples: Int) -> [Int] {
    let out = pool.outputShape(image)
    let plane = image.height * image.width
    var result: [Int] = []
    result.reserveCapacity(samples * out.count)
    x.withUnsafeBufferPointer { x in
      for s in 0..<samples {
        for c in 0..<out.channels {
          let base = s * image.count + c * plane
          for y in 0..<out.height {
            for x0 in 0..<out.width {
              let corner = base + y * pool.stride * image.width + x0 * pool.stride
              var best = corner
              for dy in 0..<pool.size {
                for dx in 0..<pool.size {
                  let i = corner + dy * image.width + dx
                  if x[i] > x[best] { best = i }
                }
              }
              result.append(best)
            }
          }
        }
      }
    }
    return result
  }

  func forward(
    _ x: [Float], samples: Int, layer: inout BnnLayerState, threads: Int
  ) async -> StageTape {
    let output = winners(x, samples: samples).map { x[$0] }
    return StageTape(input: x, weights: [], output: output, batchNorm: nil)
  }

  func backward(
    _ dy: [Float], tape: StageTape, samples: Int, layer: BnnLayerState, needsInput: Bool,
    threads: Int
  ) async -> (input: [Float], parameters: [Float]) {
    guard needsInput else { return ([], []) }
    var dx = [Float](repeating: 0, count: tape.input.count)
    for (j, i) in winners(tape.input, samples: samples).enumerated() { dx[i] += dy[j] }
    return (dx, [])
  }
}
