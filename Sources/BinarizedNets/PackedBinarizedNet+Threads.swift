import BitCore

extension PackedBinarizedNet {
  /// Samples per block: the unit of work of one kernel call and of one core.
  public static let block = 256

  /// ``run(_:samples:)`` on up to `threads` cores, in blocks of ``block`` samples; the
  /// results do not depend on `threads`.
  public func run(
    _ values: [Int], samples: Int, threads: Int
  ) -> (scores: [Int], predicted: [Int]) {
    precondition(values.count == samples * net.inputs, "one value per input and sample")
    if let front {
      let bits = front.run(values, samples: samples, kernel: kernel)
      return bits.words.withUnsafeBufferPointer { words in
        runBlocks(.packed(words, wordsPerRow: bits.wordsPerRow), samples: samples, threads: threads)
      }
    }
    return values.withUnsafeBufferPointer {
      runBlocks(.values($0), samples: samples, threads: threads)
    }
  }

  /// Every block of `source` (the dense part's inputs) through the net: worker `t` of
  /// `min(threads, blocks)` takes blocks `t, t + workers, …` with one ``PackedBlock`` of
  /// buffers; an output affine then turns the dots into the net's exact scores.
  func runBlocks(
    _ source: SampleSource, samples: Int, threads: Int
  ) -> (scores: [Int], predicted: [Int]) {
    let k = net.classes
    var scores = [Int](repeating: 0, count: samples * k)
    var predicted = [Int](repeating: 0, count: samples)
    let blocks = (samples + Self.block - 1) / Self.block
    let workers = Swift.max(1, Swift.min(threads, blocks))
    scores.withUnsafeMutableBufferPointer { scoreBuffer in
      predicted.withUnsafeMutableBufferPointer { predictedBuffer in
        let out = BlockOutput(scores: scoreBuffer, predicted: predictedBuffer)
        ParallelFor.run(workers, threads: workers) { t in
          var buffers = PackedBlock(self)
          for b in stride(from: t, to: blocks, by: workers) {
            let start = b * Self.block
            buffers.run(
              self, source, start: start, count: Swift.min(Self.block, samples - start), into: out)
          }
        }
      }
    }
    guard let affine = net.fixedAffine else { return (scores, predicted) }
    let exact = affine.scores(ofDots: scores)
    let classes = (0..<samples).map { BinarizedNet.argmax(exact[($0 * k)..<(($0 + 1) * k)]) }
    return (exact, classes)
  }
}

/// Where a run's samples come from.
enum SampleSource: @unchecked Sendable {
  /// `values[s·inputs + i]`.
  case values(UnsafeBufferPointer<Int>)
  /// Packed rows of a bit matrix, one per sample.
  case packed(UnsafeBufferPointer<UInt64>, wordsPerRow: Int)
}

/// The result buffers the blocks write, each block only its own samples.
struct BlockOutput: @unchecked Sendable {
  let scores: UnsafeMutableBufferPointer<Int>
  let predicted: UnsafeMutableBufferPointer<Int>
}
