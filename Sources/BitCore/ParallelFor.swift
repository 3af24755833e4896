import Dispatch

/// The one way BitTrue runs work on several cores: `body(0) … body(count − 1)` spread over
/// at most `threads` threads (thread `t` of `T` takes the indices `t, t + T, t + 2·T …`;
/// the synchronous entry uses no more threads than the machine has cores), returning when
/// all are done.
///
/// Results never depend on the thread count: each index is one unit of work that writes only
/// what it owns (a worker slot, its own output), and the caller combines the results in
/// index order afterwards. With one thread (or one index) everything runs inline on the
/// caller's thread.
///
/// Two entry points with the same contract: the `async` one runs child tasks (use it from
/// async code: it never blocks a thread of the concurrency pool), the synchronous one runs
/// on the process's ``WorkerTeam`` (helpers that stay awake between calls, so short calls
/// do not pay for waking a thread), or on Dispatch's worker threads when the team is busy
/// (a call nested in another, or calls from several threads at once).
package enum ParallelFor {
  /// Runs `body` once per index of `0 ..< count` on up to `threads` threads, blocking the
  /// caller until all are done.
  package static func run(_ count: Int, threads: Int, _ body: @Sendable (Int) -> Void) {
    let tasks = max(1, min(threads, count))
    if tasks == 1 {
      for i in 0..<count { body(i) }
      return
    }
    let team = WorkerTeam.shared
    if team.helpers > 0, team.run(count, tasks: min(tasks, team.helpers + 1), body) { return }
    DispatchQueue.concurrentPerform(iterations: tasks) { t in
      for i in stride(from: t, to: count, by: tasks) { body(i) }
    }
  }

  /// Runs `body` once per index of `0 ..< count` as up to `threads` child tasks.
  package static func run(
    _ count: Int, threads: Int, _ body: @escaping @Sendable (Int) -> Void
  ) async {
    let tasks = max(1, min(threads, count))
    if tasks == 1 {
      for i in 0..<count { body(i) }
      return
    }
    await withTaskGroup(of: Void.self) { group in
      for t in 0..<tasks {
        group.addTask {
          for i in stride(from: t, to: count, by: tasks) { body(i) }
        }
      }
    }
  }
}
