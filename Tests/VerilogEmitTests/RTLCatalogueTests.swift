import Foundation
import NetlistIR
import Testing
import VerilogEmit
import _TestSupport

/// The rtl/ folder, the embedded copies and the catalogue must say the same thing, and the
/// specification functions must mean what their documentation says.
struct RTLCatalogueTests {
  static let rtl = Paths.packageRoot.appendingPathComponent("rtl")

  @Test func embeddedSourcesMatchTheRTLFolder() throws {
    for primitive in RTLPrimitive.all {
      let url = Self.rtl.appendingPathComponent(primitive.fileName)
      let text = try String(contentsOf: url, encoding: .utf8)
      #expect(
        text == primitive.source,
        "\(primitive.fileName) differs from its embedded copy: run scripts/embed-rtl.sh")
      #expect(text.contains("module \(primitive.name) #("))
      #expect(text.contains(primitive.specification.prefix { $0 != "(" }))
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.rtl.path)
      .filter { $0.hasSuffix(".v") }
    #expect(Set(files) == Set(RTLPrimitive.all.map(\.fileName)), "rtl/ and the catalogue differ")
  }

  @Test func readmeListsEveryPrimitive() throws {
    let readme = try String(
      contentsOf: Self.rtl.appendingPathComponent("README.md"), encoding: .utf8)
    for primitive in RTLPrimitive.all {
      #expect(readme.contains("`\(primitive.name)`"), "rtl/README.md misses \(primitive.name)")
      #expect(readme.contains(primitive.specification), "README misses \(primitive.specification)")
      for parameter in primitive.parameters {
        #expect(readme.contains("`\(parameter.name)`"), "\(primitive.name).\(parameter.name)")
      }
    }
  }

  @Test func specificationsAgreeWithIndependentDefinitions() {
    var rng = SeededRandom(seed: 0x5EC)
    for width in [1, 7, 64, 65, 130] {
      for _ in 0..<20 {
        let a = RandomNetlists.vector(width: width, using: &rng)
        let w = RandomNetlists.vector(width: width, using: &rng)
        let agree = BitVector.bitwise(a, w) { ~($0 ^ $1) }
        #expect(
          RTLSpecification.xnorPopcount(a, w, width: 9)
            == BitVector(width: 9, truncating: UInt64(agree.popcount)))
      }
    }
    let v = [3, -2, 3, 1].map { BitVector(width: 3, truncating: $0) }
    #expect(RTLSpecification.argmax(v, signed: true) == 0)
    #expect(RTLSpecification.argmax(v, signed: false) == 1)
    #expect(RTLSpecification.argmaxIndexWidth(1) == 1)
    #expect(RTLSpecification.argmaxIndexWidth(4) == 2)
    #expect(RTLSpecification.argmaxIndexWidth(5) == 3)
    let t = BitVector(width: 4, truncating: 2)
    let x = BitVector(width: 4, truncating: -1)
    #expect(RTLSpecification.thresholdCompare(x, t, signed: true, flip: false).isZero)
    #expect(!RTLSpecification.thresholdCompare(x, t, signed: false, flip: false).isZero)
    #expect(!RTLSpecification.thresholdCompare(x, t, signed: true, flip: true).isZero)
    #expect(!RTLSpecification.thresholdCompare(t, t, signed: true, flip: true).isZero)
  }
}
