import Inference
import LogicNets
import NetlistSim
import Testing
import _TestSupport

/// `LogicNetInference.evaluate(packedBits:…)` and `evaluate(planes:…)` against the byte path
/// (`evaluate(bits:…)`) on the same bits: random nets, input widths that are and are not
/// multiples of 8 and 64, sample counts around the 64- and 512-sample edges, every kernel
/// path this CPU runs (the portable one always), one and two threads.
@Suite struct LogicNetInferencePackedTests {
  /// Random bytes (non-zero = 1) and the same bits as packed rows of `rowBytes` bytes whose
  /// padding bits are random (they must be ignored).
  static func inputs(
    features: Int, samples: Int, rowBytes: Int, using rng: inout SeededRandom
  ) -> (bytes: [UInt8], packed: [UInt8]) {
    let bytes = (0..<(features * samples)).map { _ -> UInt8 in
      let r = rng.next()
      return r & 1 == 0 ? 0 : UInt8(truncatingIfNeeded: 1 + (r >> 1) % 255)
    }
    var packed = (0..<(rowBytes * samples)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
    for s in 0..<samples {
      for i in 0..<features {
        let bit = UInt8(1) << UInt8(i % 8)
        let at = s * rowBytes + i / 8
        packed[at] = bytes[s * features + i] != 0 ? packed[at] | bit : packed[at] & ~bit
      }
    }
    return (bytes, packed)
  }

  @Test(arguments: [(7, 1), (8, 63), (63, 65), (64, 512), (65, 513), (130, 1000), (200, 1537)])
  func packedRowsAndPlanesEqualTheBytePath(features: Int, samples: Int) throws {
    var rng = SeededRandom(seed: UInt64(features * 10_007 + samples))
    let classes = 1 + features % 5
    let net = LogicNetLoweringTests.randomNet(
      inputs: features, widths: [classes * 12, classes * 6], classes: classes, using: &rng)
    let engine = try LogicNetInference(net)
    #expect(engine.packedRowBytes == (features + 7) / 8)
    let (bytes, packed) = Self.inputs(
      features: features, samples: samples, rowBytes: engine.packedRowBytes, using: &rng)
    let planes = BitPlanes(rowBytes: bytes, bitCount: features, sampleCount: samples)
    let expected = engine.evaluate(bits: bytes, count: samples, path: .portable)
    #expect(LogicKernelPath.available.contains(.portable))
    for path in LogicKernelPath.available {
      for threads in [1, 2] {
        let routes = [
          (
            "packed",
            engine.evaluate(packedBits: packed, count: samples, threads: threads, path: path)
          ),
          ("planes", engine.evaluate(planes: planes, threads: threads, path: path)),
          ("bytes", engine.evaluate(bits: bytes, count: samples, threads: threads, path: path)),
        ]
        for (route, result) in routes {
          let place = "\(route), \(path), \(threads) threads"
          if let i = (0..<expected.scores.count).first(where: {
            expected.scores[$0] != result.scores[$0]
          }) {
            Issue.record("\(place): sample \(i / classes) class \(i % classes)")
          }
          #expect(result.predicted == expected.predicted, "\(place)")
        }
      }
    }
  }

  /// Rows wider than the inputs need (extra padding bytes) through the field evaluator.
  @Test func widerRowsIgnoreTheirPadding() throws {
    var rng = SeededRandom(seed: 15)
    let (features, samples, rowBytes, classes) = (21, 700, 6, 3)
    let net = LogicNetLoweringTests.randomNet(
      inputs: features, widths: [48, 24], classes: classes, using: &rng)
    let engine = try LogicNetInference(net)
    let (bytes, packed) = Self.inputs(
      features: features, samples: samples, rowBytes: rowBytes, using: &rng)
    let expected = engine.evaluate(bits: bytes, count: samples)
    for path in LogicKernelPath.available {
      var scores = [Int32](repeating: -1, count: samples * classes)
      var predicted = [Int](repeating: -1, count: samples)
      packed.withUnsafeBufferPointer { packed in
        scores.withUnsafeMutableBufferPointer { scores in
          predicted.withUnsafeMutableBufferPointer { predicted in
            engine.fieldEvaluator.evaluate(
              packed: packed.baseAddress!, rowBytes: rowBytes, count: samples,
              out: scores.baseAddress!, stride: classes, last: predicted.baseAddress!, path: path)
          }
        }
      }
      #expect(scores == expected.scores, "\(path)")
      #expect(predicted == expected.predicted, "\(path)")
    }
  }
}
