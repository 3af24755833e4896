import Datasets
import Hashing
import Testing
import _TestSupport

/// SHA-256 against published vectors and incremental feeding.
@Suite struct ChecksumTests {
  /// FIPS 180-4 example vectors, plus the padding-boundary lengths 55 and 56 (values from
  /// Python's hashlib).
  @Test func sha256KnownAnswers() {
    func hex(_ bytes: [UInt8]) -> String {
      var h = SHA256()
      h.update(bytes)
      return h.hexDigest()
    }
    #expect(hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(
      hex([UInt8](repeating: 0x61, count: 1_000_000))
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    #expect(
      hex([UInt8](repeating: 0, count: 55))
        == "02779466cdec163811d078815c633f21901413081449002f24aa3e80f0b88ef7")
    #expect(
      hex([UInt8](repeating: 0, count: 56))
        == "d4817aa5497628e7c77e6b606107042bbba3130888c5f47a375e6179be789fbb")
  }

  /// Feeding in pieces of every size gives the same digest as feeding at once.
  @Test func sha256IncrementalFeedingAgrees() {
    var rng = SeededRandom(seed: 0x5A5A)
    let bytes = (0..<300).map { _ in UInt8.random(in: 0...255, using: &rng) }
    let whole = SHA256.hash(bytes)
    for piece in [1, 3, 63, 64, 65, 127, 200] {
      var h = SHA256()
      var i = 0
      while i < bytes.count {
        h.update(Array(bytes[i..<min(i + piece, bytes.count)]))
        i += piece
      }
      #expect(h.finalize() == whole, "pieces of \(piece)")
    }
  }
}
