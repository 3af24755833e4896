import CFixedKernels

/// Which implementation runs the accumulator kernels. Every path gives the same codes and
/// counters (the tests compare them); a C path that cannot take the operands (an accumulator
/// over 63 bits, a product over 63 bits, or operand codes over 32 bits) runs the Swift kernel.
public enum AccumulatorKernelPath: String, CaseIterable, Sendable {
  /// The fastest available C path when it applies, else the Swift kernel.
  case automatic
  /// The Swift kernel (`Int64` words, or `Int128` when the accumulator or the products need
  /// more than 64 bits): the definition the C paths are tested against.
  case swift
  /// Plain C.
  case portableC = "portable-c"
  /// C with AVX2 (4 × 64-bit lanes).
  case avx2
  /// C with AVX-512F: 16 × 32-bit lanes when the accumulator and the products fit 31 bits
  /// (or the accumulator has 32 bits and the products fit them), else 8 × 64-bit lanes.
  case avx512

  /// Whether this CPU can run the path.
  public var isAvailable: Bool {
    switch self {
    case .automatic, .swift, .portableC: return true
    case .avx2: return cfk_path_available(Int32(CFK_AVX2)) != 0
    case .avx512: return cfk_path_available(Int32(CFK_AVX512)) != 0
    }
  }

  /// The C kernel id, or `nil` for the Swift kernel.
  var cPath: Int32? {
    switch self {
    case .automatic: return cfk_best_path()
    case .swift: return nil
    case .portableC: return Int32(CFK_PORTABLE)
    case .avx2: return isAvailable ? Int32(CFK_AVX2) : nil
    case .avx512: return isAvailable ? Int32(CFK_AVX512) : nil
    }
  }
}

/// Which operands of ``FixedTensor/matrixProduct(_:_:form:accumulator:path:events:)`` are
/// transposed: training needs all three (forward, weight gradient, back-propagated error).
public enum MatrixProductForm: Sendable, CaseIterable {
  /// `A·B`: `A` is `[m, k]`, `B` is `[k, n]`.
  case aB
  /// `Aᵀ·B`: `A` is `[k, m]`, `B` is `[k, n]`.
  case aTransposedB
  /// `A·Bᵀ`: `A` is `[m, k]`, `B` is `[n, k]`.
  case aBTransposed
}

extension FixedTensor {
  /// `Σ_k a[k]·b[k]` over two rank-1 tensors of equal length in `accumulator`, terms added in
  /// increasing `k` from zero; the result has the accumulator's width and `Fa + Fb` fraction
  /// bits. Operand formats must fit `Int64`.
  public static func dot(
    _ a: FixedTensor, _ b: FixedTensor, accumulator: Accumulator,
    path: AccumulatorKernelPath = .automatic, events: inout AccumulatorEvents
  ) -> Fixed {
    precondition(a.rank == 1 && b.rank == 1 && a.count == b.count, "dot of \(a.shape), \(b.shape)")
    let shape = ProductShape(m: 1, k: a.count, n: 1, aRow: 0, aColumn: 1)
    let out = accumulate(a, b, shape, accumulator, path, 1, &events)
    return out[0]
  }

