import Glibc
import Synchronization
import Testing

@testable import BitCore

@Suite(.timeLimit(.minutes(1))) struct WorkerTeamTests {
  /// Runs `count` indices on `team` and returns how often each ran.
  private func tally(_ team: WorkerTeam, count: Int, tasks: Int) -> [Int] {
    let counts = Mutex([Int](repeating: 0, count: count))
    let ran = team.run(count, tasks: tasks) { i in counts.withLock { $0[i] += 1 } }
    #expect(ran)
    return counts.withLock { $0 }
  }

  @Test(arguments: [1, 2, 3])
  func aCallMadeBeforeTheHelpersStartIsServed(helpers: Int) {
    // The first call races the helpers' start: a helper that begins after the call was
    // published must still take its task (it once waited for the call after it instead).
    for _ in 0..<4 {
      let team = WorkerTeam(helpers: helpers)
      #expect(tally(team, count: 29, tasks: helpers + 1) == [Int](repeating: 1, count: 29))
    }
  }

  @Test func everyTaskCountRunsEveryIndexOnceAcrossManyCalls() {
    let team = WorkerTeam(helpers: 3)
    for call in 0..<300 {
      let tasks = 1 + call % 4
      let count = call % 11
      #expect(tally(team, count: count, tasks: tasks) == [Int](repeating: 1, count: count))
    }
  }

  @Test func sleepingHelpersWakeForTheNextCall() {
    let team = WorkerTeam(helpers: 1)
    #expect(tally(team, count: 8, tasks: 2) == [Int](repeating: 1, count: 8))
    // Longer than the helpers poll: they are asleep on the condition when the call comes.
    usleep(useconds_t(4 * WorkerTeam.pollNanoseconds / 1000))
    #expect(tally(team, count: 8, tasks: 2) == [Int](repeating: 1, count: 8))
  }

  @Test func aBusyTeamRefusesAndParallelForFallsBackToDispatch() {
    let team = WorkerTeam(helpers: 1)
    let inner = Mutex(0)
    let refusals = Mutex(0)
    let outerRan = team.run(2, tasks: 2) { _ in
      // Nested in a running call: the team is owned, so it refuses.
      if !team.run(3, tasks: 2, { _ in inner.withLock { $0 += 1 } }) {
        refusals.withLock { $0 += 1 }
        ParallelFor.run(3, threads: 2) { _ in inner.withLock { $0 += 1 } }
      }
    }
    #expect(outerRan)
    #expect(refusals.withLock { $0 } == 2, "both nested calls are refused")
    #expect(inner.withLock { $0 } == 6)
  }

  @Test func parallelForNestedInParallelForFinishes() {
    let counts = Mutex([Int](repeating: 0, count: 12))
    ParallelFor.run(3, threads: 2) { outer in
      ParallelFor.run(4, threads: 2) { inner in counts.withLock { $0[outer * 4 + inner] += 1 } }
    }
    #expect(counts.withLock { $0 } == [Int](repeating: 1, count: 12))
  }
}
