import Testing
import TrainingCore

/// The weights digest follows its documented serialisation: the expected values come from an
/// independent Python implementation of that documentation (struct.pack + hashlib).
@Suite struct WeightsDigestTests {
  @Test func matchesTheDocumentedSerialisation() {
    var d = WeightsDigest()
    d.append("w", [Int8(-1), 2, 127, -128])
    d.append("b", [UInt16(1), 65535])
    d.append("mask", bits: [true, false, true])
    d.append("scale", doubles: [0.5, -2.0])
    d.append("ids", [-5, 1 << 40])
    d.append("f", floats: [1.5])
    d.append("", [Int32]())
    #expect(d.hexDigest == "32d92bc7ec4acd7b338cf28629ab032ecd43ded7e4ae1a628a258a827a5f1cbe")
  }

  @Test func emptyAndLargeTensors() {
    #expect(
      WeightsDigest().hexDigest
        == "10db1b0df171bfb8359e153a72f9c3eda741b84b032c264f109aafcf39df96e8")
    var d = WeightsDigest()
    d.append("big", (-3000..<3000).map { Int32($0) })
    #expect(d.hexDigest == "9c93838e2d03cda65a1440afa3d591b89279332843be4b3f6ed0fa8dafcc5f43")
  }

  @Test func typeNameAndOrderAllMatter() {
    func digest(_ build: (inout WeightsDigest) -> Void) -> String {
      var d = WeightsDigest()
      build(&d)
      return d.hexDigest
    }
    let base = digest { $0.append("a", [Int8(1)]) }
    #expect(base != digest { $0.append("a", [UInt8(1)]) })
    #expect(base != digest { $0.append("b", [Int8(1)]) })
    #expect(base != digest { $0.append("a", bits: [true]) })
    let ab = digest {
      $0.append("a", [Int8(1)])
      $0.append("b", [Int8(2)])
    }
    let ba = digest {
      $0.append("b", [Int8(2)])
      $0.append("a", [Int8(1)])
    }
    #expect(ab != ba)
    // Reading the digest does not consume it.
    var d = WeightsDigest()
    d.append("a", [Int8(1)])
    #expect(d.hexDigest == d.hexDigest)
    #expect(d.hexDigest == base)
  }
}
