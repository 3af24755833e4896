/// Bit ranges of packed words (bit `i` is bit `i % 64` of word `i / 64`), for the
/// convolutional front's im2col and max-pool.
enum PackedBits {
  /// Enough zero words for `count` bits.
  static func zeros(_ count: Int) -> [UInt64] { [UInt64](repeating: 0, count: (count + 63) / 64) }

  /// Bit `i`.
  static func get(_ words: [UInt64], _ i: Int) -> Bool {
    (words[i >> 6] >> UInt64(i & 63)) & 1 == 1
  }

  /// Sets bit `i`.
  static func set(_ words: inout [UInt64], _ i: Int) { words[i >> 6] |= 1 << UInt64(i & 63) }

  /// ORs bits `from ..< from + count` of `source` into bits `at ..< at + count` of `target`.
  static func copy(
    _ source: UnsafeBufferPointer<UInt64>, from: Int, count: Int,
    into target: UnsafeMutableBufferPointer<UInt64>, at: Int
  ) {
    var done = 0
    while done < count {
      let n = Swift.min(64, count - done)
      let value = read(source, from + done, n)
      let word = (at + done) >> 6
      let shift = (at + done) & 63
      target[word] |= value << UInt64(shift)
      if shift + n > 64 { target[word + 1] |= value >> UInt64(64 - shift) }
      done += n
    }
  }

  /// The `n` (1…64) bits from bit `i`, as the low bits of a word.
  private static func read(_ words: UnsafeBufferPointer<UInt64>, _ i: Int, _ n: Int) -> UInt64 {
    let word = i >> 6
    let shift = i & 63
    var value = words[word] >> UInt64(shift)
    if shift + n > 64 { value |= words[word + 1] << UInt64(64 - shift) }
    return n == 64 ? value : value & ((1 << UInt64(n)) - 1)
  }
}
