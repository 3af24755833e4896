import FixedPoint

/// The three products of a dense layer, as codes (exponents are the caller's).
enum LayerProduct {
  /// `y[b, o] = Σ_i a[b, i]·W[o, i]`.
  case forward
  /// `e_in[b, i] = Σ_o e[b, o]·W[o, i]`.
  case error
  /// `g[o, i] = Σ_b e[b, o]·a[b, i]`.
  case gradient
}

extension WAGEUBNNetwork {
  /// The product `kind` of `left` and `right` (shapes as ``LayerProduct`` says, with `rows`
  /// the batch, `n` the fan-in, `m` the fan-out). Integer mode: the declared `accumulator`
  /// (its events added to `events`); float mode: `Double` sums in the same order.
  func product(
    _ left: [Int64], _ right: [Int64], _ rows: Int, _ n: Int, _ m: Int, _ kind: LayerProduct,
    _ accumulator: Accumulator, _ threads: Int, _ events: inout AccumulatorEvents
  ) -> [Int64] {
    switch arithmetic {
    case .integer:
      if let out = TrainingKernels.product(
        left, right, rows, n, m, kind, accumulator, threads, &events)
      {
        return out
      }
      let out: FixedTensor
      switch kind {
      case .forward:
        out = FixedTensor.matrixProduct(
          Self.tensor(left, [rows, n]), Self.tensor(right, [m, n]), form: .aBTransposed,
          accumulator: accumulator, threads: threads, events: &events)
      case .error:
        out = FixedTensor.matrixProduct(
          Self.tensor(left, [rows, m]), Self.tensor(right, [m, n]), form: .aB,
          accumulator: accumulator, threads: threads, events: &events)
      case .gradient:
        out = FixedTensor.matrixProduct(
          Self.tensor(left, [rows, m]), Self.tensor(right, [rows, n]), form: .aTransposedB,
          accumulator: accumulator, threads: threads, events: &events)
      }
      guard let codes = out.int64Codes else {
        preconditionFailure("accumulators are at most 64 bits")
      }
      return codes
    case .floatReference:
      return Self.doubleProduct(left, right, rows, n, m, kind)
    }
  }

  /// Codes as a rank-2 tensor of a signed format just wide enough (fraction bits 0).
  static func tensor(_ codes: [Int64], _ shape: [Int]) -> FixedTensor {
    var widest = 2
    for c in codes { widest = max(widest, IntegerRounding.signedBitLength(c)) }
    return FixedTensor(
      shape: shape, codes: codes, format: FixedFormat(signed: true, width: widest, fractionBits: 0))
  }

  /// The float reference's products: each output a `Double` sum over the reduced index in
  /// increasing order (exact while the sums stay below 2^53, as they do for 8-bit codes;
  /// rounded to the nearest code otherwise). Every product is an `axpy` over a contiguous row
  /// (the forward product reads `W` transposed), so the loops vectorize.
  static func doubleProduct(
    _ left: [Int64], _ right: [Int64], _ rows: Int, _ n: Int, _ m: Int, _ kind: LayerProduct
  ) -> [Int64] {
    let a = left.map { Double($0) }
    var b = right.map { Double($0) }
    // forward: out[r, o] += a[r, i]·Wᵀ[i, o]; error: out[r, i] += e[r, o]·W[o, i];
    // gradient: out[o, i] += e[r, o]·a[r, i].
    let (outer, middle, width, outCount): (Int, Int, Int, Int)
    switch kind {
    case .forward:
      b = (0..<n * m).map { b[($0 % m) * n + $0 / m] }
      (outer, middle, width, outCount) = (rows, n, m, rows * m)
    case .error: (outer, middle, width, outCount) = (rows, m, n, rows * n)
    case .gradient: (outer, middle, width, outCount) = (rows, m, n, m * n)
    }
    var out = [Double](repeating: 0, count: outCount)
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        out.withUnsafeMutableBufferPointer { out in
          for r in 0..<outer {
            for j in 0..<middle {
              let x = a[r * middle + j]
              if x == 0 { continue }
              let source = kind == .gradient ? r * n : j * width
              let target = kind == .gradient ? j * n : r * width
              for k in 0..<width { out[target + k] += x * b[source + k] }
            }
          }
        }
      }
    }
    return out.map { Int64($0.rounded(.toNearestOrEven)) }
  }
}
