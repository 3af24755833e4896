import BitCore
import CFloatKernels

/// The three products of a dense layer on the float kernels of `CFloatKernels`: every output
/// element is one sum whose terms are added in a fixed order (stated per product), each
/// product rounded before it is added (no fused multiply-add). The kernels' vector lanes run
/// across output elements, never across a sum, and threads split the output into blocks, so
/// the results are the same bits for any thread count and on every CPU path.
enum DenseProducts {
  /// `z[s][o] = Σ_i w[o][i]·x[s][i]` (inputs in order, from 0).
  static func forward(
    _ x: [Float], _ w: [Float], samples: Int, inputs: Int, outputs: Int, threads: Int,
    path: FloatKernelPath = .automatic
  ) -> [Float] {
    // Transposed (`inputs × outputs`), so the kernel's lanes run over neurons.
    let wt = transposed(w, rows: outputs, columns: inputs)
    let shape = FloatProductShape(m: samples, k: inputs, n: outputs, aRow: inputs, aColumn: 1)
    return FloatProductJob.run(x, wt, shape, threads: threads, path: path)
  }

  /// The `columns × rows` transpose of a row-major `rows × columns` matrix, in 16 × 16
  /// blocks.
  static func transposed(_ w: [Float], rows: Int, columns: Int) -> [Float] {
    precondition(w.count == rows * columns, "a rows × columns matrix")
    let block = 16
    return w.withUnsafeBufferPointer { w in
      [Float](unsafeUninitializedCapacity: w.count) { out, count in
        for r0 in stride(from: 0, to: rows, by: block) {
          for c0 in stride(from: 0, to: columns, by: block) {
            for r in r0..<min(r0 + block, rows) {
              for c in c0..<min(c0 + block, columns) { out[c * rows + r] = w[r * columns + c] }
            }
          }
        }
        count = w.count
      }
    }
  }

  /// `g[o][i] = Σ_s dz[s][o]·x[s][i]` (samples in order).
  static func weightGradient(
    _ dz: [Float], _ x: [Float], samples: Int, inputs: Int, outputs: Int, threads: Int,
    path: FloatKernelPath = .automatic
  ) -> [Float] {
    let shape = FloatProductShape(m: outputs, k: samples, n: inputs, aRow: 1, aColumn: outputs)
    return FloatProductJob.run(dz, x, shape, threads: threads, path: path)
  }

  /// `dx[s][i] = Σ_o dz[s][o]·w[o][i]` (neurons in order).
  static func inputGradient(
    _ dz: [Float], _ w: [Float], samples: Int, inputs: Int, outputs: Int, threads: Int,
    path: FloatKernelPath = .automatic
  ) -> [Float] {
    let shape = FloatProductShape(m: samples, k: outputs, n: inputs, aRow: outputs, aColumn: 1)
    return FloatProductJob.run(dz, w, shape, threads: threads, path: path)
  }
}

/// Which implementation of `CFloatKernels` runs the products; all give the same bits.
enum FloatKernelPath: CaseIterable, Sendable {
  /// The fastest path this CPU runs.
  case automatic
  /// Plain C.
  case portable
  /// AVX2 (8 lanes).
  case avx2
  /// AVX-512F (16 lanes).
  case avx512

  /// The C path id, or `nil` when this CPU cannot run the path.
  var id: Int32? {
    switch self {
    case .automatic: return cfloat_best_path()
    case .portable: return Int32(CFLOAT_PORTABLE)
    case .avx2: return cfloat_path_available(Int32(CFLOAT_AVX2)) != 0 ? Int32(CFLOAT_AVX2) : nil
    case .avx512:
      return cfloat_path_available(Int32(CFLOAT_AVX512)) != 0 ? Int32(CFLOAT_AVX512) : nil
    }
  }
}

/// `out[i][j] = Σ_k a(i, k)·b[k][j]` for `i < m`, `j < n`, where `a(i, k) = a[i·aRow +
/// k·aColumn]` and `b` is `k × n` row-major.
struct FloatProductShape {
  let m: Int
  let k: Int
  let n: Int
  let aRow: Int
  let aColumn: Int
}

/// One product on shared buffers: each part writes only its own block of the output.
struct FloatProductJob: @unchecked Sendable {
  let path: Int32
  let a: UnsafePointer<Float>
  let b: UnsafePointer<Float>
  let out: UnsafeMutablePointer<Float>
  let shape: FloatProductShape
  /// Whether the parts split the rows (else the columns).
  let byRows: Bool
  let parts: Int

  /// Below this many multiply-adds a product runs on the calling thread only.
  static let parallelWork = 1 << 15

  /// The `m × n` output of `shape` (a path this CPU cannot run falls back to the portable
  /// one).
  static func run(
    _ a: [Float], _ b: [Float], _ shape: FloatProductShape, threads: Int, path: FloatKernelPath
  ) -> [Float] {
    var out = [Float](repeating: 0, count: shape.m * shape.n)
    let work = shape.m * shape.n * shape.k
    let parts = work < parallelWork ? 1 : max(1, threads)
    // Rows when there are enough for whole tiles on every part, else columns.
    let byRows = shape.m >= 16 * parts || shape.m >= shape.n
    a.withUnsafeBufferPointer { a in
      b.withUnsafeBufferPointer { b in
        out.withUnsafeMutableBufferPointer { o in
          guard let ap = a.baseAddress, let bp = b.baseAddress, let op = o.baseAddress else {
            return
          }
          let job = FloatProductJob(
            path: path.id ?? Int32(CFLOAT_PORTABLE), a: ap, b: bp, out: op, shape: shape,
            byRows: byRows, parts: parts)
          ParallelFor.run(parts, threads: parts) { job.run(part: $0) }
        }
      }
    }
    return out
  }

  /// Computes part `p`'s block.
  func run(part p: Int) {
    let s = shape
    if byRows {
      let rows = (s.m * p / parts)..<(s.m * (p + 1) / parts)
      cfloat_matmul(
        path, a + rows.lowerBound * s.aRow, s.aRow, s.aColumn, b, s.n, rows.count, s.k, s.n,
        out + rows.lowerBound * s.n, s.n)
    } else {
      let columns = (s.n * p / parts)..<(s.n * (p + 1) / parts)
      cfloat_matmul(
        path, a, s.aRow, s.aColumn, b + columns.lowerBound, s.n, s.m, s.k, columns.count,
        out + columns.lowerBound, s.n)
    }
  }
}
