extension BitMatrix {
  /// The transpose: row `c` of the result holds column `c` of this matrix (sample-major ↔
  /// feature-major), computed 64 × 64 bits at a time (``forEachTransposedBlock(of:)``).
  package func transposed() -> BitMatrix {
    var out = BitMatrix(rows: columns, columns: rows)
    let outLength = out.wordsPerRow
    out.words.withUnsafeMutableBufferPointer { target in
      forEachTransposedBlock { group, column, block in
        for i in 0..<min(64, columns - 64 * column) {
          target[(64 * column + i) * outLength + group] = block[i]
        }
      }
    }
    return out
  }

  /// Walks the matrix in blocks of 64 rows × 64 columns: for row group `g` and word column
  /// `w`, `body(g, w, block)` gets the transposed block, in which word `i` holds column
  /// `64w + i` of rows `64g ..< 64g + 64` (row `64g + j` in bit `j`; rows past the last
  /// are zero). Groups run in order, word columns in order within a group.
  @inlinable
  package func forEachTransposedBlock(
    _ body: (_ group: Int, _ column: Int, _ block: UnsafeMutablePointer<UInt64>) -> Void
  ) {
    let length = wordsPerRow
    let block = UnsafeMutablePointer<UInt64>.allocate(capacity: 64)
    defer { block.deallocate() }
    words.withUnsafeBufferPointer { source in
      for group in 0..<(rows + 63) / 64 {
        let count = min(64, rows - 64 * group)
        for column in 0..<length {
          for r in 0..<64 {
            block[r] = r < count ? source[(64 * group + r) * length + column] : 0
          }
          Self.transpose64(block)
          body(group, column, block)
        }
      }
    }
  }

  /// Transposes a 64 × 64 bit matrix in place: afterwards bit `c` of word `r` holds what bit
  /// `r` of word `c` held. Six rounds of block swaps (halves, quarters, … single bits).
  @inlinable
  package static func transpose64(_ m: UnsafeMutablePointer<UInt64>) {
    var width = 32
    var mask: UInt64 = 0x0000_0000_FFFF_FFFF
    while width != 0 {
      var start = 0
      while start < 64 {
        for r in start..<(start + width) {
          let t = ((m[r] >> UInt64(width)) ^ m[r + width]) & mask
          m[r] ^= t << UInt64(width)
          m[r + width] ^= t
        }
        start += 2 * width
      }
      width >>= 1
      mask ^= mask << UInt64(width)
    }
  }
}
