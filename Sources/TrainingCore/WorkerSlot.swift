import Synchronization

/// One worker's private, mutable state (scratch buffers, partial sums) behind its own lock.
///
/// Workers of a partitioned step each lock only their own slot, so there is no contention;
/// the lock is what makes sharing the slots across threads safe by construction (no
/// `@unchecked Sendable`). `State` need not be `Sendable`: it never leaves its slot.
package final class WorkerSlot<State>: Sendable {
  private let state: Mutex<State>

  /// A slot holding `state`.
  package init(_ state: sending State) {
    self.state = Mutex(state)
  }

  /// Runs `body` with exclusive access to the state.
  package func with<Result: Sendable>(_ body: (inout State) -> Result) -> Result {
    state.withLock { body(&$0) }
  }
}

/// How a mini-batch is cut into a fixed number of contiguous parts, and the workers that
/// compute them: part `p` of a batch of `n` samples is `n·p/parts ..< n·(p+1)/parts`.
///
/// Each part's contribution is computed by its own worker (any number of threads), then the
/// caller folds the workers' results in part order with ``reduce(into:_:)``. The result
/// depends on the number of parts, never on the number of threads or on scheduling: this is
/// the "partitioned fixed-order reduction" every trainer uses.
///
/// The workers are copy-on-write: a copy of the pool gets fresh workers the first time it
/// runs, so two copies never share scratch memory between a run and its reduction.
package struct PartitionedWorkers<Worker>: Sendable {
  private final class Storage: Sendable {
    let slots: [WorkerSlot<Worker>]
    init(parts: Int, make: (Int) -> sending Worker) {
      slots = (0..<parts).map { WorkerSlot(make($0)) }
    }
  }

  private var storage: Storage
  private let make: @Sendable (Int) -> sending Worker

  /// `parts` workers, worker `p` made by `make(p)`.
  package init(parts: Int, make: @escaping @Sendable (Int) -> sending Worker) {
    precondition(parts >= 1, "at least one part")
    self.make = make
    storage = Storage(parts: parts, make: make)
  }

  /// The number of parts.
  package var parts: Int { storage.slots.count }

  /// The index range of part `p` of a batch of `count` samples.
  package func range(part p: Int, of count: Int) -> Range<Int> {
    (count * p / parts)..<(count * (p + 1) / parts)
  }

  /// Runs `body(worker, part, samples)` for every part on up to `threads` threads, where
  /// `samples` is the part's slice of `batch`.
  package mutating func run(
    batch: [Int], threads: Int,
    _ body: @escaping @Sendable (inout Worker, Int, ArraySlice<Int>) -> Void
  ) async {
    if !isKnownUniquelyReferenced(&storage) {
      storage = Storage(parts: parts, make: make)
    }
    let pool = self
    await ParallelFor.run(parts, threads: threads) { p in
      let samples = batch[pool.range(part: p, of: batch.count)]
      pool.storage.slots[p].with { body(&$0, p, samples) }
    }
  }

  /// Folds every worker into `initial`, in part order.
  package func reduce<Result>(
    into initial: Result, _ combine: (inout Result, inout Worker) -> Void
  ) -> Result {
    var result = initial
    for slot in storage.slots { slot.with { combine(&result, &$0) } }
    return result
  }
}
