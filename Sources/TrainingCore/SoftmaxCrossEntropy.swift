import Foundation

/// The classification head every family shares: softmax over class scores and the
/// cross-entropy with the true class.
///
/// ```
/// p_c = e^(z_c − max z) / Σ e^(z_k − max z)        loss = −ln max(p_label, least normal)
/// dL/dz_c = (p_c − [c = label]) · scale
/// ```
///
/// `scale` is usually 1 / batch size (the gradient of the batch-mean loss). Exponentials
/// come from ``DeterministicMath/exp(_:)-(Float)`` and sums run in class order, so the
/// gradient is the same on every machine; the loss (reported, never differentiated) uses
/// the C library's `log` in `Double`.
package enum SoftmaxCrossEntropy {
  /// Replaces the scores `z` of one sample by `dL/dz` and returns the sample's loss.
  @inlinable
  package static func apply(
    _ z: inout some MutableCollection<Float>, label: Int, scale: Float
  ) -> Double {
    let top = z.max()!
    var total: Float = 0
    for c in z.indices {
      z[c] = DeterministicMath.exp(z[c] - top)
      total += z[c]
    }
    var chosen: Float = 0
    for (k, c) in z.indices.enumerated() {
      if k == label { chosen = z[c] }
      let target: Float = k == label ? 1 : 0
      z[c] = (z[c] / total - target) * scale
    }
    return -log(Double(max(chosen / total, .leastNormalMagnitude)))
  }

  /// ``apply(_:label:scale:)`` on an array, compiled here for its buffer (the same operations
  /// in the same order), so that callers in other modules do not run the generic entry point.
  package static func apply(_ z: inout [Float], label: Int, scale: Float) -> Double {
    z.withUnsafeMutableBufferPointer { apply(&$0, label: label, scale: scale) }
  }
}
