import Foundation

/// A small, seeded mutation fuzzer for the parsers a user can feed.
///
/// It turns valid inputs into broken ones the way files break in practice: truncated,
/// bits flipped, bytes overwritten or deleted, lines duplicated, deleted or swapped, numbers
/// replaced by huge, negative, boundary, non-finite and malformed values, non-UTF-8 bytes, a
/// byte-order mark or a lone CR inserted, line endings turned into CRLF. Each mutated input
/// applies one to four such mutations to one of the valid inputs.
///
/// The stream is fully determined by the seed: the same seed and inputs give the same
/// mutations on every machine, so a failure reproduces by its index.
///
/// ```swift
/// var fuzzer = Fuzzer(seed: 7)
/// let inputs = fuzzer.mutations(of: [Data("netlist \"a\"\n…".utf8)], count: 500)
/// ```
///
/// To run a parser over them with a time budget, see ``FuzzHarness/run(_:seeds:seed:count:timeLimit:inputLimit:messageLimit:parse:check:)``.
public struct Fuzzer: Sendable {
  private var random: SeededRandom

  /// Numbers that break parsers: byte, word and width boundaries, values past `Int32`,
  /// `Int`, `UInt64` and exact `Double` integers, `2^62` (doubling it overflows), negative
  /// values, a long run of digits, floats that overflow, non-finite spellings, malformed
  /// numbers (`0x10`, `1e`) and the empty string (the number deleted).
  public static let interestingNumbers: [String] = [
    "0", "1", "-1", "-0", "63", "64", "65", "255", "256", "65535", "65536", "65537", "1048577",
    "2147483647", "2147483648", "-2147483649", "4294967295", "4294967296", "99999999999",
    "9007199254740993", "4611686018427387904", "9223372036854775807", "9223372036854775808",
    "-9223372036854775808", "18446744073709551616", "99999999999999999999999",
    String(repeating: "9", count: 40), "1e308", "1e309", "-1e309", "-1e-400", "1.5", "0x10",
    "1e", "NaN", "Infinity", "",
  ]

  /// Byte sequences that are not valid UTF-8 (a lone continuation byte, truncated sequences,
  /// a lead byte before ASCII, an encoded surrogate, a code point past U+10FFFF, an overlong
  /// slash) and a NUL.
  public static let invalidUTF8: [[UInt8]] = [
    [0xFF], [0x80], [0xC3], [0xC3, 0x28], [0xE2, 0x82], [0xED, 0xA0, 0x80],
    [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0x00],
  ]

  /// Valid bytes that readers mishandle in the middle of a file: a lone CR and a UTF-8
  /// byte-order mark.
  public static let awkwardBytes: [[UInt8]] = [[0x0D], [0xEF, 0xBB, 0xBF]]

  /// A fuzzer whose whole mutation stream is determined by `seed`.
  public init(seed: UInt64) { random = SeededRandom(seed: seed) }

  /// `count` mutated inputs, each derived from one of `inputs` (chosen at random).
  ///
  /// - Precondition: `inputs` is not empty.
  public mutating func mutations(of inputs: [Data], count: Int) -> [Data] {
    precondition(!inputs.isEmpty, "the fuzzer needs at least one valid input")
    return (0..<count).map { _ in
      var bytes = [UInt8](inputs[Int.random(in: 0..<inputs.count, using: &random)])
      for _ in 0..<Int.random(in: 1...4, using: &random) { mutate(&bytes) }
      return Data(bytes)
    }
  }

  /// `count` mutated inputs derived from one valid input.
  public mutating func mutations(of input: Data, count: Int) -> [Data] {
    mutations(of: [input], count: count)
  }

  /// Applies one random mutation to `bytes`.
  public mutating func mutate(_ bytes: inout [UInt8]) {
    switch Int.random(in: 0..<12, using: &random) {
    case 0: truncate(&bytes)
    case 1: flipBytes(&bytes)
    case 2: duplicateLine(&bytes)
    case 3: deleteLine(&bytes)
    case 4: swapLines(&bytes)
    case 5, 6: replaceNumber(&bytes)
    case 7: insert(pick(Self.interestingNumbers).utf8, into: &bytes)
    case 8: insert(pick(Self.invalidUTF8 + Self.awkwardBytes), into: &bytes)
    case 9: overwriteByte(&bytes)
    case 10: deleteBytes(&bytes)
    default: crlf(&bytes)
    }
  }

