import BitCore
import Synchronization
import Testing

@Suite struct ParallelForTests {
  @Test(arguments: [1, 2, 3, 8])
  func parallelForRunsEveryIndexOnce(threads: Int) async {
    let counts = Mutex([Int](repeating: 0, count: 37))
    func blocking() {
      ParallelFor.run(37, threads: threads) { i in counts.withLock { $0[i] += 1 } }
    }
    blocking()
    #expect(counts.withLock { $0 } == [Int](repeating: 1, count: 37))
    await ParallelFor.run(37, threads: threads) { i in counts.withLock { $0[i] += 1 } }
    #expect(counts.withLock { $0 } == [Int](repeating: 2, count: 37))
  }
}
