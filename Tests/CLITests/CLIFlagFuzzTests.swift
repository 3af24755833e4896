import Foundation
import Testing
import _TestSupport

/// The CLI flag values under fuzzing (issue 11): every numeric, enumerated or path option of
/// every subcommand (``CLIFlagTable``) gets every hostile value (``CLIFlagValues``) and its
/// own structured ones, in a small valid invocation. Each run must end with status 0, or a
/// non-zero status and exactly one short `Error: …` line on stderr and nothing left in its
/// (fresh) working folder; never a signal (trap, abort, segfault), more than a few seconds
/// of CPU, or memory past ``RawCLI/memoryLimitKiB`` (the allocation fails and aborts).
///
/// About 1,000 runs of ~50 ms of CPU, on every core (at most four at once); the failures
/// name the option and the value (`BITTRUE_FUZZ_SCALE` ≥ 2: every value in every
/// subcommand).
@Suite(.serialized) struct CLIFlagFuzzTests {
  /// The most CPU one run may take (debug build; the fixtures are tiny).
  static let cpuLimit = 5.0
  /// How long (wall-clock) a run whose value sizes the work (`--iterations`) runs before it
  /// is stopped.
  static let workLimit = 2.0
  /// The longest `Error:` line accepted (a value is echoed shortened, not whole).
  static let messageLimit = 1000

  /// Argument lists that crashed `bittrue` before the fixes, spelled as ``FuzzCorpus``
  /// entries (`\xHH` for bytes that are not printable ASCII, `@D` for the fixtures).
  ///
  /// A one-character output path trapped (SIGILL) in Foundation's
  /// `NSString.deletingLastPathComponent` (``AtomicFileWriter``), in every command that
  /// writes a file.
  static let crashes: [[String]] = [
    ["netlist", "report", "@D/design.nl", "--out", "x"],
    ["netlist", "opt", "@D/design.nl", "--out", "0"],
    ["logic", "export", "--model", "@D/net.json", "--out", "x"],
    ["logic", "eval", "--model", "@D/net.json", "--inputs", "@D/bits.csv", "--scores", "0"],
  ]

  /// One run to make: its name, arguments, standard input and whether it sizes the work.
  struct Invocation: Sendable {
    var name: String
    var arguments: [[UInt8]]
    var stdin: String
    var sizesWork: Bool
  }

  /// What a batch of runs did.
  struct Tally: CustomStringConvertible {
    var tried = 0
    var succeeded = 0
    var rejected = 0
    var stopped = 0
    var crashes: [String] = []
    var failures: [String] = []

    var description: String {
      "cli flags: \(tried) runs, \(succeeded) exit 0, \(rejected) clean errors, "
        + "\(stopped) long runs stopped, \(crashes.count) crashes, "
        + "\(failures.count) other failures"
        + (crashes + failures).prefix(200).map { "\n  " + $0 }.joined()
    }
  }

  /// The values an option gets again in a later subcommand (`--seed`, the data-set options
  /// …), seeded; its first subcommand gives it every value. `BITTRUE_FUZZ_SCALE` ≥ 2 runs
  /// every value everywhere.
  static let repeatedValues = 3

  /// The runs: every value for an option's first subcommand, ``repeatedValues`` of them
  /// (seeded) for the others, in table order.
  static func invocations(fixtures: String) -> [Invocation] {
    var random = SeededRandom(seed: 0xF1A6_0011)
    var seen: Set<String> = []
    return CLIFlagTable.all.flatMap { flag in
      var values = CLIFlagValues.hostile + flag.extras.map { Array($0.utf8) }
      let first = seen.insert(flag.option ?? "").inserted || flag.option == nil
      if !first && FuzzHarness.scale < 2 {
        values = Array(values.shuffled(using: &random).prefix(repeatedValues))
      }
      return values.map { value in
        Invocation(
          name: "\(flag) '\(FuzzHarness.preview(Data(value)))'",
          arguments: flag.arguments(value, fixtures: fixtures), stdin: flag.stdin,
          sizesWork: flag.sizesWork)
      }
    }
  }

