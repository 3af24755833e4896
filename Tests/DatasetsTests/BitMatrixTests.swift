import Datasets
import Testing
import _TestSupport

/// The packed bit matrix: element access, byte view, transpose, prefix.
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
}
