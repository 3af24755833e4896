import Dispatch
import Synchronization

/// The one way BitTrue runs work on several cores: `body(0) … body(count − 1)` spread over
/// at most `threads` threads, returning when all are done.
///
/// Results never depend on the thread count: each index is one unit of work that writes only
/// what it owns (a ``WorkerSlot``, its own output), and the caller combines the results in
/// index order afterwards. With one thread (or one index) everything runs inline on the
/// caller's thread.
public enum ParallelFor {
  /// Runs `body` once per index of `0 ..< count` on up to `threads` threads; thread `t` takes
  /// the indices `t, t + threads, t + 2·threads …`.
  public static func run(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
    let tasks = max(1, min(threads, count))
    if tasks == 1 {
      for i in 0..<count { body(i) }
      return
    }
    DispatchQueue.concurrentPerform(iterations: tasks) { t in
      for i in stride(from: t, to: count, by: tasks) { body(i) }
    }
  }

  /// `[body(0), …, body(count − 1)]`, computed on up to `threads` threads (see
  /// ``run(_:threads:_:)``) and returned in index order.
  public static func map<T: Sendable>(
    _ count: Int, threads: Int, _ body: @Sendable (Int) -> T
  ) -> [T] {
    let results = Mutex([T?](repeating: nil, count: count))
    run(count, threads: threads) { i in
      let value = body(i)
      results.withLock { $0[i] = value }
    }
    return results.withLock { $0.map { $0! } }
  }
}
