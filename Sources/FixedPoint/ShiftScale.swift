#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// WAGEUBN's shift scale `R(x) = 2^round(log2 max|x|)`, the per-tensor power of two that shift
/// quantization divides by (`../shared/spec/wageubn.md` §1.1). The first WAGEUBN quantizer
/// primitive.
///
/// The exact rule works on the largest magnitude `M > 0` of a tensor's integer codes: with
/// `b = bitLength(M) − 1`, the exponent is `b + 1` when `M² ≥ 2^(2b+1)` (that is,
/// `log2 M ≥ b + ½`) and `b` otherwise. `log2 M` is never exactly `b + ½` for an integer `M`,
/// so no tie rule is needed. The official code instead evaluates `round(log(x) / log(2))` in
/// float32, which disagrees with the exact rule for some inputs (`M = 741455`: float32 gives
/// 19.5 → 20, the exact exponent is 19); ``float32ReferenceExponent(ofMaxMagnitude:)``
/// reproduces that path for comparisons.
package enum ShiftScale {
  /// The exact exponent `r` of `R = 2^r` (in units of the codes) for the largest magnitude
  /// `maxMagnitude`; `nil` when it is zero (R is undefined for an all-zero tensor).
  package static func exponent(ofMaxMagnitude maxMagnitude: BigInt) -> Int? {
    precondition(!maxMagnitude.isNegative, "a magnitude is never negative")
    if maxMagnitude.isZero { return nil }
    let b = maxMagnitude.bitLength - 1
    let roundsUp = maxMagnitude * maxMagnitude >= BigInt.powerOfTwo(2 * b + 1)
    return roundsUp ? b + 1 : b
  }

  /// The exponent the official float32 code computes: `round(log(Float(M)) / log(2))` with
  /// ties to even; `nil` for zero.
  package static func float32ReferenceExponent(ofMaxMagnitude maxMagnitude: BigInt) -> Int? {
    precondition(!maxMagnitude.isNegative, "a magnitude is never negative")
    if maxMagnitude.isZero { return nil }
    let x = Float(Fixed(code: maxMagnitude, format: .integer(bitsFor: maxMagnitude)).doubleValue)
    let ratio: Float = logf(x) / logf(2)
    return Int(ratio.rounded(.toNearestOrEven))
  }
}

extension FixedArray {
  /// The exponent `e` of the tensor's shift scale `R = 2^e` in value units (the code exponent
  /// minus ``FixedFormat/fractionBits``), by the exact rule of ``ShiftScale``; `nil` when every
  /// element is zero.
  package var shiftScaleExponent: Int? {
    ShiftScale.exponent(ofMaxMagnitude: maxMagnitude).map { $0 - format.fractionBits }
  }
}

extension FixedFormat {
  /// The narrowest unsigned integer format (`F = 0`) that holds the non-negative `value`.
  static func integer(bitsFor value: BigInt) -> FixedFormat {
    FixedFormat(signed: false, width: max(1, value.bitLength), fractionBits: 0)
  }
}
