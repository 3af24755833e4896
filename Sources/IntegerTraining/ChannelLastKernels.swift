/// The data movement of the convolution and max-pool stages on channel-last codes
/// (`[N, H, W, C]`, sample-major): no arithmetic, so the products stay in the declared
/// accumulators of ``WAGEUBNNetwork``'s matrix products.
package enum ChannelLastKernels {
  /// The 3×3 patches of `input` `[n, h, w, c]` as a matrix `[n·h'·w', 9·c]`: row
  /// `(s·h' + y)·w' + x`, column `(u·3 + v)·c + k` holds
  /// `input[s, y·stride + u − padding, x·stride + v − padding, k]`, zero outside.
  package static func patches(
    _ input: [Int64], n: Int, h: Int, w: Int, c: Int, stride: Int, padding: Int
  ) -> [Int64] {
    let oh = (h + 2 * padding - 3) / stride + 1
    let ow = (w + 2 * padding - 3) / stride + 1
    let width = 9 * c
    var out = [Int64](repeating: 0, count: n * oh * ow * width)
    input.withUnsafeBufferPointer { source in
      out.withUnsafeMutableBufferPointer { target in
        for s in 0..<n {
          for y in 0..<oh {
            for x in 0..<ow {
              let row = ((s * oh + y) * ow + x) * width
              for u in 0..<3 {
                let iy = y * stride + u - padding
                guard iy >= 0 && iy < h else { continue }
                for v in 0..<3 {
                  let ix = x * stride + v - padding
                  guard ix >= 0 && ix < w else { continue }
                  let from = ((s * h + iy) * w + ix) * c
                  let to = row + (u * 3 + v) * c
                  for k in 0..<c { target[to + k] = source[from + k] }
                }
              }
            }
          }
        }
      }
    }
    return out
  }

  /// The error at a convolution's output `[n, h', w', o]` spread onto the grid whose 3×3
  /// stride-1 patches, times ``flipped(_:outputs:channels:)``, give the error at its input
  /// `[n, h, w, c]`: `[n, h + 2, w + 2, o]` with element `(y·stride + 2 − padding,
  /// x·stride + 2 − padding)` holding output error `(y, x)`, zero elsewhere.
  package static func spread(
    _ error: [Int64], n: Int, h: Int, w: Int, o: Int, stride: Int, padding: Int
  ) -> [Int64] {
    let oh = (h + 2 * padding - 3) / stride + 1
    let ow = (w + 2 * padding - 3) / stride + 1
    let (gh, gw) = (h + 2, w + 2)
    var out = [Int64](repeating: 0, count: n * gh * gw * o)
    for s in 0..<n {
      for y in 0..<oh {
        for x in 0..<ow {
          let from = ((s * oh + y) * ow + x) * o
          let to = ((s * gh + y * stride + 2 - padding) * gw + x * stride + 2 - padding) * o
          for k in 0..<o { out[to + k] = error[from + k] }
        }
      }
    }
    return out
  }

  /// Convolution weights `[o, 9·c]` rotated by 180° and transposed to `[c, 9·o]`: row `k`,
  /// column `(u·3 + v)·o + j` holds weight `[j, ((2 − u)·3 + 2 − v)·c + k]`.
  package static func flipped(_ weights: [Int64], outputs o: Int, channels c: Int) -> [Int64] {
    var out = [Int64](repeating: 0, count: c * 9 * o)
    for k in 0..<c {
      for u in 0..<3 {
        for v in 0..<3 {
          for j in 0..<o {
            out[(k * 9 + u * 3 + v) * o + j] = weights[j * 9 * c + ((2 - u) * 3 + 2 - v) * c + k]
          }
        }
      }
    }
    return out
  }

  /// 2×2 max-pool, stride 2, of `[n, h, w, c]`: the pooled codes `[n, h/2, w/2, c]` and, for
  /// each, the input index of its first largest element (in row-major window order).
  package static func maxPool(_ input: [Int64], n: Int, h: Int, w: Int, c: Int) -> (
    codes: [Int64], sources: [Int]
  ) {
    let (oh, ow) = (h / 2, w / 2)
    var codes = [Int64](repeating: 0, count: n * oh * ow * c)
    var sources = [Int](repeating: 0, count: codes.count)
    for s in 0..<n {
      for y in 0..<oh {
        for x in 0..<ow {
          for k in 0..<c {
            var best = ((s * h + 2 * y) * w + 2 * x) * c + k
            for (dy, dx) in [(0, 1), (1, 0), (1, 1)] {
              let i = ((s * h + 2 * y + dy) * w + 2 * x + dx) * c + k
              if input[i] > input[best] { best = i }
            }
            let o = ((s * oh + y) * ow + x) * c + k
            codes[o] = input[best]
            sources[o] = best
          }
        }
      }
    }
    return (codes, sources)
  }

  /// The max-pool's backward pass: each output error goes to its source, zero elsewhere.
  package static func route(_ error: [Int64], sources: [Int], inputCount: Int) -> [Int64] {
    var out = [Int64](repeating: 0, count: inputCount)
    for (o, i) in sources.enumerated() { out[i] = error[o] }
    return out
  }
}
