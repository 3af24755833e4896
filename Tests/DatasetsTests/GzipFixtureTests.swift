import Foundation
import Testing
import _TestSupport

@testable import Datasets

/// Gzip/DEFLATE decoding on committed fixtures and hand-built streams, including every
/// malformation the decoder names.
@Suite struct GzipFixtureTests {
  /// 167 bytes: the sentence three times, then bytes 0…31.
  static let sentence =
    Array(
      String(repeating: "BitTrue: every evaluator agrees bit for bit. ", count: 3).utf8)
    + (0..<32).map { UInt8($0) }

  /// 700 bytes over a skewed 11-letter alphabet.
  static let skewed: [UInt8] = (0..<700).map { (i: Int) -> UInt8 in
    let letter: Int = (i * i * 7 + i / 13) % 11
    return UInt8(letter + 97)
  }

  /// Python 3 `zlib.compressobj(level, DEFLATED, 31, 9, strategy)` output, made once when
  /// these tests were written: level 0 (one stored block), `Z_FIXED` (one fixed-Huffman
  /// block) for `sentence`, and level 9 (one dynamic-Huffman block) for `skewed`.
  static let storedFixture = """
    H4sIAAAAAAAEAwGnAFj/Qml0VHJ1ZTogZXZlcnkgZXZhbHVhdG9yIGFncmVlcyBiaXQgZm9yIGJpdC4gQml0VHJ1\
    ZTogZXZlcnkgZXZhbHVhdG9yIGFncmVlcyBiaXQgZm9yIGJpdC4gQml0VHJ1ZTogZXZlcnkgZXZhbHVhdG9yIGFn\
    cmVlcyBiaXQgZm9yIGJpdC4gAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh+E0xadpwAAAA==
    """
  static let fixedFixture = """
    H4sIAAAAAAACA3PKLAkpKk21UkgtSy2qBJKJOaWJJflFConpRampxQpJmSUKaUAukNZTcKKZYgZGJmYWVjZ2Dk4ubh5e\
    Pn4BQSFhEVExcQlJKWkZWTl5AITTFp2nAAAA
    """
  static let dynamicFixture = """
    H4sIAAAAAAACA+3OQQHAQAgDMK0tUAr4/8/CBFwUBO6Ju5g27E0g18PxFlk3GztXDGEvb6EI8VA4dmbzKCJc5QAVzJEm\
    GR2s7d6KdEatfcqaSp2NLq2qMYNWX8vcpdV4ndf52/kAaviZHbwCAAA=
    """

  static func bytes(_ base64: String) -> [UInt8] { [UInt8](Data(base64Encoded: base64)!) }

