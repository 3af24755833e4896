/// The fused per-layer forward and backward passes of relaxed training, on one tile of
/// samples.
///
/// Layout: feature-major tiles. Row `j` of a buffer is one vector `V` holding neuron `j`'s
/// value for the tile's `V.scalarCount` samples, so a neuron's work is a few vector ops on
/// rows gathered by its two input indices. A neuron's softmax mixture is passed in collapsed
/// to `(A, B, C, D)`: `y = A + B·a + C·b + D·a·b`.
enum TileKernels {
  /// `output[j] = A_j + a·(B_j + D_j·b) + C_j·b` with `a = input[a_j]`, `b = input[b_j]`.
  @inline(__always)
  static func forward<V: TileVector>(
    input: UnsafeMutablePointer<V>, output: UnsafeMutablePointer<V>, count: Int,
    a: UnsafePointer<Int32>, b: UnsafePointer<Int32>, coefficients: UnsafePointer<SIMD4<Float>>
  ) {
    for j in 0..<count {
      let xa = input[Int(a[j])]
      let xb = input[Int(b[j])]
      let c = coefficients[j]
      output[j] = c[0] + xa * (c[1] + c[3] * xb) + c[2] * xb
    }
  }

  /// Backward through one layer: adds `Σ_samples (g, g·a, g·b, g·a·b)` of every neuron to
  /// `sums[j]` (the gradient w.r.t. its coefficients) and, when `inputGradient` is given,
  /// scatters `factor · g·∂y/∂a` and `factor · g·∂y/∂b` into the rows of its inputs (which
  /// the caller has zeroed). Neurons are visited in index order, so every sum has a fixed
  /// order.
  @inline(__always)
  static func backward<V: TileVector>(
    input: UnsafeMutablePointer<V>, outputGradient: UnsafeMutablePointer<V>, count: Int,
    a: UnsafePointer<Int32>, b: UnsafePointer<Int32>, coefficients: UnsafePointer<SIMD4<Float>>,
    sums: UnsafeMutablePointer<SIMD4<Float>>, inputGradient: UnsafeMutablePointer<V>?,
    factor: Float
  ) {
    for j in 0..<count {
      let ia = Int(a[j])
      let ib = Int(b[j])
      let xa = input[ia]
      let xb = input[ib]
      let g = outputGradient[j]
      let ga = g * xa
      let gb = g * xb
      sums[j] += V.sums(g, ga, gb, ga * xb)
      if let gIn = inputGradient {
        let c = coefficients[j] * factor
        gIn[ia] += g * (c[1] + c[3] * xb)
        gIn[ib] += g * (c[2] + c[3] * xa)
      }
    }
  }
}
