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
  /// C with AVX-512F (8 × 64-bit lanes).
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
    let out = accumulate(a, b, shape, accumulator, path, &events)
    return out[0]
  }

  /// The matrix product of `form` in `accumulator`: output `[i, j]` is `Σ_k A[i, k]·B[k, j]`
  /// (with the operands read transposed as `form` says), its terms added in increasing `k`
  /// starting from zero, every addition checked (see ``Accumulator``). The result is `[m, n]`
  /// with the accumulator's width and `Fa + Fb` fraction bits. Operand formats must fit
  /// `Int64`.
  public static func matrixProduct(
    _ a: FixedTensor, _ b: FixedTensor, form: MatrixProductForm = .aB,
    accumulator: Accumulator, path: AccumulatorKernelPath = .automatic,
    events: inout AccumulatorEvents
  ) -> FixedTensor {
    precondition(a.rank == 2 && b.rank == 2, "matrix product of \(a.shape) and \(b.shape)")
    let shape: ProductShape
    var right = b
    switch form {
    case .aB:
      shape = ProductShape(
        m: a.shape[0], k: a.shape[1], n: b.shape[1], aRow: a.shape[1], aColumn: 1)
    case .aTransposedB:
      shape = ProductShape(
        m: a.shape[1], k: a.shape[0], n: b.shape[1], aRow: 1, aColumn: a.shape[1])
    case .aBTransposed:
      right = b.transposed()
      shape = ProductShape(
        m: a.shape[0], k: a.shape[1], n: b.shape[0], aRow: a.shape[1], aColumn: 1)
    }
    precondition(right.shape[0] == shape.k, "inner extents differ: \(a.shape), \(b.shape), \(form)")
    let out = accumulate(a, right, shape, accumulator, path, &events)
    return FixedTensor(shape: [shape.m, shape.n], array: out)
  }

  /// The product of ``ProductShape`` over the codes of `a` and of `b` (row-major `[k, n]`).
  static func accumulate(
    _ a: FixedTensor, _ b: FixedTensor, _ shape: ProductShape, _ accumulator: Accumulator,
    _ path: AccumulatorKernelPath, _ events: inout AccumulatorEvents
  ) -> FixedArray {
    guard let aCodes = a.int64Codes, let bCodes = b.int64Codes else {
      preconditionFailure("accumulator operands must fit Int64: \(a.format), \(b.format)")
    }
    let format = accumulator.format(fractionBits: a.format.fractionBits + b.format.fractionBits)
    let productBits =
      a.format.width + b.format.width + (a.format.isSigned || b.format.isSigned ? 0 : 1)
    if let cPath = path.cPath, accumulator.width <= 63, productBits <= 63,
      a.format.fitsInt32, b.format.fitsInt32
    {
      var out = [Int64](repeating: 0, count: shape.m * shape.n)
      var counters = cfk_events(overflows: 0, magnitude: 0)
      let a32 = aCodes.map { Int32(truncatingIfNeeded: $0) }
      let b32 = bCodes.map { Int32(truncatingIfNeeded: $0) }
      let status = out.withUnsafeMutableBufferPointer { out in
        cfk_matmul(
          cPath, a32, shape.aRow, shape.aColumn, b32, shape.m, shape.k, shape.n,
          Int32(accumulator.width), accumulator.overflow == .saturate ? 1 : 0, out.baseAddress,
          &counters)
      }
      precondition(status == 0, "out of memory in the accumulator kernel")
      var e = AccumulatorEvents()
      e.additions = shape.additions
      e.overflows = Int(counters.overflows)
      e.saturations = accumulator.overflow == .saturate ? e.overflows : 0
      if e.additions > 0 { e.maxBitLength = 65 - counters.magnitude.leadingZeroBitCount }
      events.merge(e)
      return FixedArray(trustedStorage: .int64(out), format: format)
    }
    if accumulator.width <= 64 && productBits <= 64 {
      let out = run(aCodes, bCodes, shape, CheckedAdder<Int64>(accumulator), &events)
      return FixedArray(trustedStorage: .int64(out), format: format)
    }
    let wide = run(aCodes, bCodes, shape, CheckedAdder<Int128>(accumulator), &events)
    if format.fitsInt64 {
      return FixedArray(trustedStorage: .int64(wide.map { Int64($0) }), format: format)
    }
    return FixedArray(trustedStorage: .int128(wide), format: format)
  }

  private static func run<W: KernelWord>(
    _ a: [Int64], _ b: [Int64], _ shape: ProductShape, _ adder: CheckedAdder<W>,
    _ events: inout AccumulatorEvents
  ) -> [W] {
    var adder = adder
    let out = [W](unsafeUninitializedCapacity: shape.m * shape.n) { out, count in
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          CheckedAccumulator.product(a, b, shape, out, &adder)
        }
      }
      count = shape.m * shape.n
    }
    events.merge(adder.events(additions: shape.additions))
    return out
  }
}

extension FixedFormat {
  /// Whether every code fits an `Int32` (the operands the C accumulator kernels take).
  var fitsInt32: Bool { width + (isSigned ? 0 : 1) <= 32 }
}
