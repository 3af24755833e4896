import Foundation

/// Runs a parser over a ``Fuzzer``'s mutations and checks the rule every parser a user can
/// feed must keep: **a typed error with a short one-line message, or a valid result** —
/// never a trap, a hang or an allocation beyond the input's size.
///
/// ```swift
/// let report = FuzzHarness.run(
///   "netlist text", seeds: [Data(text.utf8)], count: 2000,
///   parse: { (data: Data) throws(NetlistError) in try NetlistText.parse(data) },
///   check: { netlist in netlist.nodes.count <= 10_000 ? nil : "too many nodes" })
/// #expect(report.failures.isEmpty, "\(report)")
/// ```
///
/// - `parse` runs on each mutated input; its `Failure` type is the typed error it may throw
///   (a `throws(NetlistError)` closure can throw nothing else). Every error's description
///   must be one line of at most `messageLimit` characters (the message must not echo a
///   large input).
/// - `check` inspects each valid result (widths bounded, verifies, round-trips …) and returns
///   a description of what is wrong, or `nil`.
/// - `isTyped` tells the parser's own errors from any other: an error it refuses is a
///   failure (for parsers declared `throws`, run with `Failure` = `any Error`).
/// - One input may take at most `inputLimit` of CPU time on the calling thread (a slow input
///   is a failure: a hang or an allocation out of proportion to the input; CPU time, unlike
///   wall-clock time, holds steady on a loaded machine); the run stops after `timeLimit` of
///   CPU time in all, so a loaded machine tries as many inputs as an idle one.
/// - `BITTRUE_FUZZ_SCALE=N` (see ``scale``) multiplies the count and the time limit of a
///   seeded run, for long local runs.
///
/// A trap cannot be caught in-process: it ends the test run. To find the input, set
/// `BITTRUE_FUZZ_LOG` to a file path: each input is written there (after a line with its
/// index) just before it is parsed, so after a crash the file holds the culprit; set
/// `BITTRUE_FUZZ_SKIP` to comma-separated indices to skip them and look for further crashes.
/// Add each crashing input to the parser's regression corpus.
public enum FuzzHarness {
  /// What one fuzz run saw.
  public struct Report: Sendable, CustomStringConvertible {
    /// The run's name.
    public var name: String
    /// Inputs parsed.
    public var tried = 0
    /// Inputs rejected with a typed error.
    public var rejected = 0
    /// Inputs parsed to a result that passed `check`.
    public var accepted = 0
    /// The slowest single input (CPU time).
    public var slowest: Duration = .zero
    /// One line per failure: index, what went wrong and the start of the input.
    public var failures: [String] = []

    /// `name: N tried, R rejected, A accepted, F failures, slowest T`, then the failures.
    public var description: String {
      "\(name): \(tried) tried, \(rejected) rejected, \(accepted) accepted, "
        + "\(failures.count) failures, slowest \(slowest)"
        + failures.prefix(10).map { "\n  " + $0 }.joined()
    }
  }

  /// `BITTRUE_FUZZ_SCALE` when it is a positive integer, else 1: how many times the default
  /// amount of fuzzing a run does.
  public static var scale: Int {
    let text = ProcessInfo.processInfo.environment["BITTRUE_FUZZ_SCALE"] ?? ""
    return max(1, Int(text) ?? 1)
  }

  /// Parses `count` × ``scale`` mutations of `seeds` (see ``Fuzzer``) within `timeLimit` ×
  /// ``scale`` and reports what happened.
  public static func run<Output, Failure: Error>(
    _ name: String, seeds: [Data], seed: UInt64 = 1, count: Int = 1000,
    timeLimit: Duration = .seconds(4), inputLimit: Duration = .milliseconds(500),
    messageLimit: Int = 200, isTyped: (Failure) -> Bool = { _ in true },
    parse: (Data) throws(Failure) -> Output, check: (Output) -> String? = { _ in nil }
  ) -> Report {
    var fuzzer = Fuzzer(seed: seed)
    let inputs = seeds + fuzzer.mutations(of: seeds, count: count * scale)
    return run(
      name, inputs: inputs, timeLimit: timeLimit * scale, inputLimit: inputLimit,
      messageLimit: messageLimit, isTyped: isTyped, parse: parse, check: check)
  }

  /// Parses each of `inputs` (a regression corpus, or ``Fuzzer`` output) under the same rule.
  public static func run<Output, Failure: Error>(
    _ name: String, inputs: [Data], timeLimit: Duration = .seconds(4),
    inputLimit: Duration = .milliseconds(500), messageLimit: Int = 200,
    isTyped: (Failure) -> Bool = { _ in true },
    parse: (Data) throws(Failure) -> Output, check: (Output) -> String? = { _ in nil }
  ) -> Report {
    let environment = ProcessInfo.processInfo.environment
    let log = environment["BITTRUE_FUZZ_LOG"]
    let skip = Set(
      (environment["BITTRUE_FUZZ_SKIP"] ?? "").split(separator: ",").compactMap {
        Int($0)
      })
    var report = Report(name: name)
    let start = threadCPUTime()
    for (index, input) in inputs.enumerated() where !skip.contains(index) {
      if threadCPUTime() - start > timeLimit { break }
      if let log {
        _ = FileManager.default.createFile(
          atPath: log, contents: Data("\(name) #\(index)\n".utf8) + input)
      }
      let before = threadCPUTime()
      let problem: String?
      do throws(Failure) {
        let output = try parse(input)
        problem = check(output)
        if problem == nil { report.accepted += 1 }
      } catch {
        let message = String(describing: error)
        if !isTyped(error) {
          problem = "untyped error \(type(of: error)): \(message.prefix(100))"
        } else if message.contains("\n") || message.count > messageLimit {
          problem = "error message is not one short line (\(message.count) characters)"
        } else {
          problem = nil
        }
        if problem == nil { report.rejected += 1 }
      }
      let elapsed = threadCPUTime() - before
      report.tried += 1
      report.slowest = max(report.slowest, elapsed)
      if let problem { report.failures.append("#\(index): \(problem): \(preview(input))") }
      if elapsed > inputLimit {
        report.failures.append("#\(index): took \(elapsed) of CPU: \(preview(input))")
      }
    }
    return report
  }

  /// The CPU time the calling thread has used so far.
  public static func threadCPUTime() -> Duration {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
  }

  /// The first 60 bytes of an input, printable ASCII kept and the rest escaped.
  public static func preview(_ input: Data) -> String {
    let text = input.prefix(60).map { byte -> String in
      (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "\\x" + hex(byte)
    }.joined()
    return input.count > 60 ? text + "…" : text
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16)
    return digits.count == 1 ? "0" + digits : digits
  }
}
