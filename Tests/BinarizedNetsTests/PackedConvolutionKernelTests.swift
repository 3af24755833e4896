import BinarizedNets
import Testing
import _TestSupport

/// The convolutional front's popcounts on every C kernel this CPU runs (portable, POPCNT,
/// AVX-512): each gives the reference evaluator's scores on every shape of
/// ``ConvolutionNetShapes`` (padding, stride, patches wider than a word, output positions
/// not a multiple of 8).
@Suite struct PackedConvolutionKernelTests {
  static let kernels = PackedKernel.allCases.filter(\.isAvailable)

  @Test(arguments: 0..<ConvolutionNetShapes.all.count)
  func everyKernelMatchesTheReference(shape: Int) {
    var random = SeededRandom(seed: UInt64(900 + shape))
    let net = ConvolutionNetShapes.make(shape, using: &random)
    let samples = 40
    let values = (0..<samples).flatMap { _ in RandomBinarizedNets.sample(net, using: &random) }
    let expected = (0..<samples).flatMap { s in
      net.referenceScores(Array(values[(s * net.inputs)..<((s + 1) * net.inputs)]))
    }
    #expect(Self.kernels.contains(.portable))
    for kernel in Self.kernels {
      let (scores, _) = PackedBinarizedNet(net, kernel: kernel).run(values, samples: samples)
      #expect(scores == expected, "\(kernel)")
    }
  }

  /// A patch of 3·3·20 = 180 bits (three words, the last partial) over 7·7 = 49 positions.
  @Test func widePatchesOnEveryKernel() throws {
    var random = SeededRandom(seed: 77)
    let net = RandomConvolutionNets.make(
      input: .bits, image: ImageShape(channels: 20, height: 7, width: 7),
      features: [.conv(.ternary, 6, kernel: 3, stride: 1, padding: 1)], dense: [(.binary, 3)],
      using: &random)
    let samples = 16
    let values = (0..<samples).flatMap { _ in RandomBinarizedNets.sample(net, using: &random) }
    let expected = (0..<samples).flatMap { s in
      net.referenceScores(Array(values[(s * net.inputs)..<((s + 1) * net.inputs)]))
    }
    for kernel in Self.kernels {
      #expect(
        PackedBinarizedNet(net, kernel: kernel).run(values, samples: samples).scores == expected,
        "\(kernel)")
    }
  }
}
