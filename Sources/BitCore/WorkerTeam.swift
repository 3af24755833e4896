import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fixed team of helper threads that stay awake between calls, so that a short parallel
/// call (a tenth of a millisecond of work) does not spend a visible part of its time waking
/// a worker, as a call through Dispatch does.
///
/// One caller at a time owns the team (``run(_:tasks:_:)`` returns `false` when another
/// call, or a call nested inside a running one, holds it; the caller then uses Dispatch).
/// Task `t` of a call takes the indices `t, t + tasks, t + 2·tasks …`: the caller runs task
/// 0 and helper `h` runs task `h + 1`. After a call a helper polls for the next one for
/// ``pollNanoseconds`` (yielding its core to any other runnable thread on every poll), then
/// sleeps on a condition variable until woken.
package final class WorkerTeam: @unchecked Sendable {
  /// The team of the process: one helper per core beyond the caller's (at most 63), made on
  /// first use.
  package static let shared = WorkerTeam(helpers: min(63, max(0, onlineCores() - 1)))

  /// How long a helper keeps polling for the next call before it goes to sleep.
  static let pollNanoseconds: UInt64 = 1_000_000

  /// The number of helper threads.
  package let helpers: Int
  /// Whether a caller owns the team.
  private let owned = Atomic<Bool>(false)
  /// The call's number and its task count, published together as
  /// `number << 8 | tasks` so a helper never pairs one call's number with another's count.
  private let call = Atomic<Int>(0)
  /// Helper tasks of the current call not yet finished.
  private let pending = Atomic<Int>(0)
  /// Helpers asleep (or about to sleep) on the condition.
  private let sleepers = Atomic<Int>(0)
  private let mutex: UnsafeMutablePointer<pthread_mutex_t>
  private let wakeUp: UnsafeMutablePointer<pthread_cond_t>
  /// The current call's work and index count, written by the owner before `call` is
  /// published and read only by helpers that take part in it.
  private var job: ((Int) -> Void)?
  private var count = 0

  /// A team of `helpers` threads, started at once. They live as long as the process: one
  /// team (``shared``) serves every call.
  package init(helpers: Int) {
    self.helpers = helpers
    mutex = .allocate(capacity: 1)
    mutex.initialize(to: pthread_mutex_t())
    pthread_mutex_init(mutex, nil)
    wakeUp = .allocate(capacity: 1)
    wakeUp.initialize(to: pthread_cond_t())
    pthread_cond_init(wakeUp, nil)
    for h in 0..<helpers { startHelper(h) }
  }

  /// Runs `body` once per index of `0 ..< count` as `tasks` tasks (at most `helpers + 1`),
  /// blocking until all are done; returns `false`, having run nothing, when the team is
  /// owned by another call.
  package func run(_ count: Int, tasks: Int, _ body: @Sendable (Int) -> Void) -> Bool {
    precondition(tasks >= 1 && tasks <= helpers + 1 && tasks <= 255)
    guard owned.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
    else { return false }
    defer { owned.store(false, ordering: .releasing) }
    withoutActuallyEscaping(body) { body in
      job = body
      self.count = count
      pending.store(tasks - 1, ordering: .relaxed)
      let number = (call.load(ordering: .relaxed) >> 8) &+ 1
      call.store(number << 8 | tasks, ordering: .sequentiallyConsistent)
      if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
        pthread_mutex_lock(mutex)
        pthread_cond_broadcast(wakeUp)
        pthread_mutex_unlock(mutex)
      }
      for i in stride(from: 0, to: count, by: tasks) { body(i) }
      while pending.load(ordering: .acquiring) > 0 { sched_yield() }
      job = nil
    }
    return true
  }

  /// Helper `h`'s life: wait for a call, take task `h + 1` if the call has one, repeat.
  private func serve(_ h: Int) {
    // Not a load: a call published before this thread first runs must still be seen.
    var seen = 0
    while true {
      seen = nextCall(after: seen)
      let tasks = seen & 255
      guard h + 1 < tasks else { continue }
      runTask(h + 1, of: tasks)
      pending.subtract(1, ordering: .releasing)
    }
  }

  /// Runs one task of the current call; kept out of line so that the helper's reference to
  /// the job ends before it reports the task done.
  @inline(never)
  private func runTask(_ task: Int, of tasks: Int) {
    guard let job else { preconditionFailure("a published call has a job") }
    for i in stride(from: task, to: count, by: tasks) { job(i) }
  }

  /// The next call's published word after `seen`: polled for ``pollNanoseconds``, then
  /// waited for on the condition.
  private func nextCall(after seen: Int) -> Int {
    let deadline = Self.now() &+ Self.pollNanoseconds
    var polls = 0
    while true {
      let current = call.load(ordering: .acquiring)
      if current != seen { return current }
      polls &+= 1
      if polls & 63 == 0, Self.now() > deadline { break }
      sched_yield()
    }
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    sleepers.add(1, ordering: .sequentiallyConsistent)
    defer { sleepers.subtract(1, ordering: .sequentiallyConsistent) }
    while true {
      let current = call.load(ordering: .sequentiallyConsistent)
      if current != seen { return current }
      pthread_cond_wait(wakeUp, mutex)
    }
  }

  private func startHelper(_ h: Int) {
    let start = Unmanaged.passRetained(HelperStart(team: self, index: h)).toOpaque()
    var thread = pthread_t()
    let made = pthread_create(
      &thread, nil,
      { raw in
        guard let raw else { return nil }
        let start = Unmanaged<HelperStart>.fromOpaque(raw).takeRetainedValue()
        start.team.serve(start.index)
        return nil
      }, start)
    precondition(made == 0, "cannot start a worker thread (pthread_create: \(made))")
    pthread_detach(thread)
  }

  /// Monotonic nanoseconds.
  private static func now() -> UInt64 {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
  }

  /// The cores this process may run on.
  private static func onlineCores() -> Int {
    Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
  }
}

/// What a new helper thread needs to know.
private final class HelperStart {
  let team: WorkerTeam
  let index: Int
  init(team: WorkerTeam, index: Int) {
    self.team = team
    self.index = index
  }
}
