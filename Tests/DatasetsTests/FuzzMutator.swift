import Foundation
import Testing

/// A small seeded mutation fuzzer for the file readers (self-contained; a shared fuzzer may
/// replace it).
///
/// Each input is a valid seed file with 1–4 mutations: truncation, byte flips, inserted or
/// deleted bytes, duplicated, deleted or swapped lines, a number replaced by a huge,
/// negative or malformed one, and bytes that are not UTF-8. The same seed gives the same
/// inputs in the same order. A run stops after `count` inputs or `seconds`, whichever comes
/// first; an input that takes more CPU time than ``slowInput`` is recorded as a hang. A trap ends the
/// test process: set `BITTRUE_FUZZ_LAST=FILE` to have each input written to `FILE.<run name>`
/// before it runs, so the one that trapped can be kept as a regression case;
/// `BITTRUE_FUZZ_SCALE=N` runs N times as many inputs (for long local runs).
struct FuzzMutator {
  /// The CPU time of the calling thread, in seconds (steady on a loaded machine).
  static func threadSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// The most CPU time one input may take before it counts as a hang.
  static let slowInput: Double = 2

  /// Numbers a mutation substitutes for a number of the input.
  static let numbers = [
    "0", "-1", "1", "255", "256", "65536", "2147483647", "2147483648", "-2147483649",
    "4294967296", "9007199254740993", "9223372036854775807", "9223372036854775808",
    "-9223372036854775808", "4611686018427387904", "99999999999999999999999", "1e308",
    "1e309", "-1e309", "1.5", "-0", "0x10", "1e", "NaN", "Infinity", "",
  ].map { Array($0.utf8) }

  /// Byte sequences that are not valid UTF-8 (or are control bytes).
  static let badBytes: [[UInt8]] = [
    [0xFF], [0xC3], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x00],
    [0x0D], [0xEF, 0xBB, 0xBF],
  ]

  private var state: UInt64

  /// A mutator whose whole sequence of mutants is determined by `seed`.
  init(seed: UInt64) { state = seed }

  /// The next 64 random bits (SplitMix64).
  private mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in `0..<n` (n ≥ 1).
  private mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

  /// `input` with 1–4 random mutations.
  mutating func mutate(_ input: [UInt8]) -> [UInt8] {
    var b = input
    for _ in 0...below(4) { b = mutateOnce(b) }
    return b
  }

  private mutating func mutateOnce(_ b: [UInt8]) -> [UInt8] {
    var b = b
    let at = below(b.count + 1)
    switch below(10) {
    case 0:  // truncate
      return Array(b[0..<at])
    case 1 where at < b.count:  // flip bits
      b[at] ^= UInt8(truncatingIfNeeded: 1 << below(8))
    case 2 where at < b.count:  // any byte
      b[at] = UInt8(truncatingIfNeeded: next())
    case 3:  // insert bytes
      b.insert(contentsOf: Self.badBytes[below(Self.badBytes.count)], at: at)
    case 4 where at < b.count:  // delete a run
      b.removeSubrange(at..<min(b.count, at + 1 + below(8)))
    case 5, 6:  // replace a number
      return replaceNumber(b, near: at)
    default:  // lines: duplicate, delete or swap
      var lines = b.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
      guard !lines.isEmpty else { return b }
      let i = below(lines.count)
      let j = below(lines.count)
      switch below(3) {
      case 0: lines.insert(lines[i], at: j)
      case 1: lines.remove(at: i)
      default: lines.swapAt(i, j)
      }
      return Array(lines.joined(separator: [0x0A]))
    }
    return b
  }

  /// `b` with the first run of digits at or after `at` (else before) replaced.
  private mutating func replaceNumber(_ b: [UInt8], near at: Int) -> [UInt8] {
    func isDigit(_ x: UInt8) -> Bool { x >= 0x30 && x <= 0x39 }
    guard let start = b[at...].firstIndex(where: isDigit) ?? b[..<at].lastIndex(where: isDigit)
    else { return b }
    var from = start
    while from > 0 && isDigit(b[from - 1]) { from -= 1 }
    var to = start
    while to < b.count && isDigit(b[to]) { to += 1 }
    var out = b
    out.replaceSubrange(from..<to, with: Self.numbers[below(Self.numbers.count)])
    return out
  }

  /// What a run did.
  struct Report {
    /// Inputs run.
    var tried = 0
    /// Inputs that parsed into a valid result.
    var accepted = 0
    /// Inputs rejected with a typed error.
    var rejected = 0
  }

  /// Runs `body` on the seeds and then on up to `count` mutants of them (at most `seconds`
  /// in all). `body` returns normally for a valid result (after checking it) and throws the
  /// reader's typed error otherwise; `isTyped` says whether an error is one.
  static func run(
    _ name: String, seeds: [[UInt8]], seed: UInt64, count: Int, seconds: Double = 60,
    isTyped: (any Error) -> Bool, _ body: ([UInt8]) throws -> Void
  ) -> Report {
    var mutator = FuzzMutator(seed: seed)
    var report = Report()
    let scale = ProcessInfo.processInfo.environment["BITTRUE_FUZZ_SCALE"].flatMap(Int.init) ?? 1
    let last = ProcessInfo.processInfo.environment["BITTRUE_FUZZ_LAST"]
    let start = Date()
    for i in 0..<(seeds.count + count * scale) {
      if Date().timeIntervalSince(start) > seconds * Double(scale) { break }
      let input =
        i < seeds.count ? seeds[i] : mutator.mutate(seeds[mutator.below(seeds.count)])
      if let last {
        FileManager.default.createFile(atPath: "\(last).\(name)", contents: Data(input))
      }
      let began = threadSeconds()
      do {
        try body(input)
        report.accepted += 1
      } catch {
        #expect(isTyped(error), "\(name) input \(i): untyped error \(error)")
        report.rejected += 1
      }
      let took = threadSeconds() - began
      #expect(took < slowInput, "\(name) input \(i) took \(took) s: \(input)")
      report.tried += 1
    }
    print(
      "fuzz \(name): \(report.tried) inputs, \(report.accepted) accepted, "
        + "\(report.rejected) rejected, 0 crashes")
    return report
  }
}
