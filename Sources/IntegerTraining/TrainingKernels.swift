import BitCore
import CFixedKernels
import FixedPoint

/// The training path's hot loops on `CFixedKernels`: the three products straight on the
/// accumulator kernel (no `FixedTensor` copies), the quantized Momentum update and constant
/// quantization. Each gives exactly the codes and counters of the Swift definition it
/// replaces (the tests compare them) and returns `nil` (or `false`) where it does not apply,
/// so the caller runs that definition. Work is split over `threads` in fixed parts whose
/// counters are merged in order, so nothing depends on the thread count.
enum TrainingKernels {
  /// Elements below which the elementwise kernels stay on the calling thread.
  static let parallelThreshold = 16_384

  /// The C id of a deterministic rounding mode (`nil` for stochastic rounding).
  static func roundingID(_ mode: RoundingMode) -> Int32? {
    switch mode {
    case .trn: return Int32(CFK_TRN)
    case .trnZero: return Int32(CFK_TRN_ZERO)
    case .rnd: return Int32(CFK_RND)
    case .rndZero: return Int32(CFK_RND_ZERO)
    case .rndMinInf: return Int32(CFK_RND_MIN_INF)
    case .rndInf: return Int32(CFK_RND_INF)
    case .rndConv: return Int32(CFK_RND_CONV)
    case .stochastic: return nil
    }
  }

  /// The signed bit length of an OR of `x ^ (x >> 63)` values (1 for 0).
  static func bitLength(_ magnitude: UInt64) -> Int { 65 - magnitude.leadingZeroBitCount }

  /// The codes narrowed to `Int32` (row-major `[rows, columns]`, transposed when asked) and
  /// the width ``WAGEUBNNetwork/tensor(_:_:)`` gives them (at least 2 bits); `nil` when a
  /// code needs more than 32 bits.
  static func narrowed(_ codes: [Int64], transposing rows: Int? = nil) -> ([Int32], Int)? {
    var magnitude: UInt64 = 0
    var out = [Int32](unsafeUninitializedCapacity: codes.count) { out, count in
      codes.withUnsafeBufferPointer { codes in
        if !codes.isEmpty {
          magnitude = cfk_narrow(codes.baseAddress!, codes.count, out.baseAddress!)
        }
      }
      count = codes.count
    }
    let width = max(2, bitLength(magnitude))
    guard width <= 32 else { return nil }
    if let rows, rows > 0 {
      let columns = codes.count / rows
      out = [Int32](unsafeUninitializedCapacity: codes.count) { transposed, count in
        out.withUnsafeBufferPointer { out in
          for r in 0..<rows {
            for c in 0..<columns { transposed[c * rows + r] = out[r * columns + c] }
          }
        }
        count = codes.count
      }
    }
    return (out, width)
  }

  /// The ``LayerProduct`` `kind` in `accumulator` on the C kernel, exactly as
  /// `FixedTensor.matrixProduct` computes it; `nil` where that takes another kernel (an
  /// accumulator over 63 bits, operands over 32 bits, products over 63 bits) or has nothing
  /// to add. The forward product runs as `W·aᵀ` (the same sums in the same order, so the
  /// same codes and counters) so that the activations, not the weights, are transposed.
  static func product(
    _ left: [Int64], _ right: [Int64], _ rows: Int, _ n: Int, _ m: Int, _ kind: LayerProduct,
    _ accumulator: Accumulator, _ threads: Int, _ events: inout AccumulatorEvents
  ) -> [Int64]? {
    guard accumulator.width <= 63, rows > 0, n > 0, m > 0 else { return nil }
    // (A, B, output rows, inner extent, output columns, A's strides)
    let a: ([Int32], Int)?
    let b: ([Int32], Int)?
    let shape: (m: Int, k: Int, n: Int, aRow: Int, aColumn: Int)
    switch kind {
    case .forward:
      (a, b) = (narrowed(right), narrowed(left, transposing: rows))
      shape = (m, n, rows, n, 1)
    case .error:
      (a, b) = (narrowed(left), narrowed(right))
      shape = (rows, m, n, m, 1)
    case .gradient:
      (a, b) = (narrowed(left), narrowed(right))
      shape = (m, rows, n, 1, m)
    }
    guard let (aCodes, aWidth) = a, let (bCodes, bWidth) = b, aWidth + bWidth <= 63 else {
      return nil
    }
    let parts = max(1, min(threads, shape.m))
    var counters = [cfk_events](repeating: cfk_events(overflows: 0, magnitude: 0), count: parts)
    // Every output is written by the kernel.
    var out = [Int64](unsafeUninitializedCapacity: shape.m * shape.n) { _, count in
      count = shape.m * shape.n
    }
    let path = cfk_best_path()
    let width = Int32(accumulator.width)
    let saturate: Int32 = accumulator.overflow == .saturate ? 1 : 0
    let productBits = Int32(aWidth + bWidth)
    aCodes.withUnsafeBufferPointer { aBuffer in
      bCodes.withUnsafeBufferPointer { bBuffer in
        out.withUnsafeMutableBufferPointer { outBuffer in
          counters.withUnsafeMutableBufferPointer { countBuffer in
            let job = ProductJob(
              a: aBuffer.baseAddress!, b: bBuffer.baseAddress!, out: outBuffer.baseAddress!,
              counters: countBuffer.baseAddress!)
            ParallelFor.run(parts, threads: parts) { part in
              let first = shape.m * part / parts
              let last = shape.m * (part + 1) / parts
              let status = cfk_matmul(
                path, job.a + first * shape.aRow, shape.aRow, shape.aColumn, job.b, last - first,
                shape.k, shape.n, width, saturate, productBits, job.out + first * shape.n,
                job.counters + part)
              precondition(status == 0, "out of memory in the accumulator kernel")
            }
          }
        }
      }
    }
    var e = AccumulatorEvents()
    e.additions = shape.m * shape.n * shape.k
    e.overflows = counters.reduce(0) { $0 + Int($1.overflows) }
    e.saturations = accumulator.overflow == .saturate ? e.overflows : 0
    e.maxBitLength = bitLength(counters.reduce(UInt64(0)) { $0 | $1.magnitude })
    events.merge(e)
    guard kind == .forward else { return out }
    // W·aᵀ is [m, rows]: the forward product is its transpose.
    return [Int64](unsafeUninitializedCapacity: out.count) { y, count in
      out.withUnsafeBufferPointer { o in
        for r in 0..<rows {
          for j in 0..<m { y[r * m + j] = o[j * rows + r] }
        }
      }
      count = out.count
    }
  }

  /// Shared buffers of one product; each part writes only its rows and its counters.
  struct ProductJob: @unchecked Sendable {
    let a: UnsafePointer<Int32>
    let b: UnsafePointer<Int32>
    let out: UnsafeMutablePointer<Int64>
    let counters: UnsafeMutablePointer<cfk_events>
  }

  /// Splits `count` elements into at most `threads` parts whose starts are multiples of 4
  /// (fewer when the tensor is small) and runs `body(part, range)` for each.
  static func splitRun(_ count: Int, threads: Int, _ body: @Sendable (Int, Range<Int>) -> Void)
    -> Int
  {
    let parts = count >= parallelThreshold ? max(1, threads) : 1
    let groups = (count + 3) / 4
    ParallelFor.run(parts, threads: parts) { part in
      let first = min(count, groups * part / parts * 4)
      let last = min(count, groups * (part + 1) / parts * 4)
      body(part, first..<last)
    }
    return parts
  }
}
