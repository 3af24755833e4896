/// Magnitude pruning of a trained net's dense layers (the training state): in each layer the
/// fraction `sparsity` of its weights with the smallest magnitude is pruned — set to zero in
/// the quantized weights and kept there by a mask while fine-tuning (``BnnTrainer`` resumes
/// the pruned state; the quantizer applies the mask). Documented in docs/binarized.md
/// ("Pruning").
extension BnnTrainingState {
  /// The state with every prunable dense layer pruned to at least `sparsity` (0…1) zero
  /// weights: the `⌈sparsity·count⌉` weights of smallest magnitude, ties to the lower index,
  /// where a weight that is already zero (quantized, or pruned before) has magnitude 0 and
  /// goes first. The magnitude of a non-zero weight is `|W|` of its latent weight (binary,
  /// TWN, int<K>), and for plinear the latent that makes it non-zero (P for +1, N for −1).
  /// Pruned latent weights and their Adam moments are set to 0. Complex layers and the
  /// convolutional front are left as they are.
  public func pruned(sparsity: Double) throws(BnnTrainingError) -> BnnTrainingState {
    guard sparsity.isFinite, sparsity >= 0, sparsity <= 1 else {
      throw .invalidOption("--sparsity must be in [0, 1], got \(sparsity)")
    }
    var result = self
    let quantized = quantizedLayers()
    for l in config.layers.indices {
      guard let count = config.prunableWeights(l) else { continue }
      let mode = config.layers[l].weights
      let layer = layers[l]
      let q = quantized[l].integers
      let magnitude: [Float] = (0..<count).map { k in
        if q[k] == 0 { return 0 }
        guard mode == .ternaryPlinear else { return abs(layer.latent[k]) }
        return q[k] > 0 ? layer.latent[k] : layer.latent[count + k]
      }
      let order = (0..<count).sorted { (magnitude[$0], $0) < (magnitude[$1], $1) }
      let k = min(count, Int((sparsity * Double(count)).rounded(.up)))
      var mask = layer.pruned ?? [Bool](repeating: false, count: count)
      for index in order.prefix(k) { mask[index] = true }
      var pruned = layer
      pruned.pruned = mask
      for index in 0..<count where mask[index] {
        for offset in stride(from: 0, to: mode.latentMatrices * count, by: count) {
          pruned.latent[index + offset] = 0
          pruned.m[index + offset] = 0
          pruned.v[index + offset] = 0
        }
      }
      result.layers[l] = pruned
    }
    return result
  }
}
