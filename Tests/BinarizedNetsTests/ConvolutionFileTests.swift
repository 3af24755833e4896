import BinarizedNets
import Foundation
import Testing
import _TestSupport

/// `input.shape` and `features` in the `bittrue-bnn` file: round trip and one-line errors
/// naming the field.
@Suite struct ConvolutionFileTests {
  static let valid = """
    {"format": "bittrue-bnn", "version": 1,
     "input": {"kind": "uint", "bits": 4, "count": 16, "shape": [1, 4, 4]},
     "features": [
      {"kind": "conv", "mode": "int3", "kernel": 3, "stride": 1, "padding": 1,
       "weights": [[1, -4, 0, 3, 2, -1, 0, 0, 1], [0, 1, 0, 1, -2, 1, 0, 1, 0]],
       "activations": [{"ge": -2}, {"le": 5}]},
      {"kind": "maxpool", "size": 2, "stride": 2},
      {"kind": "conv", "mode": "ternary", "kernel": 2, "stride": 1, "padding": 0,
       "weights": [[1, 0, -1, 1, -1, -1, 0, 1]], "activations": [{"const": 1}]}],
     "layers": [
      {"mode": "binary", "weights": [[1], [-1]]}]}
    """

  @Test func roundTrips() throws {
    let net = try BinarizedNet(fileData: Data(Self.valid.utf8))
    #expect(net.image == ImageShape(channels: 1, height: 4, width: 4))
    #expect(net.featureShapes.map(\.count) == [16, 32, 8, 1])
    guard case .convolution(let first) = net.features[0] else {
      Issue.record("not a convolution")
      return
    }
    #expect(first.inputChannels == 1 && first.outputChannels == 2 && first.padding == 1)
    #expect(first.row(1).map { Int($0) } == [0, 1, 0, 1, -2, 1, 0, 1, 0])
    #expect(net.features[1] == .maxPool(MaxPoolLayer(size: 2, stride: 2)))
    #expect(try BinarizedNet(fileData: Data(net.fileText().utf8)) == net)
    for shape in 0..<ConvolutionNetShapes.all.count {
      var random = SeededRandom(seed: UInt64(500 + shape))
      let made = ConvolutionNetShapes.make(shape, using: &random)
      #expect(try BinarizedNet(fileData: Data(made.fileText().utf8)) == made)
    }
  }

