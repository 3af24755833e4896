import NetlistIR
import Testing
import _TestSupport

@testable import NetlistSim

/// The bit-plane layout and its conversions to and from sample-major rows.
@Suite struct BitPlanesTests {
  @Test(arguments: [(1, 1), (5, 63), (64, 64), (65, 65), (130, 200), (7, 1000)])
  func rowWordsRoundTrip(bits: Int, samples: Int) {
    var rng = SeededRandom(seed: UInt64(bits * 1000 + samples))
    let rowLength = (bits + 63) / 64
    let highMask: UInt64 = bits % 64 == 0 ? ~0 : (1 << UInt64(bits % 64)) - 1
    let rows = (0..<(samples * rowLength)).map { i in
      rng.next() & (i % rowLength == rowLength - 1 ? highMask : ~0)
    }
    let planes = BitPlanes(rowWords: rows, bitCount: bits, sampleCount: samples)
    for s in [0, samples / 2, samples - 1] {
      for b in [0, bits / 3, bits - 1] {
        let expected = (rows[s * rowLength + b / 64] >> UInt64(b % 64)) & 1 == 1
        #expect(planes[bit: b, sample: s] == expected, "bit \(b) sample \(s)")
      }
    }
    #expect(planes.rowWords() == rows)
    let last = planes.plane(bits - 1).last!
    #expect(samples % 64 == 0 || last >> UInt64(samples % 64) == 0, "padding is zero")
  }

  @Test func rowBytesAreDifflogicBooleans() {
    let bytes: [UInt8] = [1, 0, 2, 0, 0, 0, 1, 1, 0]
    let planes = BitPlanes(rowBytes: bytes, bitCount: 3, sampleCount: 3)
    for s in 0..<3 {
      for b in 0..<3 { #expect(planes[bit: b, sample: s] == (bytes[s * 3 + b] != 0)) }
    }
  }

  /// The packed path (eight bytes at a time, then a tail) against the definition, with
  /// bytes other than 0 and 1 in every byte position of a group.
  @Test(arguments: [(1, 3), (7, 65), (8, 64), (9, 70), (63, 5), (64, 130), (65, 64), (400, 600)])
  func rowBytesMatchTheDefinition(bits: Int, samples: Int) {
    var rng = SeededRandom(seed: UInt64(bits * 7919 + samples))
    let bytes = (0..<(bits * samples)).map { _ -> UInt8 in
      let r = rng.next()
      return r & 3 == 0 ? 0 : (r & 4 == 0 ? 1 : UInt8(truncatingIfNeeded: 1 << ((r >> 3) % 8)))
    }
    let planes = BitPlanes(rowBytes: bytes, bitCount: bits, sampleCount: samples)
    for s in 0..<samples {
      for b in 0..<bits where planes[bit: b, sample: s] != (bytes[s * bits + b] != 0) {
        let byte = String(bytes[s * bits + b], radix: 16)
        Issue.record("bits \(bits) samples \(samples): bit \(b) of sample \(s), byte 0x\(byte)")
        return
      }
    }
  }

  @Test func unsignedValuesAndVectorsReadFields() {
    var rng = SeededRandom(seed: 11)
    let samples = 150
    let values = (0..<samples).map { _ in rng.next() }
    var planes = BitPlanes(bitCount: 70, sampleCount: samples)
    for (s, v) in values.enumerated() {
      for b in 0..<64 where (v >> UInt64(b)) & 1 == 1 { planes[bit: 3 + b, sample: s] = true }
      planes[bit: 69, sample: s] = s % 2 == 1
    }
    #expect(planes.unsignedValues(bits: 3..<67) == values)
    #expect(planes.unsignedValues(bits: 5..<9) == values.map { ($0 >> 2) & 0xF })
    let wide = planes.vectors(bits: 3..<70)
    #expect(wide[1].words == [values[1], 1 << 2])
    #expect(wide[2].width == 67 && wide[2].words == [values[2], 0])
  }

  @Test func planeWordsInitializerChecksTheCountAndClearsPadding() {
    #expect(BitPlanes(bitCount: 2, sampleCount: 65, planeWords: [1, 2, 3]) == nil)
    let planes = BitPlanes(bitCount: 2, sampleCount: 65, planeWords: [~0, ~0, ~0, ~0])!
    #expect(planes.plane(0) == [~0, 1])
    #expect(planes.plane(1) == [~0, 1])
    #expect(planes.words.count == 16)
    #expect(planes.words.filter { $0 != 0 } == [~0, 1, ~0, 1])
  }

  /// Tiles of 512 samples: within a tile, plane after plane, 8 words each.
  @Test func tiledLayout() {
    let planeWords = (0..<(3 * 20)).map { UInt64($0 + 1) }
    let planes = BitPlanes(bitCount: 3, sampleCount: 20 * 64 - 5, planeWords: planeWords)!
    #expect(planes.tileCount == 3)
    #expect(planes.wordsPerTile == 24)
    #expect(planes.words.count == 72)
    #expect(planes.index(bit: 2, word: 9) == 24 + 16 + 1)
    #expect(planes.words[24 + 16 + 1] == planeWords[2 * 20 + 9])
    #expect(planes.words[0..<8] == planeWords[0..<8])
    #expect(planes.plane(1) == Array(planeWords[20..<39]) + [planeWords[39] & ((1 << 59) - 1)])
    #expect(planes.words[(48 + 4)..<(48 + 8)].allSatisfy { $0 == 0 }, "padding words are zero")
  }
}