  private mutating func pick<T>(_ items: [T]) -> T {
    items[Int.random(in: 0..<items.count, using: &random)]
  }

  private mutating func position(in bytes: [UInt8]) -> Int {
    Int.random(in: 0...bytes.count, using: &random)
  }

  private mutating func truncate(_ bytes: inout [UInt8]) {
    bytes.removeSubrange(position(in: bytes)...)
  }

  private mutating func flipBytes(_ bytes: inout [UInt8]) {
    guard !bytes.isEmpty else { return }
    for _ in 0..<Int.random(in: 1...4, using: &random) {
      bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8(
        truncatingIfNeeded: 1 << Int.random(in: 0..<8, using: &random))
    }
  }

  /// Sets one byte to any value (binary headers: lengths, magic numbers, type codes).
  private mutating func overwriteByte(_ bytes: inout [UInt8]) {
    guard !bytes.isEmpty else { return }
    bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(
      in: 0...255, using: &random)
  }

  /// Deletes a run of one to eight bytes.
  private mutating func deleteBytes(_ bytes: inout [UInt8]) {
    guard !bytes.isEmpty else { return }
    let start = Int.random(in: 0..<bytes.count, using: &random)
    bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...8, using: &random)))
  }

  /// The byte ranges of the lines, each including its `\n`.
  private func lines(_ bytes: [UInt8]) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    var start = 0
    for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") {
      ranges.append(start..<(i + 1))
      start = i + 1
    }
    if start < bytes.count { ranges.append(start..<bytes.count) }
    return ranges
  }

  private mutating func duplicateLine(_ bytes: inout [UInt8]) {
    let all = lines(bytes)
    guard !all.isEmpty else { return }
    let line = pick(all)
    bytes.insert(contentsOf: bytes[line], at: line.upperBound)
  }

  private mutating func deleteLine(_ bytes: inout [UInt8]) {
    let all = lines(bytes)
    guard !all.isEmpty else { return }
    bytes.removeSubrange(pick(all))
  }

  private mutating func swapLines(_ bytes: inout [UInt8]) {
    let all = lines(bytes)
    guard all.count >= 2 else { return }
    let i = Int.random(in: 0..<(all.count - 1), using: &random)
    let first = Array(bytes[all[i]])
    let second = Array(bytes[all[i + 1]])
    bytes.replaceSubrange(all[i].lowerBound..<all[i + 1].upperBound, with: second + first)
  }

  /// Replaces one run of decimal digits (with a leading `-`, if any) by an interesting
  /// number; inserts one when the input has no digits.
  private mutating func replaceNumber(_ bytes: inout [UInt8]) {
    var runs: [Range<Int>] = []
    var i = 0
    while i < bytes.count {
      guard bytes[i] >= UInt8(ascii: "0") && bytes[i] <= UInt8(ascii: "9") else {
        i += 1
        continue
      }
      var j = i
      while j < bytes.count, bytes[j] >= UInt8(ascii: "0") && bytes[j] <= UInt8(ascii: "9") {
        j += 1
      }
      runs.append((i > 0 && bytes[i - 1] == UInt8(ascii: "-") ? i - 1 : i)..<j)
      i = j
    }
    let number = Array(pick(Self.interestingNumbers).utf8)
    guard !runs.isEmpty else { return insert(number, into: &bytes) }
    bytes.replaceSubrange(pick(runs), with: number)
  }

  private mutating func insert<C: Collection<UInt8>>(_ piece: C, into bytes: inout [UInt8]) {
    bytes.insert(contentsOf: piece, at: position(in: bytes))
  }

  /// Turns every `\n` into `\r\n`, or (one time in four) inserts a lone `\r`.
  private mutating func crlf(_ bytes: inout [UInt8]) {
    if Int.random(in: 0..<4, using: &random) == 0 {
      return insert([UInt8(ascii: "\r")], into: &bytes)
    }
    bytes = bytes.flatMap {
      $0 == UInt8(ascii: "\n") ? [UInt8(ascii: "\r"), $0] : [$0]
    }
  }
}
