import FixedPoint

/// The result of a WAGEUBN quantizer: integer codes and one explicit exponent, value
/// `codes[i] · 2^exponent`.
public struct QuantizedTensor: Sendable, Equatable {
  /// The integer codes (format with 0 fraction bits; its width is the container the
  /// quantizer declares, e.g. 8 bits for SQ with k = 8).
  public var codes: FixedArray
  /// The power of two of one code unit.
  public var exponent: Int
  /// For shift-type quantizers, `r` of the shift scale `R = 2^r` (value units); `nil` for the
  /// others.
  public var shiftExponent: Int?
  /// For E2, whether element `i` is in the coarse half of the flag format (flag bit set);
  /// `nil` for the others.
  public var coarse: [Bool]?
  /// The tensor was all zero, so `R` was undefined (A10): the codes are zero and
  /// ``shiftExponent`` is the caller's previous exponent.
  public var zeroScale: Bool
  /// Values that were rounded (inexact) and values that were clipped (``QuantizationEvents``'s
  /// `rounded` and `overflowed`).
  public var events: QuantizationEvents

  /// The same values as a fixed-point array with `−exponent` fraction bits.
  public var values: FixedArray { codes.reinterpreted(fractionBits: -exponent) }
}

extension FixedArray {
  /// The same codes read with `fractionBits` fraction bits (same width and signedness).
  func reinterpreted(fractionBits: Int) -> FixedArray {
    let format = FixedFormat(
      signed: format.isSigned, width: format.width, fractionBits: fractionBits)
    if let small = int64Codes { return FixedArray(codes: small, format: format) }
    return FixedArray(codes: codes, format: format)
  }
}
