import Inference
import LogicNets
import NetlistSim
import Testing
import _TestSupport

/// `LogicNetInference.evaluate`: bytes in, counts and classes out, against the model, on
/// every kernel path this CPU runs (the portable one always) and through the Swift-only
/// route (`evaluateWithPlanes`).
@Suite struct LogicNetInferenceTests {
  /// Random nets whose output fields fall anywhere in the output row (10 classes of 7-bit
  /// scores put the class index across the 64-bit boundary; 1 class has a 0-bit index),
  /// random bytes (non-zero = 1) and sample counts around the 64- and 512-sample edges.
  @Test(arguments: [
    (1, 3, 1), (2, 8, 63), (3, 12, 65), (10, 1, 511), (10, 100, 513), (5, 40, 1000),
  ])
  func countsAndClassesEqualTheModel(classes: Int, group: Int, samples: Int) throws {
    var rng = SeededRandom(seed: UInt64(classes * 100_003 + group * 101 + samples))
    let inputs = 3 + Int(rng.next() % 60)
    let widths = [classes * group * 2, classes * group]
    let net = LogicNetLoweringTests.randomNet(
      inputs: inputs, widths: widths, classes: classes, using: &rng)
    let bytes = (0..<(inputs * samples)).map { _ -> UInt8 in
      let r = rng.next()
      return r & 1 == 0 ? 0 : UInt8(truncatingIfNeeded: 1 + (r >> 1) % 255)
    }
    let engine = try LogicNetInference(net)
    let expected = net.counts(
      BitMatrix(sampleMajor: bytes.map { $0 != 0 ? 1 : 0 }, features: inputs))
    #expect(LogicKernelPath.available.contains(.portable))
    let routes =
      LogicKernelPath.available.map { path in
        (
          "\(path)",
          engine.evaluate(bits: bytes, count: samples, threads: 1 + samples % 2, path: path)
        )
      } + [("Swift planes", engine.evaluateWithPlanes(bits: bytes, count: samples))]
    for (route, result) in routes {
      if let i = (0..<expected.count).first(where: { expected[$0] != result.scores[$0] }) {
        let place = "\(route): sample \(i / classes) class \(i % classes)"
        Issue.record("\(place): model \(expected[i]), inference \(result.scores[i])")
      }
      #expect(
        result.predicted == DiscreteLogicNet.firstArgmax(expected, classes: classes), "\(route)")
    }
  }
}
