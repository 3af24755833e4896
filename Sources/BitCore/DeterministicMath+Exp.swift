/// The exponential training needs (softmax heads), written with IEEE-754 single-precision
/// operations in a fixed order (no C library, no fused multiply-add), so every machine
/// computes the same bits.
extension DeterministicMath {
  /// e^x per lane, inputs clamped to [−87, 88] (so the smallest result is ≈ 1.6e-38, not 0);
  /// about 1 ulp.
  ///
  /// Cody–Waite reduction by ln 2 (split in a high and a low part) and a degree-6 minimax
  /// polynomial for e^r on [−ln2/2, ln2/2] (the classic single-precision coefficients); the
  /// power of two is built in the exponent bits.
  @inlinable
  public static func exp(_ x: SIMD16<Float>) -> SIMD16<Float> {
    let ln2High: Float = 0.693_359_375
    let ln2Low: Float = -2.121_944_4e-4
    let log2e: Float = 1.442_695_04
    let roundingShift: Float = 12_582_912  // 1.5 · 2^23
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

  /// e^x for one value (lane 0 of the vector version, so scalar and vector paths agree).
  @inlinable
  public static func exp(_ x: Float) -> Float { exp(SIMD16(repeating: x))[0] }
}
