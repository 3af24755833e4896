import Foundation
import Testing

@testable import TrainingCore

/// Adam over whole buffers (16 lanes at a time plus a scalar tail) gives the bits of the
/// element-by-element update, on lengths around the block size.
@Suite struct AdamBufferTests {
  @Test(arguments: [0, 1, 15, 16, 17, 40])
  func buffersMatchTheScalarUpdate(count: Int) {
    var adam = AdamOptimizer(AdamHyperparameters(learningRate: 0.03))
    var w = (0..<count).map { Float($0) / 7 - 2 }
    var m = [Float](repeating: 0, count: count)
    var v = m
    var scalar = (w: w, m: m, v: v)
    for t in 1...5 {
      let g = (0..<count).map { sin(Float($0 * t + 1)) * 3 }
      adam.beginStep()
      let s = adam.stepScalars
      w.withUnsafeMutableBufferPointer { w in
        m.withUnsafeMutableBufferPointer { m in
          v.withUnsafeMutableBufferPointer { v in
            g.withUnsafeBufferPointer { adam.update(w, m: m, v: v, gradient: $0, scalars: s) }
          }
        }
      }
      for k in 0..<count {
        adam.update(
          &scalar.w[k], m: &scalar.m[k], v: &scalar.v[k], gradient: g[k], scalars: s)
      }
    }
    #expect(w.map(\.bitPattern) == scalar.w.map(\.bitPattern))
    #expect(m.map(\.bitPattern) == scalar.m.map(\.bitPattern))
    #expect(v.map(\.bitPattern) == scalar.v.map(\.bitPattern))
    #expect(count == 0 || w != (0..<count).map { Float($0) / 7 - 2 }, "the steps moved w")
  }
}
