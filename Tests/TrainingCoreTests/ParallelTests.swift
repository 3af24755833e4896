import Testing

@testable import TrainingCore

@Suite struct ParallelTests {
  /// Parts are contiguous, cover the batch in order, and the fold is in part order whatever
  /// the thread count: float sums whose result depends on the order come out identical.
  @Test func partitionedSumsDependOnPartsNotThreads() async {
    let values: [Float] = (0..<101).map { Float($0 % 7) * 1e-3 + ($0 % 2 == 0 ? 1e7 : -1e7) }
    func sum(parts: Int, threads: Int) async -> (Float, [Range<Int>]) {
      var pool = PartitionedWorkers<Float>(parts: parts) { _ in 0 }
      await pool.run(batch: Array(0..<values.count), threads: threads) { partial, _, samples in
        partial = 0
        for s in samples { partial += values[s] }
      }
      let ranges = (0..<parts).map { pool.range(part: $0, of: values.count) }
      return (pool.reduce(into: 0) { $0 += $1 }, ranges)
    }
    let (one, ranges) = await sum(parts: 3, threads: 1)
    #expect(ranges == [0..<33, 33..<67, 67..<101])
    for threads in [2, 3, 5] { #expect(await sum(parts: 3, threads: threads).0 == one) }
    var expected: Float = 0
    for r in ranges {
      var partial: Float = 0
      for s in r { partial += values[s] }
      expected += partial
    }
    #expect(one == expected)
  }

  /// A copy of a pool gets its own workers the first time it runs.
  @Test func copiedPoolsDoNotShareWorkers() async {
    var a = PartitionedWorkers<[Int]>(parts: 2) { _ in [] }
    await a.run(batch: [1, 2], threads: 1) { w, _, s in w += s }
    var b = a
    await b.run(batch: [5, 6], threads: 2) { w, _, s in w += s }
    #expect(a.reduce(into: []) { $0 += $1 } == [1, 2])
    #expect(b.reduce(into: []) { $0 += $1 } == [5, 6])
  }
}
