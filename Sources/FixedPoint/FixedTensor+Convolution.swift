extension FixedTensor {
  /// The 3×3 convolution (cross-correlation, as in every training framework) of an NCHW
  /// `input` `[N, C, H, W]` with `weights` `[O, C, 3, 3]` in `accumulator`, with zero
  /// `padding` on each border and `stride` in both directions.
  ///
  /// Output `[N, O, H', W']` with `H' = (H + 2·padding − 3) / stride + 1` (likewise `W'`),
  /// which must be at least 1. Output `[n, o, y, x]` adds its `C·9` terms
  /// `weights[o, c, u, v] · input[n, c, y·stride + u − padding, x·stride + v − padding]` in
  /// increasing `(c, u, v)` order (`c` slowest) starting from zero; a term in the padding is a
  /// zero product, which cannot overflow and is counted as an addition. The result has the
  /// accumulator's width and `Fa + Fb` fraction bits. With `threads > 1` blocks of output
  /// channels run concurrently; codes and counters do not depend on `threads`.
  public static func convolution3x3(
    _ input: FixedTensor, _ weights: FixedTensor, stride: Int = 1, padding: Int = 0,
    accumulator: Accumulator, path: AccumulatorKernelPath = .automatic, threads: Int = 1,
    events: inout AccumulatorEvents
  ) -> FixedTensor {
    precondition(input.rank == 4 && weights.rank == 4, "convolution of \(input.shape)")
    let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    let o = weights.shape[0]
    precondition(
      weights.shape == [o, c, 3, 3], "weights \(weights.shape) for \(c) input channels")
    precondition(stride >= 1 && padding >= 0, "stride \(stride), padding \(padding)")
    precondition(h + 2 * padding >= 3 && w + 2 * padding >= 3, "input \(input.shape) below 3×3")
    let outH = (h + 2 * padding - 3) / stride + 1
    let outW = (w + 2 * padding - 3) / stride + 1
    let geometry = ConvolutionGeometry(
      channels: c, height: h, width: w, outHeight: outH, outWidth: outW, stride: stride,
      padding: padding)
    let kernel = weights.reshaped([o, c * 9])
    var codes: [FixedArray] = []
    codes.reserveCapacity(n)
    for image in 0..<n {
      let columns = geometry.columns(input.row(image))
      let shape = ProductShape(m: o, k: c * 9, n: outH * outW, aRow: c * 9, aColumn: 1)
      codes.append(accumulate(kernel, columns, shape, accumulator, path, threads, &events))
    }
    let format = accumulator.format(
      fractionBits: input.format.fractionBits + weights.format.fractionBits)
    return FixedTensor(
      shape: [n, o, outH, outW], array: FixedArray(concatenating: codes, format: format))
  }
}

extension FixedTensor {
  /// The 3×3 patches of an NCHW `input` `[N, C, H, W]` as a matrix `[C·9, N·H'·W']` (sizes as
  /// in ``convolution3x3(_:_:stride:padding:accumulator:path:threads:events:)``): row
  /// `c·9 + u·3 + v`, column `(n·H' + y)·W' + x` holds
  /// `input[n, c, y·stride + u − padding, x·stride + v − padding]`, zero in the padding. The
  /// input's format must fit `Int64`.
  ///
  /// With it the training products are matrix products: `weights [O, C·9] · patches` is the
  /// convolution with outputs ordered `[O, N, H', W']`, and `errors [O, N·H'·W']` times
  /// `patchesᵀ` (``MatrixProductForm/aBTransposed``) is the weight gradient, each of its outputs
  /// adding its terms in increasing `(n, y, x)`.
  public static func patches3x3(_ input: FixedTensor, stride: Int = 1, padding: Int = 0)
    -> FixedTensor
  {
    precondition(input.rank == 4, "patches of \(input.shape)")
    let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
    precondition(stride >= 1 && padding >= 0, "stride \(stride), padding \(padding)")
    precondition(h + 2 * padding >= 3 && w + 2 * padding >= 3, "input \(input.shape) below 3×3")
    let geometry = ConvolutionGeometry(
      channels: c, height: h, width: w, outHeight: (h + 2 * padding - 3) / stride + 1,
      outWidth: (w + 2 * padding - 3) / stride + 1, stride: stride, padding: padding)
    let positions = geometry.outHeight * geometry.outWidth
    var out = [Int64](repeating: 0, count: c * 9 * n * positions)
    for image in 0..<n {
      let columns = geometry.columns(input.row(image)).int64Codes!
      for row in 0..<c * 9 {
        let target = row * n * positions + image * positions
        let source = row * positions
        for p in 0..<positions { out[target + p] = columns[source + p] }
      }
    }
    return FixedTensor(
      shape: [c * 9, n * positions],
      array: FixedArray(trustedStorage: .int64(out), format: input.format))
  }
}

/// The sizes of one 3×3 convolution, and its input rearranged as a matrix.
struct ConvolutionGeometry {
  let channels: Int
  let height: Int
  let width: Int
  let outHeight: Int
  let outWidth: Int
  let stride: Int
  let padding: Int

  /// The `[C·9, H'·W']` matrix whose row `c·9 + u·3 + v`, column `y·W' + x` holds
  /// `image[c, y·stride + u − padding, x·stride + v − padding]` (zero in the padding), for one
  /// `[C, H, W]` image whose codes fit `Int64`.
  func columns(_ image: FixedTensor) -> FixedTensor {
    guard let x = image.int64Codes else {
      preconditionFailure("accumulator operands must fit Int64: \(image.format)")
    }
    let positions = outHeight * outWidth
    var out = [Int64](repeating: 0, count: channels * 9 * positions)
    for c in 0..<channels {
      for u in 0..<3 {
        for v in 0..<3 {
          let row = (c * 9 + u * 3 + v) * positions
          for y in 0..<outHeight {
            let sy = y * stride + u - padding
            if sy < 0 || sy >= height { continue }
            for xo in 0..<outWidth {
              let sx = xo * stride + v - padding
              if sx < 0 || sx >= width { continue }
              out[row + y * outWidth + xo] = x[(c * height + sy) * width + sx]
            }
          }
        }
      }
    }
    return FixedTensor(
      shape: [channels * 9, positions],
      array: FixedArray(trustedStorage: .int64(out), format: image.format))
  }
}

extension FixedArray {
  /// The elements of `parts` one after another, all in `format`.
  init(concatenating parts: [FixedArray], format: FixedFormat) {
    switch Tier(format) {
    case .int64:
      self.init(trustedStorage: .int64(parts.flatMap { $0.int64Codes! }), format: format)
    case .int128:
      self.init(trustedStorage: .int128(parts.flatMap { $0.int128Words }), format: format)
    case .big:
      self.init(trustedStorage: .big(parts.flatMap { $0.codes }), format: format)
    }
  }
}
