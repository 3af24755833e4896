import Datasets
import Foundation
import Hashing
import Testing
import _TestSupport

/// The gzip decoder on the real MNIST files: the decompressed bytes must hash to the
/// published SHA-256 of the original IDX files (listed in the shared data's SOURCE.md).
///
/// The 47 MB training images are only decompressed here (their CRC-32 and length are checked
/// by the decoder): hashing them takes ~20 s in a debug build, so their SHA-256 is asserted
/// by the release benchmark `datasets-bench` instead.
@Suite struct MNISTGzipTests {
  static let expected = [
    (
      "t10k-labels-idx1-ubyte.gz", 10008,
      "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"
    ),
    (
      "train-labels-idx1-ubyte.gz", 60008,
      "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"
    ),
    (
      "t10k-images-idx3-ubyte.gz", 7_840_016,
      "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"
    ),
  ]

  @Test(
    .enabled(if: Paths.sharedData != nil, "shared data not found: set BITTRUE_DATA"),
    arguments: expected)
  func decompressesToThePublishedContent(file: String, size: Int, sha256: String) throws {
    let path = Paths.sharedData!.appendingPathComponent("mnist/\(file)").path
    let bytes = try FileBytes.read(path)
    #expect(bytes.count == size)
    var hash = SHA256()
    hash.update(bytes)
    #expect(hash.hexDigest() == sha256)
  }

  @Test(.enabled(if: Paths.sharedData != nil, "shared data not found: set BITTRUE_DATA"))
  func decompressesTheTrainingImages() throws {
    let path = Paths.sharedData!.appendingPathComponent("mnist/train-images-idx3-ubyte.gz").path
    let bytes = try FileBytes.read(path)
    #expect(bytes.count == 47_040_016)
    #expect(bytes[0..<16] == [0, 0, 8, 3, 0, 0, 0xEA, 0x60, 0, 0, 0, 28, 0, 0, 0, 28])
  }
}
