import BitCore

extension PackedBinarizedNet {
  /// Samples per unit of work on several cores.
  static let block = 256

  /// ``run(_:samples:)`` on up to `threads` cores, in blocks of 256 samples; the results do
  /// not depend on `threads`.
  public func run(
    _ values: [Int], samples: Int, threads: Int
  ) -> (scores: [Int], predicted: [Int]) {
    precondition(values.count == samples * net.inputs, "one value per input and sample")
    let k = net.classes
    let inputs = net.inputs
    var scores = [Int](repeating: 0, count: samples * k)
    var predicted = [Int](repeating: 0, count: samples)
    scores.withUnsafeMutableBufferPointer { scoreBuffer in
      predicted.withUnsafeMutableBufferPointer { predictedBuffer in
        let out = Output(scores: scoreBuffer, predicted: predictedBuffer)
        let blocks = (samples + Self.block - 1) / Self.block
        ParallelFor.run(blocks, threads: threads) { b in
          let start = b * Self.block
          let count = Swift.min(Self.block, samples - start)
          let part = run(
            Array(values[(start * inputs)..<((start + count) * inputs)]), samples: count)
          for i in 0..<(count * k) { out.scores[start * k + i] = part.scores[i] }
          for s in 0..<count { out.predicted[start + s] = part.predicted[s] }
        }
      }
    }
    return (scores, predicted)
  }
}

/// The result buffers the blocks write, each block only its own samples.
private struct Output: @unchecked Sendable {
  let scores: UnsafeMutableBufferPointer<Int>
  let predicted: UnsafeMutableBufferPointer<Int>
}
