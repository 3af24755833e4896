import BinarizedNets

/// Random per-class output affines for tests, in profiles that stress the exact fixed-point
/// scores: small dyadic values (frequent ties), general float32 values, subnormal-sized
/// values, and huge ones — all with negative scales.
public enum RandomOutputAffines {
  /// What the parameters look like.
  public enum Profile: CaseIterable, Sendable {
    /// Scales in {−2, −1, −½, 0, ¼, ½, 1, 2} and offsets k/4 for k in −8…8: ties galore.
    case ties
    /// 24-bit significands, exponents −20…0, either sign.
    case general
    /// Significands of up to 12 bits at exponents −149…−125 (subnormals and just above).
    case tiny
    /// Significands of up to 8 bits at exponents 90…96.
    case huge
  }

  /// A random affine of `classes` classes.
  public static func make(
    classes: Int, _ profile: Profile, using random: inout SeededRandom
  ) -> OutputAffine {
    let values = (0..<(2 * classes)).map { _ in value(profile, using: &random) }
    return try! OutputAffine(scale: Array(values[..<classes]), offset: Array(values[classes...]))
  }

  /// `net` with `affine` after its last layer.
  public static func attach(_ affine: OutputAffine, to net: BinarizedNet) throws -> BinarizedNet {
    try BinarizedNet(
      input: net.input, inputs: net.inputs, layers: net.layers, outputAffine: affine)
  }

  private static func value(_ profile: Profile, using random: inout SeededRandom) -> Float {
    let sign: FloatingPointSign = Bool.random(using: &random) ? .minus : .plus
    switch profile {
    case .ties:
      if Bool.random(using: &random) {
        return [-2, -1, -0.5, 0, 0.25, 0.5, 1, 2].randomElement(using: &random)!
      }
      return Float(Int.random(in: -8...8, using: &random)) / 4
    case .general:
      return dyadic(sign, bits: 24, exponents: -20...0, using: &random)
    case .tiny:
      return dyadic(sign, bits: 12, exponents: -149...(-125), using: &random)
    case .huge:
      return dyadic(sign, bits: 8, exponents: 90...96, using: &random)
    }
  }

  /// `±m·2^e` with `m` below 2^bits (exact in float32 for these ranges).
  private static func dyadic(
    _ sign: FloatingPointSign, bits: Int, exponents: ClosedRange<Int>,
    using random: inout SeededRandom
  ) -> Float {
    let m = Int.random(in: 0..<(1 << bits), using: &random)
    return Float(
      sign: sign, exponent: Int.random(in: exponents, using: &random), significand: Float(m))
  }
}
