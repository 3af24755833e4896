import BinarizedNets
import Foundation
import Testing
import _TestSupport

/// The `output` field of a `bittrue-bnn` file: exact round trip of every float32, strict
/// reading, one-line errors naming the field.
@Suite struct OutputAffineFileTests {
  static let valid = """
    {"format": "bittrue-bnn", "version": 1, "input": {"kind": "bits", "count": 3},
     "layers": [{"mode": "binary", "weights": [[1, -1, 1], [-1, -1, 1]]}],
     "output": {"scale": [0.5, -1.25], "offset": [0.10000000149011612, 3]}}
    """

  @Test func readsTheAffine() throws {
    let net = try BinarizedNet(fileData: Data(Self.valid.utf8))
    #expect(net.outputAffine?.scale == [0.5, -1.25])
    #expect(net.outputAffine?.offset == [Float(0.1), 3])
    #expect(try BinarizedNet(fileData: Data(net.fileText().utf8)) == net)
  }

  /// Extreme and random float32 values keep their exact bits through the writer and the
  /// reader (the sign of zero included). Each net has one value x as `scale [x, −x]`,
  /// `offset [x, 0]`, so its exact scores are always narrow enough.
  @Test func everyFloatRoundTripsBitForBit() throws {
    var values: [Float] = [
      .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
      .greatestFiniteMagnitude, -.greatestFiniteMagnitude, -0.0, 0, Float(0.1), 1 / 3,
      -.ulpOfOne, 16_777_215,
    ]
    var random = SeededRandom(seed: 12)
    while values.count < 300 {
      let x = Float(bitPattern: UInt32.random(in: 0...UInt32.max, using: &random))
      if x.isFinite { values.append(x) }
    }
    let layer = DenseLayer(
      mode: .binary, inputs: 1, outputs: 2, weights: [1, -1], activations: nil)
    for x in values {
      let net = try BinarizedNet(
        input: .bits, inputs: 1, layers: [layer],
        outputAffine: try OutputAffine(scale: [x, -x], offset: [x, 0]))
      let back = try BinarizedNet(fileData: Data(net.fileText().utf8))
      let affine = try #require(back.outputAffine)
      #expect(
        (affine.scale + affine.offset).map(\.bitPattern) == [x, -x, x, 0].map(\.bitPattern),
        "\(x)")
    }
  }

  @Test(arguments: [
    ("0.10000000149011612", "0.1", "field 'output.offset[0]': 0.1 is not exactly a float32"),
    ("0.10000000149011612", "1e39", "field 'output.offset[0]': 1e+39 is not exactly a float32"),
    ("0.10000000149011612", "\"0.1\"", "field 'output.offset[0]': expected a number"),
    ("[0.5, -1.25]", "[0.5]", "field 'output.offset': 2 entries, expected 1"),
    ("[0.5, -1.25]", "[]", "field 'output.scale': expected 1...1048576 entries"),
    (
      "[0.5, -1.25], \"offset\": [0.10000000149011612, 3]", "[0.5, 1, 2], \"offset\": [1, 2, 3]",
      "field 'output.scale': 3 entries, expected 2 (classes)"
    ),
    (", \"offset\": [0.10000000149011612, 3]", "", "missing field 'output.offset'"),
    (
      "[0.5, -1.25]", "[1, 1.401298464324817e-45]",
      "field 'output.scale[0]': exact integer scores would reach 2^62 (the parameters span "
        + "2^-149...2^1 and the dot products reach 3)"
    ),
    (
      "[0.5, -1.25]", "[4611686018427387904, 1]",
      "field 'output.scale[0]': exact integer scores would reach 2^62 (the parameters span "
        + "2^-27...2^62 and the dot products reach 3)"
    ),
    (
      "[0.5, -1.25], \"offset\": [0.10000000149011612, 3]",
      "[2305843009213693952, 1], \"offset\": [0, 0]",
      "field 'output.scale[0]': exact integer scores would reach 2^62 (the parameters span "
        + "2^0...2^61 and the dot products reach 3)"
    ),
    (
      "[0.5, -1.25], \"offset\": [0.10000000149011612, 3]",
      "[137438953472, 1], \"offset\": [4611685743549480960, 0]",
      "field 'output.offset[0]': exact integer scores would reach 2^62 (the parameters span "
        + "2^0...2^61 and the dot products reach 3)"
    ),
  ])
  func badAffinesNameTheField(original: String, replacement: String, message: String) {
    let text = Self.valid.replacingOccurrences(of: original, with: replacement)
    #expect(text != Self.valid)
    #expect(throws: BinarizedNetError.file(message)) {
      try BinarizedNet(fileData: Data(text.utf8))
    }
  }

  /// Random damage to a file with an affine (mostly in its numbers): a net whose exact
  /// scores the packed runtime reproduces, or a one-line error, never a trap.
  @Test func damagedAffinesNeverTrap() {
    let bytes = [UInt8](Self.valid.utf8)
    let tail = Self.valid[Self.valid.range(of: "\"output\"")!.lowerBound...]
    let from = bytes.count - tail.utf8.count
    var random = SeededRandom(seed: 41)
    let alphabet = [UInt8]("0123456789-+[]{},:\" eE.".utf8)
    for _ in 0..<3000 {
      var copy = bytes
      for _ in 0..<Int.random(in: 1...4, using: &random) {
        copy[Int.random(in: from..<copy.count, using: &random)] = alphabet.randomElement(
          using: &random)!
      }
      do {
        let net = try BinarizedNet(fileData: Data(copy))
        for sample in [[0, 0, 0], [1, 0, 1], [1, 1, 1]] {
          let scores = net.referenceScores(sample)
          #expect(PackedBinarizedNet(net).run(sample, samples: 1).scores == scores)
        }
      } catch {
        #expect(!error.description.contains("\n"), "\(error)")
      }
    }
  }
}
