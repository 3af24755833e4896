import Testing
import _TestSupport

@testable import BitCore

/// The packed bit matrix: element access, byte views, transpose, prefix.
@Suite struct BitMatrixTests {
  static func random(rows: Int, columns: Int, seed: UInt64) -> (BitMatrix, [[Bool]]) {
    var rng = SeededRandom(seed: seed)
    let bits = (0..<rows).map { _ in (0..<columns).map { _ in Bool.random(using: &rng) } }
    var m = BitMatrix(rows: rows, columns: columns)
    for r in 0..<rows { for c in 0..<columns { m[r, c] = bits[r][c] } }
    return (m, bits)
  }

  @Test(arguments: [(1, 1), (3, 63), (5, 64), (7, 65), (64, 130), (65, 1), (0, 5), (4, 0)])
  func packingViewsAndTransposeAgree(rows: Int, columns: Int) {
    let (m, bits) = BitMatrixTests.random(
      rows: rows, columns: columns, seed: UInt64(rows * 1000 + columns))
    #expect(m.wordsPerRow == (columns + 63) / 64)
    for r in 0..<rows {
      for c in 0..<columns { #expect(m[r, c] == bits[r][c]) }
      if columns % 64 != 0, let last = m.row(r).last { #expect(last >> UInt64(columns % 64) == 0) }
    }
    let bytes = m.sampleMajorBytes()
    #expect(bytes == bits.flatMap { $0.map { $0 ? UInt8(1) : 0 } })
    #expect(BitMatrix(rows: rows, columns: columns, bytes: bytes) == m)
    let t = m.transposed()
    #expect(t.rows == columns && t.columns == rows)
    for r in 0..<rows { for c in 0..<columns { #expect(t[c, r] == bits[r][c]) } }
    #expect(t.transposed() == m)
    let head = m.prefix(rows: 2)
    #expect(head.rows == min(2, rows))
    for r in 0..<head.rows { #expect(head.row(r) == m.row(r)) }
  }

  @Test func clearingABitWorks() {
    var m = BitMatrix(rows: 1, columns: 70)
    m[0, 69] = true
    m[0, 3] = true
    m[0, 69] = false
    #expect(m.words == [8, 0])
  }

  @Test func transposeMatchesTheDefinition() {
    var rng = SeededRandom(seed: 3)
    for _ in 0..<20 {
      let original = (0..<64).map { _ in rng.next() & rng.next() }
      var m = original
      m.withUnsafeMutableBufferPointer { BitMatrix.transpose64($0.baseAddress!) }
      for r in 0..<64 {
        for c in 0..<64 {
          let expected = (original[c] >> UInt64(r)) & 1
          #expect((m[r] >> UInt64(c)) & 1 == expected, "row \(r) column \(c)")
        }
      }
    }
  }

  @Test func byteFlagsOfEveryByteValueInEveryPosition() {
    for position in 0..<8 {
      for value in 0...255 {
        let word =
          UInt64(value) << UInt64(8 * position) | 0x0100_0000_0000_0001
          & ~(0xFF << UInt64(8 * position))
        let expected = (0..<8).reduce(UInt64(0)) { flags, k in
          flags | ((word >> UInt64(8 * k)) & 0xFF != 0 ? 1 << UInt64(k) : 0)
        }
        guard BitMatrix.byteFlags(word) == expected else {
          Issue.record(
            "word 0x\(String(word, radix: 16)): \(BitMatrix.byteFlags(word)), expected \(expected)")
          return
        }
      }
    }
  }

  /// Feature-major packing puts the first sample in the lowest bit; any non-zero byte is 1.
  @Test func sampleMajorBytesPackFeatureMajor() {
    let p = BitMatrix(sampleMajor: [1, 0, 0, 7, 1, 255], features: 2)
    #expect(p.rows == 2 && p.columns == 3 && p.wordsPerRow == 1)
    #expect(p.words == [0b101, 0b110])
    #expect(p[0, 2] && !p[0, 1])
    #expect(BitMatrix(rows: 1, columns: 3, bytes: [0, 9, 1]).words == [0b110])
  }

  /// Shapes across word and block boundaries, with bytes other than 0 and 1: the fast
  /// byte packing and transposition against the element-by-element definition.
  @Test(arguments: [(1, 200), (63, 64), (64, 63), (65, 129), (130, 1), (200, 7)])
  func bytePackingAndTransposeMatchTheDefinition(rows: Int, columns: Int) {
    var rng = SeededRandom(seed: UInt64(rows * 7919 + columns))
    let bytes = (0..<rows * columns).map { _ in rng.next() % 3 == 0 ? UInt8(rng.next() % 256) : 0 }
    let m = BitMatrix(rows: rows, columns: columns, bytes: bytes)
    var reference = BitMatrix(rows: columns, columns: rows)
    for r in 0..<rows {
      for c in 0..<columns where bytes[r * columns + c] != 0 { reference[c, r] = true }
    }
    #expect(m.transposed() == reference)
    #expect(BitMatrix(sampleMajor: bytes, features: columns) == reference)
  }
}
