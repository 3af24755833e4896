extension BitMatrix {
  /// The transpose: row `c` of the result holds column `c` of this matrix (sample-major ↔
  /// feature-major), computed 64 × 64 bits at a time with ``transpose64(_:)``.
  public func transposed() -> BitMatrix {
    var out = BitMatrix(rows: columns, columns: rows)
    let inLength = wordsPerRow
    let outLength = out.wordsPerRow
    var block = [UInt64](repeating: 0, count: 64)
    block.withUnsafeMutableBufferPointer { block in
      words.withUnsafeBufferPointer { source in
        out.words.withUnsafeMutableBufferPointer { target in
          for group in 0..<outLength {
            let count = min(64, rows - 64 * group)
            for column in 0..<inLength {
              for r in 0..<64 {
                block[r] = r < count ? source[(64 * group + r) * inLength + column] : 0
              }
              Self.transpose64(block.baseAddress!)
              for i in 0..<min(64, columns - 64 * column) {
                target[(64 * column + i) * outLength + group] = block[i]
              }
            }
          }
        }
      }
    }
    return out
  }

  /// Transposes a 64 × 64 bit matrix in place: afterwards bit `c` of word `r` holds what bit
  /// `r` of word `c` held. Six rounds of block swaps (halves, quarters, … single bits).
  @inlinable
  public static func transpose64(_ m: UnsafeMutablePointer<UInt64>) {
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
