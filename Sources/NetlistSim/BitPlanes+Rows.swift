import NetlistIR

/// Conversions between bit planes and sample-major rows (one bit vector per sample), by
/// transposing 64 × 64-bit blocks.
extension BitPlanes {
  /// Planes from sample-major rows of words: sample `s` is
  /// `rowWords[s·r ..< (s+1)·r]` with `r = ⌈bitCount / 64⌉`, bit `i` of the sample in bit
  /// `i % 64` of its word `i / 64`. Bits of a row beyond `bitCount` are ignored.
  public init(rowWords: [UInt64], bitCount: Int, sampleCount: Int) {
    let rowLength = (bitCount + 63) >> 6
    precondition(
      rowWords.count == sampleCount * rowLength,
      "\(rowWords.count) words is not \(sampleCount) rows of \(rowLength)")
    self.init(bitCount: bitCount, sampleCount: sampleCount)
    let stride = wordsPerPlane
    let tileLength = wordsPerTile
    var block = [UInt64](repeating: 0, count: 64)
    block.withUnsafeMutableBufferPointer { block in
      words.withUnsafeMutableBufferPointer { planes in
        for group in 0..<stride {
          let rows = min(64, sampleCount - 64 * group)
          for column in 0..<rowLength {
            for r in 0..<64 {
              block[r] = r < rows ? rowWords[(64 * group + r) * rowLength + column] : 0
            }
            Self.transpose64(block.baseAddress!)
            for i in 0..<min(64, bitCount - 64 * column) {
              let plane = 64 * column + i
              planes[(group >> 3) * tileLength + (plane << 3) + (group & 7)] = block[i]
            }
          }
        }
      }
    }
  }

  /// Planes from sample-major bytes, one byte per bit (difflogic's boolean input layout):
  /// bit `i` of sample `s` is set when `rowBytes[s·bitCount + i]` is not zero.
  ///
  /// Bytes are packed eight at a time, branch-free (``byteFlags(_:)``), into sample-major
  /// row words (each built in a register), which are then transposed 64 × 64 bits at a time.
  public init(rowBytes: [UInt8], bitCount: Int, sampleCount: Int) {
    precondition(
      rowBytes.count == sampleCount * bitCount,
      "\(rowBytes.count) bytes is not \(sampleCount) rows of \(bitCount)")
    let rowLength = (bitCount + 63) >> 6
    var rowWords = [UInt64](repeating: 0, count: sampleCount * rowLength)
    rowBytes.withUnsafeBytes { bytes in
      rowWords.withUnsafeMutableBufferPointer { rows in
        for s in 0..<sampleCount {
          let first = s * bitCount
          let row = rows.baseAddress! + s * rowLength
          var w = 0
          while 64 &* (w &+ 1) <= bitCount {
            // A whole row word: 64 bytes, eight at a time, constant shifts.
            let start = first &+ 64 &* w
            var word: UInt64 = 0
            for k in 0..<8 {
              let eight = UInt64(
                littleEndian: bytes.loadUnaligned(fromByteOffset: start &+ 8 &* k, as: UInt64.self))
              word |= Self.byteFlags(eight) << UInt64(8 &* k)
            }
            row[w] = word
            w &+= 1
          }
          var i = 64 &* w
          while i < bitCount {
            let set: UInt64 = bytes[first &+ i] != 0 ? 1 : 0
            row[w] |= set << UInt64(i & 63)
            i &+= 1
          }
        }
      }
    }
    self.init(rowWords: rowWords, bitCount: bitCount, sampleCount: sampleCount)
  }

  /// Bit `k` (0 … 7) of the result is 1 when byte `k` of `eight` (bits 8k … 8k+7) is not
  /// zero. Adding 0x7F to a byte's low seven bits carries into its top bit exactly when
  /// they are not all zero (no byte overflows into the next); OR-ing the byte's own top bit
  /// in makes the top bit "byte ≠ 0". One multiplication then moves the eight top bits
  /// (8k + 7) to bits 56 + k, where no two partial products collide.
  @inline(__always)
  static func byteFlags(_ eight: UInt64) -> UInt64 {
    let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let top = (((eight & low7) &+ low7) | eight) & ~low7
    return (top &* 0x0002_0408_1020_4081) >> 56
  }

  /// The samples as sample-major rows of words (the layout of ``init(rowWords:bitCount:sampleCount:)``).
  public func rowWords() -> [UInt64] { rowWords(bits: 0..<bitCount) }

  /// Bits `bits` of every sample as an unsigned number (`bits.lowerBound` is the least
  /// significant), for example a class count or a class index the netlist outputs.
  public func unsignedValues(bits: Range<Int>) -> [UInt64] {
    precondition(bits.count <= 64, "\(bits.count) bits do not fit in a UInt64")
    return rowWords(bits: bits)
  }

  /// Bits `bits` of every sample as a bit vector (`bits.lowerBound` is bit 0).
  public func vectors(bits: Range<Int>) -> [BitVector] {
    let rowLength = (bits.count + 63) >> 6
    let rows = rowWords(bits: bits)
    return (0..<sampleCount).map { s in
      BitVector(width: bits.count, words: Array(rows[(s * rowLength)..<((s + 1) * rowLength)]))
    }
  }

  /// Sample-major rows of `⌈bits.count / 64⌉` words holding bits `bits` of each sample.
  private func rowWords(bits: Range<Int>) -> [UInt64] {
    precondition(
      bits.lowerBound >= 0 && bits.upperBound <= bitCount, "bits \(bits) outside 0..<\(bitCount)")
    let rowLength = (bits.count + 63) >> 6
    let stride = wordsPerPlane
    var rows = [UInt64](repeating: 0, count: sampleCount * rowLength)
    var block = [UInt64](repeating: 0, count: 64)
    block.withUnsafeMutableBufferPointer { block in
      rows.withUnsafeMutableBufferPointer { rows in
        for group in 0..<stride {
          let samples = min(64, sampleCount - 64 * group)
          for column in 0..<rowLength {
            let planes = min(64, bits.count - 64 * column)
            for i in 0..<64 {
              block[i] =
                i < planes ? words[index(bit: bits.lowerBound + 64 * column + i, word: group)] : 0
            }
            Self.transpose64(block.baseAddress!)
            for r in 0..<samples { rows[(64 * group + r) * rowLength + column] = block[r] }
          }
        }
      }
    }
    return rows
  }

  /// Transposes a 64 × 64 bit matrix in place: afterwards bit `c` of word `r` holds what bit
  /// `r` of word `c` held. Six rounds of block swaps (halves, quarters, … single bits).
  static func transpose64(_ m: UnsafeMutablePointer<UInt64>) {
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
