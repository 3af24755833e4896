import BinarizedNets
import Foundation
import Testing
import _TestSupport

/// The `bittrue-bnn` file: round trip and one-line errors naming the field.
@Suite struct BinarizedNetFileTests {
  static let valid = """
    {"format": "bittrue-bnn", "version": 1, "input": {"kind": "uint", "bits": 4, "count": 3},
     "layers": [
      {"mode": "int3", "weights": [[1, -4, 0], [3, 2, -1]],
       "activations": [{"ge": -2}, {"const": 1}]},
      {"mode": "ternary", "weights": [[1, 0], [-1, 1]],
       "activations": [{"le": 0}, {"ge": 1}]},
      {"mode": "binary", "weights": [[1, -1], [-1, -1]]}]}
    """

  @Test func roundTrips() throws {
    let net = try BinarizedNet(fileData: Data(Self.valid.utf8))
    #expect(net.inputs == 3 && net.classes == 2 && net.sampleBits == 12)
    #expect(net.layers[0].activations == [.atLeast(-2), .constant(true)])
    #expect(try BinarizedNet(fileData: Data(net.fileText().utf8)) == net)
    var random = SeededRandom(seed: 5)
    let big = RandomBinarizedNets.make(
      input: .integers(bits: 6, signed: true), inputs: 5,
      layers: [(.integer(bits: 5), 8), (.ternary, 6), (.binary, 3)], using: &random)
    #expect(try BinarizedNet(fileData: Data(big.fileText().utf8)) == big)
  }

  @Test(arguments: [
    ("\"version\": 1", "\"version\": 2", "field 'version': 2 is outside 1...1"),
    ("[1, -4, 0]", "[1, -5, 0]", "field 'layers[0].weights[0][1]': -5 is outside -4...3"),
    ("[1, 0], [-1, 1]", "[1, 0], [-1, 2]", "field 'layers[1].weights[1][1]': 2 is outside -1...1"),
    ("[1, 0], [-1, 1]", "[1, 0], [-1]", "field 'layers[1].weights[1]': 1 entries, expected 2"),
    (
      "\"int3\"", "\"int1\"",
      "field 'layers[0].mode': expected 'binary', 'ternary' or 'int2'…'int16'"
    ),
    (
      "{\"le\": 0}", "{\"lt\": 0}",
      "field 'layers[1].activations[0]': expected one of {\"ge\": T}, {\"le\": T}, {\"const\": 0|1}"
    ),
    (
      "{\"le\": 0}, {\"ge\": 1}", "{\"le\": 0}",
      "field 'layers[1].activations': 1 entries, expected 2"
    ),
    (
      "\"kind\": \"uint\"", "\"kind\": \"float\"",
      "field 'input.kind': expected 'bits', 'uint' or 'int'"
    ),
    ("\"count\": 3", "\"count\": 99999999", "field 'input.count': 99999999 is outside 1...1048576"),
    ("\"format\": \"bittrue-bnn\", ", "", "missing field 'format'"),
    (
      "\"mode\": \"int3\"", "\"mode\": \"binary\"",
      "field 'layers[0].weights[0][1]': -4 is outside -1...1"
    ),
    (
      "\"kind\": \"uint\", \"bits\": 4", "\"kind\": \"bits\"",
      "field 'layers[0].mode': int weights need integer inputs (first layer only)"
    ),
    (
      "[[1, -1], [-1, -1]]}", "[[1, -1], [-1, -1]], \"activations\": [{\"ge\": 0}, {\"ge\": 0}]}",
      "field 'layers[2].activations': not allowed on the last layer"
    ),
  ])
  func badFilesNameTheField(original: String, replacement: String, message: String) {
    let text = Self.valid.replacingOccurrences(of: original, with: replacement)
    #expect(text != Self.valid)
    #expect(throws: BinarizedNetError.file(message)) {
      try BinarizedNet(fileData: Data(text.utf8))
    }
  }
}

extension BinarizedNetFileTests {
  /// Every truncation and many random byte changes of a valid file: a net or a one-line
  /// error, never a trap.
  @Test func damagedFilesNeverTrap() {
    let bytes = [UInt8](Self.valid.utf8)
    var random = SeededRandom(seed: 99)
    var damaged = (0..<bytes.count).map { Array(bytes[..<$0]) }
    let alphabet = [UInt8]("0123456789-[]{},:\" eE.x".utf8)
    for _ in 0..<2000 {
      var copy = bytes
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        copy[Int.random(in: 0..<copy.count, using: &random)] = alphabet.randomElement(
          using: &random)!
      }
      damaged.append(copy)
    }
    for file in damaged {
      do {
        let net = try BinarizedNet(fileData: Data(file))
        #expect(net.referenceScores([Int](repeating: 1, count: net.inputs)).count == net.classes)
      } catch {
        #expect(!error.description.contains("\n"), "\(error)")
      }
    }
  }
}
