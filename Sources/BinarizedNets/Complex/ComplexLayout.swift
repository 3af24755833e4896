/// Where a complex layer's weights sit in its real form (plinear's PLinear_Complex as a real
/// ternary layer). A complex layer of `n` complex inputs and `h` complex outputs (`N = 2h`
/// real outputs: the `h` real parts, then the `h` imaginary parts) computes
/// `Re' = A·Re − B·Im` and `Im' = A·Im + B·Re` with ternary `h × n` matrices A and B, so on
/// the real vector `[Re; Im]` it is the `N × 2n` ternary layer `[[A, −B], [B, A]]`; on a real
/// input (`Im = 0`, `n` = the fan-in) it is the `N × n` layer `[A; B]`.
///
/// A and B are each posNet − negNet (`[P > 0] − [N > 0]`, as `plinear`), so the compact
/// latent weights are four `h × n` matrices `[PA; PB]` then `[NA; NB]`. Their real form is
/// the latent weights of a plinear layer of the real shape: an entry of A copies (PA, NA),
/// of B (PB, NB), of −B the swapped pair (NB, PB). Training runs that plinear layer on the
/// copies and sums the gradients of each compact weight over its copies (weight tying).
struct ComplexLayout: Sendable {
  /// For each latent weight of the real form (P, then N: `2·outputs·inputs` entries), the
  /// compact latent weight it copies.
  let source: [Int]

  /// The layout of a complex layer with `outputs` real outputs (even) and `inputs` real
  /// inputs (even when `complexInput`).
  init(outputs: Int, inputs: Int, complexInput: Bool) {
    let count = outputs * inputs
    guard complexInput else {
      source = Array(0..<(2 * count))
      return
    }
    let (h, n) = (outputs / 2, inputs / 2)
    let negative = outputs * n  // offset of NA, NB in the compact latent
    var p = [Int](repeating: 0, count: count)
    var q = [Int](repeating: 0, count: count)
    for r in 0..<h {
      for c in 0..<n {
        let a = r * n + c
        let b = (h + r) * n + c
        // [Re' row r] reads Re (A) and Im (−B); [Im' row r] reads Re (B) and Im (A).
        (p[r * inputs + c], q[r * inputs + c]) = (a, negative + a)
        (p[r * inputs + n + c], q[r * inputs + n + c]) = (negative + b, b)
        (p[(h + r) * inputs + c], q[(h + r) * inputs + c]) = (b, negative + b)
        (p[(h + r) * inputs + n + c], q[(h + r) * inputs + n + c]) = (a, negative + a)
      }
    }
    source = p + q
  }

  /// The real form's latent weights.
  func expand(_ compact: [Float]) -> [Float] { source.map { compact[$0] } }

  /// The gradient of the compact latent weights (`compactCount` of them) from that of the
  /// real form's: each compact weight's copies summed in the real form's order.
  func fold(_ gradient: ArraySlice<Float>, compactCount: Int) -> [Float] {
    var out = [Float](repeating: 0, count: compactCount)
    for (k, g) in zip(source, gradient) { out[k] += g }
    return out
  }
}

extension TrainingWeights {
  /// Whether the layer is complex.
  public var isComplex: Bool {
    if case .complex = self { return true }
    return false
  }

  /// The mode of the real (dense) form: plinear for a complex layer, else itself.
  var denseMode: TrainingWeights { isComplex ? .ternaryPlinear : self }
}

extension BnnTrainingState {
  /// Dense layer `l`'s latent weights in its real form (expanded for a complex layer).
  func denseLatent(layer l: Int) -> [Float] {
    guard case .complex(let complexInput) = config.layers[l].weights else {
      return layers[l].latent
    }
    return ComplexLayout(
      outputs: config.layers[l].outputs, inputs: config.fanIn(l), complexInput: complexInput
    ).expand(layers[l].latent)
  }
}

extension BnnTrainingConfig {
  /// Complex layers are dense, have an even number of outputs, and their input is complex
  /// exactly when the previous dense layer is complex.
  func validateComplex() throws(BnnTrainingError) {
    if features.contains(where: { $0.weights?.isComplex ?? false }) {
      throw .invalidOption("--layers: complex layers are dense layers only")
    }
    for (l, layer) in layers.enumerated() {
      guard case .complex(let complexInput) = layer.weights else { continue }
      guard layer.outputs % 2 == 0 else {
        throw .invalidOption(
          "--layers: complex:\(layer.outputs) needs an even count (real parts, then "
            + "imaginary parts)")
      }
      guard complexInput == (l > 0 && layers[l - 1].weights.isComplex) else {
        throw .invalidOption(
          "--layers: layer \(l): a complex layer's input is complex exactly after another "
            + "complex layer")
      }
    }
  }
}