  /// The matrix product of `form` in `accumulator`: output `[i, j]` is `Σ_k A[i, k]·B[k, j]`
  /// (with the operands read transposed as `form` says), its terms added in increasing `k`
  /// starting from zero, every addition checked (see ``Accumulator``). The result is `[m, n]`
  /// with the accumulator's width and `Fa + Fb` fraction bits. Operand formats must fit
  /// `Int64`. With `threads > 1` blocks of output rows run concurrently; codes and counters do
  /// not depend on `threads`.
  public static func matrixProduct(
    _ a: FixedTensor, _ b: FixedTensor, form: MatrixProductForm = .aB,
    accumulator: Accumulator, path: AccumulatorKernelPath = .automatic, threads: Int = 1,
    events: inout AccumulatorEvents
  ) -> FixedTensor {
    precondition(a.rank == 2 && b.rank == 2, "matrix product of \(a.shape) and \(b.shape)")
    let shape: ProductShape
    switch form {
    case .aB:
      shape = ProductShape(
        m: a.shape[0], k: a.shape[1], n: b.shape[1], aRow: a.shape[1], aColumn: 1)
    case .aTransposedB:
      shape = ProductShape(
        m: a.shape[1], k: a.shape[0], n: b.shape[1], aRow: 1, aColumn: a.shape[1])
    case .aBTransposed:
      shape = ProductShape(
        m: a.shape[0], k: a.shape[1], n: b.shape[0], aRow: a.shape[1], aColumn: 1)
    }
    let inner = form == .aBTransposed ? b.shape[1] : b.shape[0]
    precondition(inner == shape.k, "inner extents differ: \(a.shape), \(b.shape), \(form)")
    let out = accumulate(
      a, b, bTransposed: form == .aBTransposed, shape, accumulator, path, threads, &events)
    return FixedTensor(shape: [shape.m, shape.n], array: out)
  }

  /// The product of ``ProductShape`` over the codes of `a` and of `b` (row-major `[k, n]`, or
  /// `[n, k]` when `bTransposed`), its output rows split over `threads`.
  static func accumulate(
    _ a: FixedTensor, _ b: FixedTensor, bTransposed: Bool = false, _ shape: ProductShape,
    _ accumulator: Accumulator, _ path: AccumulatorKernelPath, _ threads: Int,
    _ events: inout AccumulatorEvents
  ) -> FixedArray {
    guard let aCodes = a.int64Codes, var bCodes = b.int64Codes else {
      preconditionFailure("accumulator operands must fit Int64: \(a.format), \(b.format)")
    }
    let format = accumulator.format(fractionBits: a.format.fractionBits + b.format.fractionBits)
    // Nothing to add: every output is the accumulator's initial zero.
    if shape.additions == 0 { return FixedArray(zeros: shape.m * shape.n, format: format) }
    let parts = RowParts(rows: shape.m, threads: threads)
    let productBits =
      a.format.width + b.format.width + (a.format.isSigned || b.format.isSigned ? 0 : 1)
    if let cPath = path.cPath, accumulator.width <= 63, productBits <= 63,
      a.format.fitsInt32, b.format.fitsInt32
    {
      let out = CProductJob.run(
        cPath, aCodes, bCodes, bTransposed: bTransposed, shape, accumulator,
        productBits: productBits, parts, &events)
      return FixedArray(trustedStorage: .int64(out), format: format)
    }
    if bTransposed { bCodes = Self.transposedCodes(bCodes, rows: shape.n, columns: shape.k) }
    if accumulator.width <= 64 && productBits <= 64 {
      let out: [Int64] = SwiftProductJob.run(aCodes, bCodes, shape, accumulator, parts, &events)
      return FixedArray(trustedStorage: .int64(out), format: format)
    }
    let wide: [Int128] = SwiftProductJob.run(aCodes, bCodes, shape, accumulator, parts, &events)
    if format.fitsInt64 {
      return FixedArray(trustedStorage: .int64(wide.map { Int64($0) }), format: format)
    }
    return FixedArray(trustedStorage: .int128(wide), format: format)
  }
}

extension FixedTensor {
  /// The row-major `[columns, rows]` transpose of row-major `[rows, columns]` codes.
  static func transposedCodes<T>(_ codes: [T], rows: Int, columns: Int) -> [T] {
    [T](unsafeUninitializedCapacity: codes.count) { out, count in
      codes.withUnsafeBufferPointer { codes in
        for r in 0..<rows {
          for c in 0..<columns {
            (out.baseAddress! + c * rows + r).initialize(to: codes[r * columns + c])
          }
        }
      }
      count = codes.count
    }
  }
}

extension FixedFormat {
  /// Whether every code fits an `Int32` (the operands the C accumulator kernels take).
  var fitsInt32: Bool { width + (isSigned ? 0 : 1) <= 32 }
}