  @Test(arguments: [
    ("[1, 4, 4]", "[1, 4, 5]", "field 'input.shape': 1×4×5 = 20 values, expected input.count 16"),
    ("[1, 4, 4]", "[1, 4]", "field 'input.shape': expected [channels, height, width]"),
    ("[1, 4, 4]", "[0, 4, 4]", "field 'input.shape[0]': 0 is outside 1...1048576"),
    (", \"shape\": [1, 4, 4]", "", "missing field 'input.shape'"),
    (
      "\"kind\": \"maxpool\"", "\"kind\": \"avgpool\"",
      "field 'features[1].kind': expected 'conv' or 'maxpool'"
    ),
    (
      "\"size\": 2", "\"size\": 2, \"padding\": 0",
      "field 'features[1].padding': not a field of a 'maxpool' layer"
    ),
    (
      "\"size\": 2", "\"size\": 5",
      "field 'features[1].size': a 5×5 window does not fit the 4×4 image (padding 0)"
    ),
    ("\"size\": 2", "\"size\": 0", "field 'features[1].size': 0 is outside 1...64"),
    ("\"padding\": 1", "\"padding\": 3", "field 'features[0].padding': 3 is outside 0...2"),
    ("\"stride\": 1, \"padding\": 1", "\"padding\": 1", "missing field 'features[0].stride'"),
    ("[1, -4, 0, 3", "[1, -5, 0, 3", "field 'features[0].weights[0][1]': -5 is outside -4...3"),
    (
      "[1, -4, 0, 3, 2, -1, 0, 0, 1]", "[1, -4, 0, 3, 2, -1, 0, 0]",
      "field 'features[0].weights[0]': 8 entries, expected 1×3×3"
    ),
    (
      "[1, 0, -1, 1, -1, -1, 0, 1]", "[1, 0, -1, 1, -1, -1, 0]",
      "field 'features[2].weights[0]': 7 entries, expected 2×2×2"
    ),
    ("[{\"const\": 1}]", "[]", "field 'features[2].activations': 0 entries, expected 1"),
    (
      "\"mode\": \"ternary\"", "\"mode\": \"int2\"",
      "field 'features[2].mode': int weights need integer inputs (first layer only)"
    ),
    (
      "\"mode\": \"int3\"", "\"mode\": \"binary\"",
      "field 'features[0].weights[0][1]': -4 is outside -1...1"
    ),
    ("[[1], [-1]]", "[[1, 1], [-1, 1]]", "field 'layers[0].weights[0]': 2 entries, expected 1"),
  ])
  func badFilesNameTheField(original: String, replacement: String, message: String) {
    let text = Self.valid.replacingOccurrences(of: original, with: replacement)
    #expect(text != Self.valid)
    #expect(throws: BinarizedNetError.file(message)) {
      try BinarizedNet(fileData: Data(text.utf8))
    }
  }

  /// The checks of the net itself, for nets built in code.
  @Test func badNetsAreOneLineErrors() {
    let conv = ConvolutionLayer(
      mode: .binary, inputChannels: 1, outputChannels: 1, kernel: 2, stride: 1, padding: 0,
      weights: [1, 1, 1, 1], activations: [.atLeast(0)])
    let dense = [
      DenseLayer(
        mode: .binary, inputs: 9, outputs: 2, weights: .init(repeating: 1, count: 18),
        activations: nil)
    ]
    let image = ImageShape(channels: 1, height: 4, width: 4)
    #expect(throws: BinarizedNetError.file("field 'input.shape': required by 'features'")) {
      try BinarizedNet(input: .bits, inputs: 16, features: [.convolution(conv)], layers: dense)
    }
    #expect(
      throws: BinarizedNetError.file("field 'features[1].weights': 2 input channels, expected 1")
    ) {
      let two = ImageShape(channels: 2, height: 4, width: 4)
      let wide = ConvolutionLayer(
        mode: .binary, inputChannels: 2, outputChannels: 1, kernel: 2, stride: 1, padding: 0,
        weights: [Int16](repeating: 1, count: 8), activations: [.atLeast(0)])
      _ = try BinarizedNet(
        input: .bits, inputs: 32, image: two,
        features: [.convolution(wide), .convolution(wide)], layers: dense)
    }
    #expect(
      throws: BinarizedNetError.file(
        "field 'features[0].kind': a max-pool needs ±1 inputs, not integers")
    ) {
      try BinarizedNet(
        input: .integers(bits: 4, signed: false), inputs: 16, image: image,
        features: [.maxPool(MaxPoolLayer(size: 2, stride: 2))], layers: dense)
    }
    #expect(
      throws: BinarizedNetError.file("field 'layers[0].weights': rows have 9 entries, expected 4")
    ) {
      try BinarizedNet(
        input: .bits, inputs: 16, image: image,
        features: [.maxPool(MaxPoolLayer(size: 2, stride: 2))], layers: dense)
    }
    #expect(
      throws: BinarizedNetError.file(
        "field 'layers[0].mode': int weights need integer inputs (first layer only)")
    ) {
      try BinarizedNet(
        input: .integers(bits: 4, signed: false), inputs: 16, image: image,
        features: [.convolution(conv)],
        layers: [
          DenseLayer(
            mode: .integer(bits: 2), inputs: 9, outputs: 2, weights: .init(repeating: 1, count: 18),
            activations: nil)
        ])
    }
  }

  /// Every truncation and many random byte changes of a valid file: a net or a one-line
  /// error, never a trap.
  @Test func damagedFilesNeverTrap() {
    let bytes = [UInt8](Self.valid.utf8)
    var random = SeededRandom(seed: 98)
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
    var loaded = 0
    for file in damaged {
      do {
        let net = try BinarizedNet(fileData: Data(file))
        let sample = RandomBinarizedNets.sample(net, using: &random)
        #expect(
          PackedBinarizedNet(net).run(sample, samples: 1).scores == net.referenceScores(sample))
        loaded += 1
      } catch {
        #expect(!error.description.contains("\n"), "\(error)")
      }
    }
    #expect(loaded > 0)
  }
}