  /// Runs `invocations` concurrently and checks each.
  static func run(_ invocations: [Invocation], fixtures: URL) -> Tally {
    let root = Paths.temporaryDirectory("bittrue-flag-fuzz")
    defer { try? FileManager.default.removeItem(at: root) }
    let environment = [
      "VERILATOR": fixtures.appendingPathComponent("no-verilator").path,
      "BITTRUE_CACHE": root.appendingPathComponent("cache").path,
      "BITTRUE_DATA": fixtures.path,
    ]
    let results = Results(count: invocations.count)
    let workers = min(4, max(2, ProcessInfo.processInfo.activeProcessorCount))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let index = results.next() {
        results.store(
          index, check(invocations[index], index: index, root: root, environment: environment))
      }
    }
    var tally = Tally()
    for (invocation, verdict) in zip(invocations, results.all) {
      tally.tried += 1
      switch verdict {
      case .succeeded: tally.succeeded += 1
      case .rejected: tally.rejected += 1
      case .stopped: tally.stopped += 1
      case .crashed(let what): tally.crashes.append("\(invocation.name): \(what)")
      case .failed(let what): tally.failures.append("\(invocation.name): \(what)")
      }
    }
    return tally
  }

  enum Verdict: Sendable {
    case succeeded, rejected, stopped
    case crashed(String)
    case failed(String)
  }

  /// Runs one invocation in a fresh working folder under `root` and judges it.
  static func check(
    _ invocation: Invocation, index: Int, root: URL, environment: [String: String]
  ) -> Verdict {
    let work = root.appendingPathComponent("\(index)/work")
    let io = root.appendingPathComponent("\(index)/io")
    defer { try? FileManager.default.removeItem(at: root.appendingPathComponent("\(index)")) }
    let outcome: RawCLI.Outcome
    do {
      try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
      try FileManager.default.createDirectory(at: io, withIntermediateDirectories: true)
      outcome = try RawCLI.run(
        invocation.arguments, in: work, io: io, stdin: Data(invocation.stdin.utf8),
        environment: environment, wallLimit: invocation.sizesWork ? workLimit : 60)
    } catch {
      return .failed("could not run: \(error)")
    }
    let stderr = String(decoding: outcome.stderr, as: UTF8.self)
    if outcome.timedOut {
      return invocation.sizesWork ? .stopped : .crashed("no exit within 60 s (a hang)")
    }
    if let signal = outcome.signal {
      return .crashed("signal \(signal): \(FuzzHarness.preview(outcome.stderr))")
    }
    if outcome.cpuSeconds > cpuLimit && !invocation.sizesWork {
      return .failed("took \(outcome.cpuSeconds) s of CPU")
    }
    if stderr.contains("Fatal error") || stderr.contains("Backtrace") {
      return .crashed("status \(outcome.status ?? -1) with a backtrace")
    }
    if outcome.status == 0 { return .succeeded }
    let lines = stderr.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.count == 2, lines[1].isEmpty, lines[0].hasPrefix("Error: ") else {
      return .failed(
        "status \(outcome.status ?? -1), stderr not one Error line: "
          + FuzzHarness.preview(outcome.stderr))
    }
    guard lines[0].utf8.count <= messageLimit else {
      return .failed("Error line of \(lines[0].utf8.count) bytes: \(lines[0].prefix(80))…")
    }
    let left = (try? FileManager.default.contentsOfDirectory(atPath: work.path)) ?? []
    guard left.isEmpty else {
      return .failed("failed but left \(left.sorted()) behind: \(lines[0])")
    }
    return .rejected
  }

  /// The shared state of the workers: the next index to run and the verdicts.
  final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var verdicts: [Verdict?]

    init(count: Int) { verdicts = Array(repeating: nil, count: count) }

    func next() -> Int? {
      lock.withLock {
        guard nextIndex < verdicts.count else { return nil }
        defer { nextIndex += 1 }
        return nextIndex
      }
    }

    func store(_ index: Int, _ verdict: Verdict) { lock.withLock { verdicts[index] = verdict } }

    var all: [Verdict] { lock.withLock { verdicts.map { $0 ?? .failed("not run") } } }
  }

  @Test func everyOptionTakesEveryHostileValue() throws {
    let fixtures = try CLIFlagFixtures.make()
    defer { try? FileManager.default.removeItem(at: fixtures) }
    let invocations = Self.invocations(fixtures: fixtures.path)
    let tally = Self.run(invocations, fixtures: fixtures)
    print(tally)
    #expect(tally.crashes.isEmpty && tally.failures.isEmpty, "\(tally)")
    #expect(tally.tried == invocations.count && tally.tried >= 900)
    #expect(tally.succeeded > 0 && tally.rejected > 0, "\(tally)")
  }

  @Test func pastCrashesRunCleanly() throws {
    let fixtures = try CLIFlagFixtures.make()
    defer { try? FileManager.default.removeItem(at: fixtures) }
    let invocations = Self.crashes.map { arguments in
      Invocation(
        name: arguments.joined(separator: " "),
        arguments: arguments.map {
          [UInt8](FuzzCorpus.bytes($0.replacingOccurrences(of: "@D", with: fixtures.path)))
        }, stdin: "", sizesWork: false)
    }
    let tally = Self.run(invocations, fixtures: fixtures)
    #expect(tally.crashes.isEmpty && tally.failures.isEmpty, "\(tally)")
    #expect(tally.succeeded == Self.crashes.count, "\(tally)")
  }
}