  /// The message `Gzip.decompress` throws for `input`, or nil when it succeeds.
  static func failure(_ input: [UInt8]) -> String? {
    do {
      _ = try Gzip.decompress(input, source: "t.gz")
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test func decodesStoredFixedAndDynamicFixtures() throws {
    let cases = [
      (GzipFixtureTests.storedFixture, GzipFixtureTests.sentence, 0),
      (GzipFixtureTests.fixedFixture, GzipFixtureTests.sentence, 1),
      (GzipFixtureTests.dynamicFixture, GzipFixtureTests.skewed, 2),
    ]
    for (fixture, expected, blockType) in cases {
      let input = GzipFixtureTests.bytes(fixture)
      #expect(Int(input[10] >> 1 & 3) == blockType, "fixture holds the intended block type")
      #expect(try Gzip.decompress(input, source: "t.gz") == expected)
    }
  }

  @Test func handBuiltFixedBlockWithOverlappingCopy() throws {
    var s = DeflateStreamBuilder()
    s.bits(1, 1)
    s.bits(1, 2)
    s.fixedSymbol(Int(UInt8(ascii: "a")))
    s.fixedSymbol(Int(UInt8(ascii: "b")))
    s.fixedSymbol(258)  // length 4
    s.code(1, 5)  // distance 2
    s.fixedSymbol(284)  // lengths 227…257 (5 extra bits): 227 + 30 = 257
    s.bits(30, 5)
    s.code(0, 5)  // distance 1
    s.fixedSymbol(256)
    let expected = Array("ababab".utf8) + [UInt8](repeating: UInt8(ascii: "b"), count: 257)
    let input = DeflateStreamBuilder.gzip(s.bytes, content: expected)
    #expect(try Gzip.decompress(input, source: "t.gz") == expected)
  }

  @Test func handBuiltStoredBlocksBetweenHuffmanBlocks() throws {
    var s = DeflateStreamBuilder()
    s.bits(0, 1)
    s.bits(0, 2)
    s.alignedBytes([3, 0, 0xFC, 0xFF] + Array("abc".utf8))
    s.bits(0, 1)
    s.bits(1, 2)
    s.fixedSymbol(Int(UInt8(ascii: "d")))
    s.fixedSymbol(256)
    s.bits(1, 1)  // starts mid-byte: the stored block's padding is 6 bits here
    s.bits(0, 2)
    s.alignedBytes([0, 0, 0xFF, 0xFF])
    let input = DeflateStreamBuilder.gzip(s.bytes, content: Array("abcd".utf8))
    #expect(try Gzip.decompress(input, source: "t.gz") == Array("abcd".utf8))
  }

  /// A single final block starting with the given builder steps; the trailer is for "".
  static func failureOfBlock(_ build: (inout DeflateStreamBuilder) -> Void) -> String? {
    var s = DeflateStreamBuilder()
    s.bits(1, 1)
    build(&s)
    return failure(DeflateStreamBuilder.gzip(s.bytes + [0, 0, 0, 0], content: []))
  }

  @Test func malformedBlocksAreNamed() {
    #expect(
      GzipFixtureTests.failureOfBlock { $0.bits(3, 2) }
        == "t.gz: bad gzip data at byte 10: invalid block type 3")
    #expect(
      GzipFixtureTests.failureOfBlock {
        $0.bits(0, 2)
        $0.bits(0, 5)
        $0.bits(5, 16)
        $0.bits(0, 16)
      } == "t.gz: bad gzip data at byte 11: stored block length 5 does not match its complement 0")
    #expect(
      GzipFixtureTests.failureOfBlock {
        $0.bits(1, 2)
        $0.fixedSymbol(257)
        $0.code(0, 5)
      } == "t.gz: bad gzip data at byte 11: distance 1 reaches before the start of the output")
    #expect(
      GzipFixtureTests.failureOfBlock {
        $0.bits(1, 2)
        $0.fixedSymbol(286)
      } == "t.gz: bad gzip data at byte 11: invalid length symbol 286")
    #expect(
      GzipFixtureTests.failureOfBlock {
        $0.bits(1, 2)
        $0.fixedSymbol(97)
        $0.fixedSymbol(257)
        $0.code(30, 5)
      } == "t.gz: bad gzip data at byte 12: invalid distance symbol 30")
  }

  /// A dynamic block header: HLIT = 257 + `lit`, HDIST = 1, then code-length code lengths
  /// for symbols in the RFC order 16, 17, 18, 0, 8, 7, … (the first `lengths.count`).
  static func dynamicHeader(_ s: inout DeflateStreamBuilder, lit: Int = 0, lengths: [Int]) {
    s.bits(2, 2)
    s.bits(lit, 5)
    s.bits(0, 5)
    s.bits(lengths.count - 4, 4)
    for l in lengths { s.bits(l, 3) }
  }

  @Test func malformedDynamicHeadersAreNamed() {
    let prefix = "t.gz: bad gzip data at byte "
    #expect(
      GzipFixtureTests.failureOfBlock {
        GzipFixtureTests.dynamicHeader(&$0, lit: 30, lengths: [1, 1, 0, 0])
      } == prefix + "12: too many length or distance symbols (287, 1)")
    #expect(
      GzipFixtureTests.failureOfBlock {
        GzipFixtureTests.dynamicHeader(&$0, lengths: [Int](repeating: 1, count: 19))
      } == prefix + "19: over-subscribed code-length code")
    #expect(
      GzipFixtureTests.failureOfBlock {
        GzipFixtureTests.dynamicHeader(&$0, lengths: [0, 0, 0, 1])
      } == prefix + "13: incomplete code-length code")
    // Code-length code: symbol 0 → bit 0, symbol 16 → bit 1; a repeat comes first.
    #expect(
      GzipFixtureTests.failureOfBlock {
        GzipFixtureTests.dynamicHeader(&$0, lengths: [1, 0, 0, 1])
        $0.code(1, 1)
        $0.bits(0, 2)
      } == prefix + "13: length repeat with no previous length")
    // Symbol 0 → bit 0, symbol 18 → bit 1: 138 + 138 zeros overrun the 258 lengths.
    #expect(
      GzipFixtureTests.failureOfBlock {
        GzipFixtureTests.dynamicHeader(&$0, lengths: [0, 0, 1, 1])
        $0.code(1, 1)
        $0.bits(127, 7)
        $0.code(1, 1)
        $0.bits(127, 7)
      } == prefix + "15: code lengths run past the last symbol")
    // 138 + 120 zeros: every length is zero, so there is no end-of-block code.
    #expect(
      GzipFixtureTests.failureOfBlock {
        GzipFixtureTests.dynamicHeader(&$0, lengths: [0, 0, 1, 1])
        $0.code(1, 1)
        $0.bits(127, 7)
        $0.code(1, 1)
        $0.bits(109, 7)
      } == prefix + "15: no end-of-block code")
    // Lengths 1 for symbols 0, 1 and 256: over-subscribed literal/length code.
    #expect(
      GzipFixtureTests.failureOfBlock {
        GzipFixtureTests.dynamicHeader(
          &$0, lengths: [0, 2, 2, 2] + [Int](repeating: 0, count: 13) + [2])
        // code-length code (all length 2): 0 → 00, 1 → 01, 17 → 10, 18 → 11
        $0.code(1, 2)
        $0.code(1, 2)  // symbols 0, 1: length 1
        $0.code(3, 2)
        $0.bits(127, 7)  // 138 zeros (2…139)
        $0.code(3, 2)
        $0.bits(105, 7)  // 116 zeros (140…255)
        $0.code(1, 2)  // symbol 256: length 1
        $0.code(0, 2)  // the one distance length: 0
      } == prefix + "22: over-subscribed literal/length code")
  }

  @Test func everyTruncationIsAnErrorNamingTheEnd() throws {
    let input = GzipFixtureTests.bytes(GzipFixtureTests.dynamicFixture)
    for cut in 0..<input.count {
      let message = GzipFixtureTests.failure(Array(input[0..<cut]))
      #expect(message != nil, "prefix of \(cut) bytes decoded")
      guard let message else { continue }
      if cut < 10 {
        #expect(message.hasSuffix(cut < 2 ? "file too short for a gzip header" : "gzip header"))
      } else if cut < input.count - 8 {
        #expect(message.hasSuffix("data ends inside the DEFLATE stream"), "\(cut): \(message)")
      } else {
        #expect(message.hasSuffix("truncated gzip trailer (CRC-32 and length missing)"))
      }
    }
  }

  @Test func headerAndTrailerChecksAreNamed() {
    let good = GzipFixtureTests.bytes(GzipFixtureTests.dynamicFixture)
    func with(_ index: Int, _ value: UInt8) -> [UInt8] {
      var b = good
      b[index] = value
      return b
    }
    let n = good.count
    #expect(
      GzipFixtureTests.failure(with(0, 0x50))
        == "t.gz: bad gzip data at byte 0: not gzip data (magic 508b, expected 1f8b)")
    #expect(
      GzipFixtureTests.failure(with(2, 7))
        == "t.gz: bad gzip data at byte 2: unsupported compression method 7 (expected 8)")
    #expect(
      GzipFixtureTests.failure(with(3, 0x20))
        == "t.gz: bad gzip data at byte 3: reserved header flag bits are set")
    #expect(
      GzipFixtureTests.failure(with(n - 8, good[n - 8] ^ 1))
        == "t.gz: bad gzip data at byte \(n - 8): CRC-32 mismatch (stored 1d99f86b, computed 1d99f86a)"
    )
    #expect(
      GzipFixtureTests.failure(with(n - 4, 0xBD))
        == "t.gz: bad gzip data at byte \(n - 4): length mismatch (stored ISIZE 701, decompressed 700 bytes)"
    )
    #expect(
      GzipFixtureTests.failure(good + [0, 0, 0])
        == "t.gz: bad gzip data at byte \(n): 3 bytes of trailing data after the gzip stream")
  }

  @Test func optionalHeaderFieldsAreSkippedAndTheHeaderCRCChecked() throws {
    let good = GzipFixtureTests.bytes(GzipFixtureTests.fixedFixture)
    var header: [UInt8] = [0x1F, 0x8B, 8, 0x04 | 0x08 | 0x10 | 0x02, 1, 2, 3, 4, 0, 3]
    header += [3, 0, 0xAA, 0xBB, 0xCC]  // FEXTRA: XLEN 3
    header += Array("name.bin".utf8) + [0]
    header += Array("a comment".utf8) + [0]
    let crc16 = ReferenceCRC32.checksum(header) & 0xFFFF
    let body = Array(good[10...])
    let input = header + [UInt8(crc16 & 0xFF), UInt8(crc16 >> 8)] + body
    #expect(try Gzip.decompress(input, source: "t.gz") == GzipFixtureTests.sentence)
    let badCRC = header + [UInt8(crc16 & 0xFF) ^ 1, UInt8(crc16 >> 8)] + body
    #expect(
      GzipFixtureTests.failure(badCRC)
        == "t.gz: bad gzip data at byte \(header.count): header CRC16 mismatch")
  }

  @Test func concatenatedMembersDecodeToTheConcatenation() throws {
    let a = GzipFixtureTests.bytes(GzipFixtureTests.storedFixture)
    let b = GzipFixtureTests.bytes(GzipFixtureTests.dynamicFixture)
    #expect(
      try Gzip.decompress(a + b + a, source: "t.gz")
        == GzipFixtureTests.sentence + GzipFixtureTests.skewed + GzipFixtureTests.sentence)
  }

  /// Flipped bits anywhere never trap; a flip is either reported or harmless (a header
  /// field nobody checks, such as MTIME), never a silently different output.
  @Test func corruptedInputsFailCleanly() throws {
    var rng = SeededRandom(seed: 0x6A1F)
    for fixture in [
      GzipFixtureTests.storedFixture, GzipFixtureTests.fixedFixture,
      GzipFixtureTests.dynamicFixture,
    ] {
      let good = GzipFixtureTests.bytes(fixture)
      let expected = try Gzip.decompress(good, source: "t.gz")
      for _ in 0..<600 {
        var bad = good
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
          bad[Int.random(in: 0..<bad.count, using: &rng)] ^=
            1 << UInt8.random(in: 0..<8, using: &rng)
        }
        if let output = try? Gzip.decompress(bad, source: "t.gz") {
          #expect(output == expected, "corruption changed the output silently")
        }
      }
    }
  }
}
