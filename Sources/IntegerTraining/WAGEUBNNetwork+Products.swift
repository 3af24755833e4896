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
  /// the batch, `n` the fan-in, `m` the fan-out). Integer mode: the declared accumulator of
  /// `plan` (its events added to `events`); float mode: `Double` sums in the same order.
  func product(
    _ left: [Int64], _ right: [Int64], _ rows: Int, _ n: Int, _ m: Int, _ kind: LayerProduct,
    _ plan: AccumulatorPlan, _ threads: Int, _ events: inout AccumulatorEvents
  ) -> [Int64] {
    switch arithmetic {
    case .integer:
      let out: FixedTensor
      switch kind {
      case .forward:
        out = FixedTensor.matrixProduct(
          Self.tensor(left, [rows, n]), Self.tensor(right, [m, n]), form: .aBTransposed,
          accumulator: plan.forward, threads: threads, events: &events)
      case .error:
        out = FixedTensor.matrixProduct(
          Self.tensor(left, [rows, m]), Self.tensor(right, [m, n]), form: .aB,
          accumulator: plan.error, threads: threads, events: &events)
      case .gradient:
        out = FixedTensor.matrixProduct(
          Self.tensor(left, [rows, m]), Self.tensor(right, [rows, n]), form: .aTransposedB,
          accumulator: plan.gradient, threads: threads, events: &events)
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
  /// rounded to the nearest code otherwise).
  static func doubleProduct(
    _ left: [Int64], _ right: [Int64], _ rows: Int, _ n: Int, _ m: Int, _ kind: LayerProduct
  ) -> [Int64] {
    let a = left.map { Double($0) }
    let b = right.map { Double($0) }
    var out: [Double]
    switch kind {
    case .forward:
      out = [Double](repeating: 0, count: rows * m)
      for r in 0..<rows {
        for o in 0..<m {
          var s = 0.0
          for i in 0..<n { s += a[r * n + i] * b[o * n + i] }
          out[r * m + o] = s
        }
      }
    case .error:
      out = [Double](repeating: 0, count: rows * n)
      for r in 0..<rows {
        for o in 0..<m {
          let e = a[r * m + o]
          if e == 0 { continue }
          for i in 0..<n { out[r * n + i] += e * b[o * n + i] }
        }
      }
    case .gradient:
      out = [Double](repeating: 0, count: m * n)
      for r in 0..<rows {
        for o in 0..<m {
          let e = a[r * m + o]
          if e == 0 { continue }
          for i in 0..<n { out[o * n + i] += e * b[r * n + i] }
        }
      }
    }
    return out.map { Int64($0.rounded(.toNearestOrEven)) }
  }
}
