import TrainingCore

/// Softmax over a neuron's 16 logits and its collapse to bilinear coefficients.
///
/// Everything here uses only IEEE-754 float operations in a fixed order (no C library, no
/// fused multiply-add; e^x from ``BitCore/DeterministicMath``), so training is
/// reproducible bit for bit on any machine.
enum GateSoftmax {
  /// Column `k` of ``GateFunction/coefficients`` as one vector (lane = gate id).
  static let column0 = column(0)
  /// Coefficient of `a` per gate.
  static let column1 = column(1)
  /// Coefficient of `b` per gate.
  static let column2 = column(2)
  /// Coefficient of `a·b` per gate.
  static let column3 = column(3)

  private static func column(_ k: Int) -> SIMD16<Float> {
    var v = SIMD16<Float>()
    for g in 0..<16 {
      let c = GateFunction.coefficients[g]
      v[g] = [c.0, c.1, c.2, c.3][k]
    }
    return v
  }

  /// The softmax of 16 logits.
  @inline(__always)
  static func softmax(_ w: SIMD16<Float>) -> SIMD16<Float> {
    let e = DeterministicMath.exp(w - SIMD16(repeating: w.largestLane))
    return e / SIMD16(repeating: e.halvingSum)
  }

  /// The mixture's bilinear coefficients `(A, B, C, D)`: `Σ p_g · c_g`.
  @inline(__always)
  static func collapse(_ p: SIMD16<Float>) -> SIMD4<Float> {
    SIMD16.sums(p * column0, p * column1, p * column2, p * column3)
  }

  /// The gradient w.r.t. the 16 logits, given the softmax `p` and the gradient `s` w.r.t.
  /// the coefficients `(A, B, C, D)`: chain rule through the 16×4 table and the softmax.
  @inline(__always)
  static func logitGradient(_ p: SIMD16<Float>, coefficientGradient s: SIMD4<Float>)
    -> SIMD16<Float>
  {
    var dp = column0 * s[0]
    dp += column1 * s[1]
    dp += column2 * s[2]
    dp += column3 * s[3]
    return p * (dp - SIMD16(repeating: (p * dp).halvingSum))
  }
}
