import BitCore
import Testing

@testable import TrainingCore

@Suite struct RandomStreamTests {
  /// The documented id layout: family << 40 | purpose << 32 | low 32 bits of the index.
  @Test func streamIdsFollowTheDocumentedLayout() {
    let s = RandomStream(family: .binarizedNets, purpose: 3, name: "weights", index: "layer")
    #expect(s.id(index: 7) == 0x0103_0000_0007)
    #expect(s.id(index: -1) == 0x0103_FFFF_FFFF)
    let logic = RandomStream(family: .logicNets, purpose: 5, name: "epoch shuffle", index: "epoch")
    #expect(logic.id(index: 2) == 5 << 32 | 2)
    #expect(logic.generator(seed: 9, index: 2) == CounterRNG(seed: 9, stream: 5 << 32 | 2))
    #expect(s.description == "binarized-nets/3 weights")
  }

  @Test func registryListsStreamsInPurposeOrder() {
    let registry = RandomStreamRegistry([
      RandomStream(family: .integerTraining, purpose: 2, name: "shuffle", index: "epoch"),
      RandomStream(family: .integerTraining, purpose: 1, name: "init", index: "layer"),
    ])
    #expect(registry.streams.map(\.purpose) == [1, 2])
    #expect(
      registry.markdownTable
        == """
        | family | purpose | stream | index |
        |---|---|---|---|
        | 2 integer-training | 1 | init | layer |
        | 2 integer-training | 2 | shuffle | epoch |

        """)
  }

  /// Every epoch visits every sample once, in the order of the stream's permutation for
  /// that epoch, in batches of `batchSize` (the last one smaller).
  @Test func batcherVisitsEverySampleOncePerEpoch() {
    let stream = RandomStream(family: .logicNets, purpose: 5, name: "epoch shuffle", index: "epoch")
    var batcher = EpochBatcher(batchSize: 4, shuffle: stream, seed: 11)
    for epoch in 0..<3 {
      var seen: [Int] = []
      var sizes: [Int] = []
      while seen.count < 10 {
        let batch = batcher.nextBatch(sampleCount: 10)
        sizes.append(batch.count)
        seen += batch
      }
      #expect(batcher.epoch == epoch)
      #expect(sizes == [4, 4, 2])
      #expect(seen == CounterRNG(seed: 11, stream: stream.id(index: epoch)).permutation(10))
    }
    // A different sample count restarts the order within the current epoch.
    #expect(batcher.nextBatch(sampleCount: 3).count == 3)
    #expect(batcher.epoch == 2)
  }
}
