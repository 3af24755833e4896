/// A dense matrix of bits packed 64 to a word: one row per sample, one column per input bit.
///
/// Row `r` occupies words `r * wordsPerRow ..< (r + 1) * wordsPerRow`; column `c` is bit
/// `c % 64` (least significant first) of word `c / 64` of its row. Bits past the last column
/// are always zero. ``transposed()`` gives the feature-major layout in which one word carries
/// 64 samples of one input, the layout of bit-parallel (64-lane) evaluation.
public struct BitMatrix: Equatable, Sendable {
  /// Number of rows.
  public let rows: Int
  /// Number of columns (bits per row).
  public let columns: Int
  /// Words per row: `(columns + 63) / 64`.
  public let wordsPerRow: Int
  /// The packed rows.
  public private(set) var words: [UInt64]

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

  /// A matrix from one byte (0 or 1) per element, row-major: the inverse of
  /// ``sampleMajorBytes()``.
  public init(rows: Int, columns: Int, bytes: [UInt8]) {
    precondition(bytes.count == rows * columns, "byte count does not match the shape")
    self.init(rows: rows, columns: columns)
    for r in 0..<rows {
      for c in 0..<columns where bytes[r * columns + c] != 0 {
        precondition(bytes[r * columns + c] == 1, "bytes must be 0 or 1")
        words[r * wordsPerRow + c >> 6] |= 1 << UInt64(c & 63)
      }
    }
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

  /// One byte (0 or 1) per element, row after row: element (r, c) is at `r * columns + c`.
  public func sampleMajorBytes() -> [UInt8] {
    var out = [UInt8](repeating: 0, count: rows * columns)
    out.withUnsafeMutableBufferPointer { out in
      words.withUnsafeBufferPointer { words in
        for r in 0..<rows {
          for c in 0..<columns {
            out[r * columns + c] = UInt8(
              truncatingIfNeeded: words[r * wordsPerRow + c >> 6] >> UInt64(c & 63) & 1)
          }
        }
      }
    }
    return out
  }

  /// The transpose: row `c` of the result holds column `c` of this matrix, so each of its
  /// words carries 64 consecutive samples of one input bit.
  public func transposed() -> BitMatrix {
    var out = BitMatrix(rows: columns, columns: rows)
    let outWordsPerRow = out.wordsPerRow
    out.words.withUnsafeMutableBufferPointer { dst in
      words.withUnsafeBufferPointer { src in
        for r in 0..<rows {
          let rowBit: UInt64 = 1 << UInt64(r & 63)
          let rowWord = r >> 6
          for w in 0..<wordsPerRow {
            var word = src[r * wordsPerRow + w]
            while word != 0 {
              let c = w << 6 | word.trailingZeroBitCount
              dst[c * outWordsPerRow + rowWord] |= rowBit
              word &= word &- 1
            }
          }
        }
      }
    }
    return out
  }

  /// The first `count` rows (all of them when there are fewer).
  public func prefix(rows count: Int) -> BitMatrix {
    let n = min(max(count, 0), rows)
    return BitMatrix(rows: n, columns: columns, words: Array(words[0..<n * wordsPerRow]))
  }
}
