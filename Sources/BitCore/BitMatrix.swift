/// A dense matrix of bits packed 64 to a word: BitTrue's one bit-matrix container.
///
/// Row `r` occupies words `r * wordsPerRow ..< (r + 1) * wordsPerRow`; column `c` is bit
/// `c % 64` (least significant first) of word `c / 64` of its row. Bits past the last column
/// are always zero.
///
/// Two orientations are in use. *Sample-major*: one row per sample, one column per input bit
/// (encoded data sets). *Feature-major*: one row per input bit, one column per sample, so
/// each word carries 64 samples of one input — difflogic's `PackBitsTensor` layout and that
/// of bit-parallel (64-lane) evaluation. ``transposed()`` turns one into the other, 64 × 64
/// bits at a time.
public struct BitMatrix: Hashable, Sendable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns (bits per row).
  public let columns: Int
  /// Words per row: `(columns + 63) / 64`.
  @usableFromInline package let wordsPerRow: Int
  /// The packed rows.
  public internal(set) var words: [UInt64]

  /// An all-zero matrix.
  public init(rows: Int, columns: Int) {
    precondition(rows >= 0 && columns >= 0, "negative shape")
    self.rows = rows
    self.columns = columns
    wordsPerRow = (columns + 63) / 64
    words = [UInt64](repeating: 0, count: rows * wordsPerRow)
  }

  /// A matrix over packed words (row-major, `(columns + 63) / 64` words per row, bits past
  /// the last column zero).
  public init(rows: Int, columns: Int, words: [UInt64]) {
    self.init(rows: rows, columns: columns)
    precondition(words.count == self.words.count, "word count does not match the shape")
    let tail = columns % 64
    if tail != 0 && wordsPerRow > 0 {
      for r in 0..<rows {
        precondition(
          words[r * wordsPerRow + wordsPerRow - 1] >> UInt64(tail) == 0,
          "bits set past the last column")
      }
    }
    self.words = words
  }

  /// Element (row, column).
  public subscript(row: Int, column: Int) -> Bool {
    get {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "out of range")
      return words[row * wordsPerRow + column >> 6] >> UInt64(column & 63) & 1 == 1
    }
    set {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "out of range")
      let bit: UInt64 = 1 << UInt64(column & 63)
      if newValue {
        words[row * wordsPerRow + column >> 6] |= bit
      } else {
        words[row * wordsPerRow + column >> 6] &= ~bit
      }
    }
  }

  /// The packed words of one row.
  public func row(_ row: Int) -> ArraySlice<UInt64> {
    precondition(row >= 0 && row < rows, "row out of range")
    return words[row * wordsPerRow..<(row + 1) * wordsPerRow]
  }

  /// The first `count` rows (all of them when there are fewer).
  public func prefix(rows count: Int) -> BitMatrix {
    let n = min(max(count, 0), rows)
    return BitMatrix(rows: n, columns: columns, words: Array(words[0..<n * wordsPerRow]))
  }
}
