// Result buffers of the array operations: fresh arrays, or the storage of a destination
// array taken over so it can be overwritten without a copy.

extension FixedArray {
  /// The `Int64` buffer of `storage` (emptied, so the buffer stays uniquely referenced), or an
  /// empty array when it holds another word type.
  static func take(int64 storage: inout Storage) -> [Int64] {
    guard case .int64(let words) = storage else { return [] }
    storage = .int64([])
    return words
  }

  /// The `Int128` buffer of `storage` (emptied), or an empty array.
  static func take(int128 storage: inout Storage) -> [Int128] {
    guard case .int128(let words) = storage else { return [] }
    storage = .int128([])
    return words
  }

  /// An array of `count` words written by `fill`: `old`'s buffer when it has that count (and
  /// is not shared), else a new one (see ``LargeArrays``).
  @inline(__always)
  static func filled<W>(
    _ count: Int, reusing old: inout [W], _ fill: (UnsafeMutableBufferPointer<W>) -> Void
  ) -> [W] {
    guard old.count == count else { return LargeArrays.uninitialized(count, fill) }
    var words: [W] = []
    swap(&words, &old)
    words.withUnsafeMutableBufferPointer { fill($0) }
    return words
  }
}
