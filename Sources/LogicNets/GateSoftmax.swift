/// Softmax over a neuron's 16 logits and its collapse to bilinear coefficients.
///
/// Everything here uses only IEEE-754 float operations in a fixed order (no C library, no
/// fused multiply-add), so training is reproducible bit for bit on any machine.
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
    let e = exp(w - SIMD16(repeating: w.largestLane))
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

  // Cody–Waite split of ln 2 and a degree-6 minimax polynomial for e^r on [−ln2/2, ln2/2]
  // (the classic single-precision coefficients); about 1 ulp.
  private static let ln2High: Float = 0.693_359_375
  private static let ln2Low: Float = -2.121_944_4e-4
  private static let log2e: Float = 1.442_695_04
  private static let roundingShift: Float = 12_582_912  // 1.5 · 2^23

  /// e^x for one value (lane 0 of the vector version, so scalar and vector paths agree).
  @inline(__always)
  static func exp(_ x: Float) -> Float { exp(SIMD16(repeating: x))[0] }

  /// e^x per lane, inputs clamped to [−87, 88] (so the smallest result is ≈ 1.6e-38, not 0).
  @inline(__always)
  static func exp(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let low = SIMD16<Float>(repeating: -87)
    let high = SIMD16<Float>(repeating: 88)
    let xc = x.replacing(with: low, where: x .< low).replacing(with: high, where: x .> high)
    let shifted = xc * log2e + roundingShift  // n rounded to nearest in the low mantissa bits
    let n = shifted - roundingShift
    let r = xc - n * ln2High - n * ln2Low
    var p: SIMD16<Float> = SIMD16(repeating: 1.987_569_15e-4)
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_59e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_12e-1
    p = p * (r * r) + r + 1
    let bits = unsafeBitCast(shifted, to: SIMD16<UInt32>.self) &- 0x4B40_0000 &+ 127
    let scale = unsafeBitCast(bits &<< 23, to: SIMD16<Float>.self)
    return p * scale
  }
}
