import BitCore
import Foundation
import IntegerTraining
import Testing

/// The convolution and max-pool data movement against the definitions, summed directly.
@Suite struct ConvolutionStageTests {
  static func codes(_ count: Int, stream: UInt64, span: UInt64 = 255) -> [Int64] {
    let rng = CounterRNG(seed: 12, stream: stream)
    return (0..<count).map { Int64(rng.integer(at: UInt64($0), below: span)) - Int64(span / 2) }
  }

  /// `patches · Wᵀ` is the convolution, and the spread error's patches times the flipped
  /// weights are the error at the input (the transposed convolution), for strides 1…2,
  /// paddings 0…2 and odd sizes.
  @Test(arguments: [(5, 6, 1, 1), (5, 5, 2, 1), (6, 7, 2, 0), (4, 4, 1, 2), (7, 5, 3, 2)])
  func productsAreTheConvolutionAndItsTranspose(geometry: (Int, Int, Int, Int)) {
    let (h, w, stride, padding) = geometry
    let (n, c, o) = (2, 3, 4)
    let oh = (h + 2 * padding - 3) / stride + 1
    let ow = (w + 2 * padding - 3) / stride + 1
    let input = Self.codes(n * h * w * c, stream: 1)
    let weights = Self.codes(o * 9 * c, stream: 2)
    let error = Self.codes(n * oh * ow * o, stream: 3)
    func x(_ s: Int, _ y: Int, _ xx: Int, _ k: Int) -> Int64 {
      y < 0 || y >= h || xx < 0 || xx >= w ? 0 : input[((s * h + y) * w + xx) * c + k]
    }
    func weight(_ j: Int, _ u: Int, _ v: Int, _ k: Int) -> Int64 {
      weights[j * 9 * c + (u * 3 + v) * c + k]
    }
    let patches = ChannelLastKernels.patches(
      input, n: n, h: h, w: w, c: c, stride: stride, padding: padding)
    #expect(patches.count == n * oh * ow * 9 * c)
    for s in 0..<n {
      for y in 0..<oh {
        for xx in 0..<ow {
          let row = (s * oh + y) * ow + xx
          for j in 0..<o {
            var direct: Int64 = 0
            var viaPatches: Int64 = 0
            for u in 0..<3 {
              for v in 0..<3 {
                for k in 0..<c {
                  direct +=
                    weight(j, u, v, k)
                    * x(s, y * stride + u - padding, xx * stride + v - padding, k)
                }
              }
            }
            for t in 0..<9 * c { viaPatches += patches[row * 9 * c + t] * weights[j * 9 * c + t] }
            #expect(direct == viaPatches)
          }
        }
      }
    }
    // The error at the input, from the definition: every output error times the weight that
    // connected it.
    var expected = [Int64](repeating: 0, count: n * h * w * c)
    for s in 0..<n {
      for y in 0..<oh {
        for xx in 0..<ow {
          for j in 0..<o {
            for u in 0..<3 {
              for v in 0..<3 {
                let (iy, ix) = (y * stride + u - padding, xx * stride + v - padding)
                guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                for k in 0..<c {
                  expected[((s * h + iy) * w + ix) * c + k] +=
                    error[((s * oh + y) * ow + xx) * o + j] * weight(j, u, v, k)
                }
              }
            }
          }
        }
      }
    }
    let spread = ChannelLastKernels.spread(
      error, n: n, h: h, w: w, o: o, stride: stride, padding: padding)
    let errorPatches = ChannelLastKernels.patches(
      spread, n: n, h: h + 2, w: w + 2, c: o, stride: 1, padding: 0)
    let flipped = ChannelLastKernels.flipped(weights, outputs: o, channels: c)
    var viaPatches = [Int64](repeating: 0, count: n * h * w * c)
    for r in 0..<n * h * w {
      for k in 0..<c {
        for t in 0..<9 * o {
          viaPatches[r * c + k] += errorPatches[r * 9 * o + t] * flipped[k * 9 * o + t]
        }
      }
    }
    #expect(viaPatches == expected)
  }

  @Test func maxPoolTakesTheFirstMaximumAndRoutesBack() {
    let (n, h, w, c) = (2, 5, 4, 3)
    var input = Self.codes(n * h * w * c, stream: 4, span: 7)
    input[0] = 100
    input[c] = 100  // a tie in the first window of channel 0: the first one wins
    let pooled = ChannelLastKernels.maxPool(input, n: n, h: h, w: w, c: c)
    #expect(pooled.codes.count == n * 2 * 2 * c)
    #expect(pooled.sources[0] == 0)
    for s in 0..<n {
      for y in 0..<2 {
        for x in 0..<2 {
          for k in 0..<c {
            let window = [(0, 0), (0, 1), (1, 0), (1, 1)].map { d in
              ((s * h + 2 * y + d.0) * w + 2 * x + d.1) * c + k
            }
            let o = ((s * 2 + y) * 2 + x) * c + k
            #expect(pooled.codes[o] == window.map { input[$0] }.max())
            #expect(pooled.sources[o] == window.first { input[$0] == pooled.codes[o] })
          }
        }
      }
    }
    let error = (0..<pooled.codes.count).map { Int64($0 + 1) }
    let routed = ChannelLastKernels.route(error, sources: pooled.sources, inputCount: input.count)
    #expect(routed.reduce(0, +) == error.reduce(0, +))
    for (o, i) in pooled.sources.enumerated() { #expect(routed[i] == error[o]) }
    #expect(routed.count { $0 != 0 } == error.count)
  }
}
