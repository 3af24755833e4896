import TrainingCore

/// Computes a row-major matrix row by row on several threads: row `r` is written only by
/// `body(r, row)`, which runs on one thread in a fixed order, so the matrix is the same for
/// any thread count (the rows are then joined in order). Blocks of rows are kept in
/// ``TrainingCore/WorkerSlot``s, one per block.
enum RowParallel {
  /// A `count × width` matrix whose row `r` is filled by `body(r, row)` (zeros on entry).
  static func rows(
    _ count: Int, width: Int, threads: Int,
    _ body: @escaping @Sendable (Int, UnsafeMutableBufferPointer<Float>) -> Void
  ) async -> [Float] {
    let blocks = max(1, min(count, threads * 4))
    let slots = (0..<blocks).map { _ in WorkerSlot([Float]()) }
    await ParallelFor.run(blocks, threads: threads) { b in
      let low = count * b / blocks
      let high = count * (b + 1) / blocks
      var out = [Float](repeating: 0, count: (high - low) * width)
      out.withUnsafeMutableBufferPointer { buffer in
        for r in low..<high {
          let start = (r - low) * width
          body(r, UnsafeMutableBufferPointer(rebasing: buffer[start..<(start + width)]))
        }
      }
      slots[b].with { $0 = out }
    }
    var result: [Float] = []
    result.reserveCapacity(count * width)
    for slot in slots { slot.with { result += $0 } }
    return result
  }
}

/// The three products of a dense layer, each row owned by one thread and summed in a fixed
/// order (see ``RowParallel``).
enum DenseProducts {
  /// `z[s][o] = Σ_i w[o][i]·x[s][i]` (inputs in order, from 0). The weights are transposed
  /// first so the inner loop runs over neurons (vectorizable) while each sum still adds its
  /// terms in input order.
  static func forward(
    _ x: [Float], _ w: [Float], samples: Int, inputs: Int, outputs: Int, threads: Int
  ) async -> [Float] {
    var transposed = [Float](repeating: 0, count: w.count)
    for o in 0..<outputs {
      for i in 0..<inputs { transposed[i * outputs + o] = w[o * inputs + i] }
    }
    let wt = transposed
    return await RowParallel.rows(samples, width: outputs, threads: threads) { s, row in
      x.withUnsafeBufferPointer { xb in
        wt.withUnsafeBufferPointer { wb in
          let xs = s * inputs
          for i in 0..<inputs {
            let xi = xb[xs + i]
            let wi = i * outputs
            for o in 0..<outputs { row[o] += xi * wb[wi + o] }
          }
        }
      }
    }
  }

  /// `g[o][i] = Σ_s dz[s][o]·x[s][i]` (samples in order).
  static func weightGradient(
    _ dz: [Float], _ x: [Float], samples: Int, inputs: Int, outputs: Int, threads: Int
  ) async -> [Float] {
    await RowParallel.rows(outputs, width: inputs, threads: threads) { o, row in
      dz.withUnsafeBufferPointer { db in
        x.withUnsafeBufferPointer { xb in
          for s in 0..<samples {
            let d = db[s * outputs + o]
            let xs = s * inputs
            for i in 0..<inputs { row[i] += d * xb[xs + i] }
          }
        }
      }
    }
  }

  /// `dx[s][i] = Σ_o dz[s][o]·w[o][i]` (neurons in order).
  static func inputGradient(
    _ dz: [Float], _ w: [Float], samples: Int, inputs: Int, outputs: Int, threads: Int
  ) async -> [Float] {
    await RowParallel.rows(samples, width: inputs, threads: threads) { s, row in
      dz.withUnsafeBufferPointer { db in
        w.withUnsafeBufferPointer { wb in
          for o in 0..<outputs {
            let d = db[s * outputs + o]
            let wo = o * inputs
            for i in 0..<inputs { row[i] += d * wb[wo + i] }
          }
        }
      }
    }
  }
}
