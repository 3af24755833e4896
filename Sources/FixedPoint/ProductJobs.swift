import BitCore
import CFixedKernels

// One accumulator product split into contiguous blocks of output rows, one block per thread.
// Every output keeps its own fixed order of additions and each block counts its own events,
// so codes and counters do not depend on the number of threads.

/// The split of `rows` output rows into at most `threads` contiguous parts.
struct RowParts {
  let rows: Int
  let count: Int

  init(rows: Int, threads: Int) {
    self.rows = rows
    count = max(1, min(threads, rows))
  }

  /// The rows of part `part`.
  func range(_ part: Int) -> Range<Int> { rows * part / count..<rows * (part + 1) / count }

  /// Runs `body` for every part, concurrently when there are several.
  func run(_ body: @Sendable (Int, Range<Int>) -> Void) {
    ParallelFor.run(count, threads: count) { body($0, range($0)) }
  }
}

/// The Swift kernel over shared buffers; each part writes only its rows and its counters.
struct SwiftProductJob<W: KernelWord>: @unchecked Sendable {
  let a: UnsafePointer<Int64>
  let b: UnsafePointer<Int64>
  let out: UnsafeMutablePointer<W>
  let events: UnsafeMutablePointer<AccumulatorEvents>
  let shape: ProductShape
  let accumulator: Accumulator

  /// The codes of ``ProductShape`` (`m·n` words) and the counters of all parts.
  static func run(
    _ a: [Int64], _ b: [Int64], _ shape: ProductShape, _ accumulator: Accumulator,
    _ parts: RowParts, _ events: inout AccumulatorEvents
  ) -> [W] {
    var partEvents = [AccumulatorEvents](repeating: AccumulatorEvents(), count: parts.count)
    let out = [W](unsafeUninitializedCapacity: shape.m * shape.n) { out, count in
      a.withUnsafeBufferPointer { a in
        b.withUnsafeBufferPointer { b in
          partEvents.withUnsafeMutableBufferPointer { e in
            let job = SwiftProductJob(
              a: a.baseAddress!, b: b.baseAddress!, out: out.baseAddress!, events: e.baseAddress!,
              shape: shape, accumulator: accumulator)
            parts.run { job.run($0, $1) }
          }
        }
      }
      count = shape.m * shape.n
    }
    for e in partEvents { events.merge(e) }
    return out
  }

  func run(_ part: Int, _ rows: Range<Int>) {
    var adder = CheckedAdder<W>(accumulator)
    let local = ProductShape(
      m: rows.count, k: shape.k, n: shape.n, aRow: shape.aRow, aColumn: shape.aColumn)
    CheckedAccumulator.product(
      a + rows.lowerBound * shape.aRow, b, local, out + rows.lowerBound * shape.n, &adder)
    events[part] = adder.events(additions: local.additions)
  }
}

/// The C kernel over shared buffers; each part writes only its rows and its counters.
struct CProductJob: @unchecked Sendable {
  let path: Int32
  let a: UnsafePointer<Int32>
  let b: UnsafePointer<Int32>
  let out: UnsafeMutablePointer<Int64>
  let counters: UnsafeMutablePointer<cfk_events>
  let shape: ProductShape
  let accumulator: Accumulator
  let productBits: Int

  /// The codes of ``ProductShape`` (`m·n` codes) and the counters of all parts; operand codes
  /// must fit `Int32`, and products `productBits ≤ 63` signed bits. `b` is row-major
  /// `[k, n]`, or `[n, k]` when `bTransposed` (transposed while it is narrowed).
  static func run(
    _ path: Int32, _ a: [Int64], _ b: [Int64], bTransposed: Bool, _ shape: ProductShape,
    _ accumulator: Accumulator, productBits: Int, _ parts: RowParts,
    _ events: inout AccumulatorEvents
  ) -> [Int64] {
    var out = [Int64](repeating: 0, count: shape.m * shape.n)
    var counters = [cfk_events](
      repeating: cfk_events(overflows: 0, magnitude: 0), count: parts.count)
    let a32 = a.map { Int32(truncatingIfNeeded: $0) }
    let narrow = b.map { Int32(truncatingIfNeeded: $0) }
    let b32 =
      bTransposed ? FixedTensor.transposedCodes(narrow, rows: shape.n, columns: shape.k) : narrow
    a32.withUnsafeBufferPointer { a in
      b32.withUnsafeBufferPointer { b in
        out.withUnsafeMutableBufferPointer { o in
          counters.withUnsafeMutableBufferPointer { c in
            let job = CProductJob(
              path: path, a: a.baseAddress!, b: b.baseAddress!, out: o.baseAddress!,
              counters: c.baseAddress!, shape: shape, accumulator: accumulator,
              productBits: productBits)
            parts.run { job.run($0, $1) }
          }
        }
      }
    }
    var e = AccumulatorEvents()
    e.additions = shape.additions
    e.overflows = counters.reduce(0) { $0 + Int($1.overflows) }
    e.saturations = accumulator.overflow == .saturate ? e.overflows : 0
    let magnitude = counters.reduce(UInt64(0)) { $0 | $1.magnitude }
    e.maxBitLength = 65 - magnitude.leadingZeroBitCount
    events.merge(e)
    return out
  }

  func run(_ part: Int, _ rows: Range<Int>) {
    let status = cfk_matmul(
      path, a + rows.lowerBound * shape.aRow, shape.aRow, shape.aColumn, b, rows.count, shape.k,
      shape.n, Int32(accumulator.width), accumulator.overflow == .saturate ? 1 : 0,
      Int32(productBits), out + rows.lowerBound * shape.n, counters + part)
    precondition(status == 0, "out of memory in the accumulator kernel")
  }
}
