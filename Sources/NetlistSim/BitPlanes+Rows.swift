import NetlistIR

/// Conversions between bit planes and sample-major rows (one bit vector per sample), by
/// transposing 64 × 64-bit blocks (``BitMatrix/transpose64(_:)``).
extension BitPlanes {
  /// Planes from sample-major rows of words: sample `s` is
  /// `rowWords[s·r ..< (s+1)·r]` with `r = ⌈bitCount / 64⌉`, bit `i` of the sample in bit
  /// `i % 64` of its word `i / 64`. Bits of a row beyond `bitCount` are ignored.
  public init(rowWords: [UInt64], bitCount: Int, sampleCount: Int) {
    let rowLength = (bitCount + 63) >> 6
    precondition(
      rowWords.count == sampleCount * rowLength,
      "\(rowWords.count) words is not \(sampleCount) rows of \(rowLength)")
    let rows = BitMatrix(rows: sampleCount, columns: 64 * rowLength, words: rowWords)
    self.init(rows: rows, bitCount: bitCount)
  }

  /// Planes from sample-major bytes, one byte per bit (difflogic's boolean input layout):
  /// bit `i` of sample `s` is set when `rowBytes[s·bitCount + i]` is not zero.
  ///
  /// The bytes are packed into a sample-major ``BitMatrix`` (eight bytes at a time,
  /// branch-free), whose rows are then transposed 64 × 64 bits at a time.
  public init(rowBytes: [UInt8], bitCount: Int, sampleCount: Int) {
    precondition(
      rowBytes.count == sampleCount * bitCount,
      "\(rowBytes.count) bytes is not \(sampleCount) rows of \(bitCount)")
    self.init(rows: BitMatrix(rows: sampleCount, columns: bitCount, bytes: rowBytes))
  }

  /// Planes from a sample-major matrix: row `s` is sample `s`, column `i` its bit `i`.
  public init(rows matrix: BitMatrix) { self.init(rows: matrix, bitCount: matrix.columns) }

  /// Planes holding the first `bitCount` columns of the sample-major `matrix`.
  private init(rows matrix: BitMatrix, bitCount: Int) {
    self.init(bitCount: bitCount, sampleCount: matrix.rows)
    let tileLength = wordsPerTile
    words.withUnsafeMutableBufferPointer { planes in
      matrix.forEachTransposedBlock { group, column, block in
        for i in 0..<min(64, bitCount - 64 * column) {
          let plane = 64 * column + i
          planes[(group >> 3) * tileLength + (plane << 3) + (group & 7)] = block[i]
        }
      }
    }
  }

  /// The samples as sample-major rows of words (the layout of ``init(rowWords:bitCount:sampleCount:)``).
  package func rowWords() -> [UInt64] { rowWords(bits: 0..<bitCount) }

  /// Bits `bits` of every sample as an unsigned number (`bits.lowerBound` is the least
  /// significant), for example a class count or a class index the netlist outputs.
  package func unsignedValues(bits: Range<Int>) -> [UInt64] {
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
            BitMatrix.transpose64(block.baseAddress!)
            for r in 0..<samples { rows[(64 * group + r) * rowLength + column] = block[r] }
          }
        }
      }
    }
    return rows
  }
}
