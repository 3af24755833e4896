import BinarizedNets
import Testing
import _TestSupport

/// The convolutional front: the reference on a net worked by hand, and the bit-packed
/// runtime against the reference.
@Suite struct ConvolutionTests {
  /// 1×3×3 bit image → 2×2 binary conv (padding 1, stride 2: windows at (−1,−1), (−1,1),
  /// (1,−1), (1,1), each with one to four taps in the image) → dense.
  @Test func referenceMatchesAHandComputation() throws {
    let conv = ConvolutionLayer(
      mode: .ternary, inputChannels: 1, outputChannels: 2, kernel: 2, stride: 2, padding: 1,
      weights: [1, -1, -1, 1, 0, 1, 1, 1], activations: [.atLeast(0), .atMost(0)])
    let net = try BinarizedNet(
      input: .bits, inputs: 9, image: ImageShape(channels: 1, height: 3, width: 3),
      features: [.convolution(conv)],
      layers: [
        DenseLayer(
          mode: .binary, inputs: 8, outputs: 1, weights: [1, 1, 1, 1, 1, 1, 1, 1],
          activations: nil)
      ])
    // Image (±1):  + - +
    //              - - +
    //              + + -
    let image = [1, 0, 1, 0, 0, 1, 1, 1, 0]
    // Channel 0 (weights 1 −1 / −1 1): window (−1,−1) has only tap (1,1)·(0,0) = +1 → 1;
    // (−1,1): taps (1,0)·(0,1) = −1·−1 = +1, (1,1)·(0,2) = +1 → 2 ≥ 0;
    // (1,−1): taps (0,1)·(1,0) = −1·−1 = +1, (1,1)·(2,0) = +1 → 2;
    // (1,1): (0,0)·(1,1) = −1, (0,1)·(1,2) = −1, (1,0)·(2,1) = −1, (1,1)·(2,2) = −1 → −4.
    // Channel 1 (weights 0 1 / 1 1), fires when dot ≤ 0: (−1,−1): +1 → 0;
    // (−1,1): (1,0)·(0,1) = −1, (1,1)·(0,2) = +1 → 0 → fires; (1,−1): (0,1)·(1,0) = −1,
    // (1,1)·(2,0) = +1 → 0 → fires; (1,1): (0,1)·(1,2) = +1, (1,0)·(2,1) = +1,
    // (1,1)·(2,2) = −1 → 1 → 0.
    #expect(net.referenceFeatures(image.map { $0 == 1 ? 1 : -1 }) == [1, 1, 1, -1, -1, 1, 1, -1])
    #expect(net.referenceScores(image) == [2])
    let pooled = try BinarizedNet(
      input: .bits, inputs: 9, image: ImageShape(channels: 1, height: 3, width: 3),
      features: [.maxPool(MaxPoolLayer(size: 2, stride: 1))],
      layers: [
        DenseLayer(mode: .binary, inputs: 4, outputs: 1, weights: [1, 1, 1, 1], activations: nil)
      ])
    #expect(pooled.referenceFeatures(image.map { $0 == 1 ? 1 : -1 }) == [1, 1, 1, 1])
    let dark = [0, 0, 0, 0, 0, 0, 0, 0, 1]
    #expect(pooled.referenceFeatures(dark.map { $0 == 1 ? 1 : -1 }) == [-1, -1, -1, 1])
  }

  @Test(arguments: 0..<ConvolutionNetShapes.all.count)
  func packedMatchesTheReference(shape: Int) {
    var random = SeededRandom(seed: UInt64(400 + shape))
    let net = ConvolutionNetShapes.make(shape, using: &random)
    let samples = 60
    let values = (0..<samples).flatMap { _ in RandomBinarizedNets.sample(net, using: &random) }
    let (scores, predicted) = PackedBinarizedNet(net).run(values, samples: samples)
    let k = net.classes
    var fired = Set<Int>()
    for s in 0..<samples {
      let sample = Array(values[(s * net.inputs)..<((s + 1) * net.inputs)])
      let expected = net.referenceScores(sample)
      #expect(Array(scores[(s * k)..<((s + 1) * k)]) == expected, "sample \(s)")
      #expect(predicted[s] == BinarizedNet.argmax(expected[...]))
      fired.insert(expected[0])
    }
    // The nets are not degenerate: the first score varies over the samples.
    #expect(fired.count > 1)
  }

  @Test func threadsDoNotChangeResults() {
    var random = SeededRandom(seed: 78)
    let net = ConvolutionNetShapes.make(0, using: &random)
    let samples = 600
    let values = (0..<samples).flatMap { _ in RandomBinarizedNets.sample(net, using: &random) }
    let packed = PackedBinarizedNet(net)
    let one = packed.run(values, samples: samples)
    for threads in [2, 3] {
      let many = packed.run(values, samples: samples, threads: threads)
      #expect(many.scores == one.scores && many.predicted == one.predicted, "\(threads) threads")
    }
  }
}
