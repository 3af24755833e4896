import BitCore
import TrainingCore

extension BnnLayerState {
  /// Adam on the latent weights, γ and β (`gradient` laid out like the moments), then the
  /// latent clip. Every element is updated alone (``TrainingCore/AdamOptimizer``), so
  /// splitting the rows across `threads` changes no bit.
  mutating func adamStep(
    gradient: [Float], mode: TrainingWeights, adam: AdamOptimizer,
    scalars: (stepSize: Float, correction2: Float), threads: Int
  ) {
    let (latentCount, n) = (latent.count, gamma.count)
    precondition(gradient.count == latentCount + 2 * n, "a gradient laid out like the moments")
    // Moved out of the layer (left empty meanwhile), so they are updated in place.
    var rows = [latent, gamma, beta]
    var (mm, vv) = (m, v)
    (latent, gamma, beta, m, v) = ([], [], [], [], [])
    mm.withUnsafeMutableBufferPointer { m in
      vv.withUnsafeMutableBufferPointer { v in
        gradient.withUnsafeBufferPointer { g in
          var offset = 0
          for r in rows.indices {
            rows[r].withUnsafeMutableBufferPointer { w in
              let range = offset..<(offset + w.count)
              let job = AdamJob(
                w: w, m: UnsafeMutableBufferPointer(rebasing: m[range]),
                v: UnsafeMutableBufferPointer(rebasing: v[range]),
                g: UnsafeBufferPointer(rebasing: g[range]), adam: adam, scalars: scalars)
              let parts = w.count < AdamJob.parallelCount ? 1 : max(1, threads)
              ParallelFor.run(parts, threads: parts) { job.run(part: $0, of: parts) }
              offset = range.upperBound
            }
          }
        }
      }
    }
    (latent, gamma, beta, m, v) = (rows[0], rows[1], rows[2], mm, vv)
    WeightQuantizer.clip(&latent, mode: mode)
  }
}

/// Adam over shared rows: each part updates only its own slice.
private struct AdamJob: @unchecked Sendable {
  let w: UnsafeMutableBufferPointer<Float>
  let m: UnsafeMutableBufferPointer<Float>
  let v: UnsafeMutableBufferPointer<Float>
  let g: UnsafeBufferPointer<Float>
  let adam: AdamOptimizer
  let scalars: (stepSize: Float, correction2: Float)

  /// Below this many parameters the update runs on the calling thread only.
  static let parallelCount = 1 << 14

  /// Updates part `p` of `parts` (slices of whole 16-element blocks).
  func run(part p: Int, of parts: Int) {
    let blocks = (w.count + 15) / 16
    let range =
      min(w.count, 16 * (blocks * p / parts))..<min(w.count, 16 * (blocks * (p + 1) / parts))
    adam.update(
      UnsafeMutableBufferPointer(rebasing: w[range]),
      m: UnsafeMutableBufferPointer(rebasing: m[range]),
      v: UnsafeMutableBufferPointer(rebasing: v[range]),
      gradient: UnsafeBufferPointer(rebasing: g[range]), scalars: scalars)
  }
}
