import Datasets
import Testing

/// The zlib-backed gzip reader: members, truncation, trailing data, corruption and the bound
/// on the decompressed size, each with its pinned message.
@Suite struct GzipReaderTests {
  static let text = Array(String(repeating: "BitTrue agrees bit for bit. ", count: 40).utf8)

  @Test func roundTripsAndConcatenatesMembers() throws {
    let one = GzipCompressor.gzip(GzipReaderTests.text)
    #expect(try Gzip.decompress(one, source: "t.gz") == GzipReaderTests.text)
    let two = one + GzipCompressor.gzip([1, 2, 3], level: 0)
    #expect(try Gzip.decompress(two, source: "t.gz") == GzipReaderTests.text + [1, 2, 3])
    #expect(try Gzip.decompress(GzipCompressor.gzip([]), source: "t.gz") == [])
  }

  @Test func everyTruncationIsAnError() {
    let good = GzipCompressor.gzip(GzipReaderTests.text)
    for cut in 0..<good.count {
      let message = errorMessage { _ = try Gzip.decompress(Array(good[0..<cut]), source: "t.gz") }
      #expect(message?.hasPrefix("t.gz: bad gzip data at byte ") == true, "cut at \(cut)")
    }
    #expect(
      errorMessage { _ = try Gzip.decompress(Array(good.dropLast()), source: "t.gz") }
        == "t.gz: bad gzip data at byte \(good.count - 1): "
        + "truncated: the stream ends inside a member")
    #expect(
      errorMessage { _ = try Gzip.decompress([], source: "t.gz") }
        == "t.gz: bad gzip data at byte 0: empty file")
  }

  @Test func corruptionAndTrailingDataAreNamed() {
    let good = GzipCompressor.gzip(GzipReaderTests.text)
    var badCRC = good
    badCRC[good.count - 8] ^= 1
    #expect(
      errorMessage { _ = try Gzip.decompress(badCRC, source: "t.gz") }
        == "t.gz: bad gzip data at byte \(good.count - 4): incorrect data check")
    var badLength = good
    badLength[good.count - 1] ^= 1
    #expect(
      errorMessage { _ = try Gzip.decompress(badLength, source: "t.gz") }
        == "t.gz: bad gzip data at byte \(good.count): incorrect length check")
    #expect(
      errorMessage { _ = try Gzip.decompress(good + [0, 0, 0], source: "t.gz") }
        == "t.gz: bad gzip data at byte \(good.count): trailing data after the last gzip member")
    var badMethod = good
    badMethod[2] = 7
    #expect(
      errorMessage { _ = try Gzip.decompress(badMethod, source: "t.gz") }
        == "t.gz: bad gzip data at byte 4: unknown compression method")
  }

  /// 1 MiB of zeros is ~1 kB compressed: the bound stops the expansion, not the input size.
  @Test func theDecompressedSizeIsBounded() throws {
    let bomb = GzipCompressor.gzip([UInt8](repeating: 0, count: 1 << 20), level: 9)
    #expect(bomb.count < 2048)
    #expect(try Gzip.decompress(bomb, source: "b.gz", limit: 1 << 20).count == 1 << 20)
    let message = errorMessage { _ = try Gzip.decompress(bomb, source: "b.gz", limit: 100_000) }
    #expect(message?.hasSuffix("decompresses to more than 100000 bytes (the limit)") == true)
  }
}
