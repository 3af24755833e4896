/// Cuts training into epochs and mini-batches: each epoch visits every sample once in the
/// order of a seeded Fisher–Yates shuffle (``FixedPoint/CounterRNG/permutation(_:)`` of the
/// `shuffle` stream at index `epoch`), in consecutive batches of `batchSize` (the last batch
/// of an epoch may be smaller).
///
/// The state (epoch, order, position) is a value, so a trainer that saves it resumes on the
/// same batches; asking for batches of a different sample count starts a fresh order for the
/// current epoch.
package struct EpochBatcher: Sendable, Hashable {
  /// Samples per mini-batch.
  package let batchSize: Int
  /// The stream the shuffles come from (indexed by epoch).
  package let shuffle: RandomStream
  /// The seed of the shuffles.
  package let seed: UInt64
  /// The epoch of the last batch handed out (0-based).
  package private(set) var epoch = 0
  private var order: [Int] = []
  private var position = 0

  /// A batcher at the start of epoch 0.
  package init(batchSize: Int, shuffle: RandomStream, seed: UInt64) {
    precondition(batchSize >= 1, "a batch needs samples")
    self.batchSize = batchSize
    self.shuffle = shuffle
    self.seed = seed
  }

  /// The indices of the next mini-batch of `sampleCount` samples (at least 1).
  package mutating func nextBatch(sampleCount: Int) -> [Int] {
    precondition(sampleCount >= 1, "no samples to batch")
    if order.count != sampleCount || position >= sampleCount {
      if order.count == sampleCount { epoch += 1 }
      order = shuffle.generator(seed: seed, index: epoch).permutation(sampleCount)
      position = 0
    }
    let end = position + min(batchSize, sampleCount - position)
    defer { position = end }
    return Array(order[position..<end])
  }
}
