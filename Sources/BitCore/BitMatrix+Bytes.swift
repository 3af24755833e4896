extension BitMatrix {
  /// A matrix from one byte per element, row-major (element (r, c) is `bytes[r·columns + c]`),
  /// a non-zero byte being a 1: the inverse of ``sampleMajorBytes()`` on 0/1 bytes.
  ///
  /// Bytes are packed eight at a time, branch-free (``byteFlags(_:)``), 64 to a word built in
  /// a register: the input path of bit-parallel inference, where it is the hot loop.
  public init(rows: Int, columns: Int, bytes: [UInt8]) {
    precondition(rows >= 0 && columns >= 0, "negative shape")
    precondition(
      bytes.count == rows * columns, "\(bytes.count) bytes is not \(rows) rows of \(columns)")
    self.init(rows: rows, columns: columns)
    let rowLength = wordsPerRow
    bytes.withUnsafeBytes { bytes in
      words.withUnsafeMutableBufferPointer { words in
        for r in 0..<rows {
          let first = r * columns
          let row = words.baseAddress! + r * rowLength
          var w = 0
          while 64 &* (w &+ 1) <= columns {
            // A whole word: 64 bytes, eight at a time, constant shifts.
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
          while i < columns {
            let set: UInt64 = bytes[first &+ i] != 0 ? 1 : 0
            row[w] |= set << UInt64(i & 63)
            i &+= 1
          }
        }
      }
    }
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

  /// One byte (0 or 1) per element, row after row: element (r, c) is at `r * columns + c`;
  /// the inverse of ``init(rows:columns:bytes:)``.
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

  /// The feature-major matrix of sample-major bytes: `bytes[s·features + i]` (non-zero = 1)
  /// becomes element (i, s), so word `w` of row `i` holds feature `i` of samples
  /// `64w ..< 64w + 64`, the first sample in the least significant bit (difflogic's
  /// `PackBitsTensor` layout).
  public init(sampleMajor bytes: [UInt8], features: Int) {
    precondition(features >= 1 && bytes.count % features == 0, "whole samples only")
    self = BitMatrix(rows: bytes.count / features, columns: features, bytes: bytes).transposed()
  }
}
