import BitCore
import CFixedKernels
import FixedPoint

/// A tensor of `Int64` codes with one explicit exponent: element `i` is
/// `codes[i] · 2^exponent`. The training path's representation of every quantized tensor
/// (the codes of ``QuantizedTensor`` without the `FixedArray` container).
public struct IntegerTensor: Sendable, Equatable {
  /// The integer codes.
  public var codes: [Int64]
  /// The power of two of one code unit.
  public var exponent: Int

  /// A tensor of `codes` in units `2^exponent`.
  public init(codes: [Int64], exponent: Int) {
    self.codes = codes
    self.exponent = exponent
  }

  /// The same codes as a `FixedArray` (a signed format just wide enough, `−exponent`
  /// fraction bits): the bridge to ``WAGEUBNQuantizer``'s reference quantizers.
  public var fixedArray: FixedArray {
    let width = max(2, codes.reduce(1) { max($0, IntegerRounding.signedBitLength($1)) })
    return FixedArray(
      codes: codes, format: FixedFormat(signed: true, width: width, fractionBits: -exponent))
  }

  /// The largest magnitude of the codes.
  public var maxMagnitude: UInt64 {
    codes.withUnsafeBufferPointer { cfk_max_magnitude($0.baseAddress, $0.count) }
  }
}

/// The result of one of the training path's quantizers: the codes, their exponent, and what
/// happened (the same fields as ``QuantizedTensor``).
public struct QuantizedCodes: Sendable, Equatable {
  /// The quantized codes and their exponent.
  public var tensor: IntegerTensor
  /// `r` of the shift scale `R = 2^r` for the shift-type quantizers, else `nil`.
  public var shiftExponent: Int?
  /// The tensor was all zero (A10): zeros out, ``shiftExponent`` is the previous one.
  public var zeroScale: Bool
  /// Elements rounded (inexact), elements clipped (`overflowed`), element count, and the
  /// signed bit length of the widest output code.
  public var events: QuantizationEvents
}

/// Exact rounding of `Int64` codes: the scalar steps of the training path's quantizers.
package enum IntegerRounding {
  /// `x / 2^s` rounded with a deterministic `mode` (`s ≤ 0` shifts left, exactly; the caller
  /// keeps the result in range), and whether bits were dropped. `|x| < 2^62`.
  @inline(__always)
  package static func shiftRight(_ x: Int64, by s: Int, mode: RoundingMode) -> (Int64, Bool) {
    if s <= 0 { return (x << Int64(-s), false) }
    // |x| < 2^62: any shift from 63 on leaves the same floor and the same side of the half.
    let t = Int64(min(s, 63))
    let q = x >> t
    let mask: Int64 = t == 63 ? .max : (1 << t) - 1
    let rem = x & mask
    if rem == 0 { return (q, false) }
    let half: Int64 = 1 << (t - 1)
    let versus = rem < half ? -1 : (rem == half ? 0 : 1)
    let up = mode.roundsUp(
      remainderIsZero: false, remainderVersusHalf: versus, valueIsNegative: x < 0,
      quotientIsOdd: q & 1 != 0)
    return (up ? q + 1 : q, true)
  }

  /// The non-negative `m / 2^s` rounded up exactly when the random `word / 2^64` is below
  /// the dropped fraction (``FixedPoint``'s stochastic rule), and whether bits were dropped.
  @inline(__always)
  package static func stochasticShiftRight(_ m: UInt64, by s: Int, word: UInt64) -> (
    UInt64, Bool
  ) {
    if s <= 0 { return (m << UInt64(-s), false) }
    if s >= 64 {
      // m < 2^63 ≤ 2^s: floor 0, fraction m / 2^s; up ⇔ word · 2^(s−64) < m.
      if m == 0 { return (0, false) }
      let d = s - 64
      if d >= 63 { return (word == 0 ? 1 : 0, true) }
      let ceiling = (m >> UInt64(d)) + (m & ((1 << UInt64(d)) - 1) != 0 ? 1 : 0)
      return (word < ceiling ? 1 : 0, true)
    }
    let q = m >> UInt64(s)
    let rem = m & ((1 << UInt64(s)) - 1)
    if rem == 0 { return (q, false) }
    return ((word >> UInt64(64 - s)) < rem ? q + 1 : q, true)
  }

  /// `numerator / denominator` (`denominator > 0`, both `|·| < 2^62`) rounded with a
  /// deterministic `mode`.
  package static func divide(_ numerator: Int64, by denominator: Int64, mode: RoundingMode)
    -> Int64
  {
    precondition(denominator > 0, "positive denominator")
    var q = numerator / denominator
    var r = numerator % denominator
    if r < 0 {
      q -= 1
      r += denominator
    }
    if r == 0 { return q }
    let twice = 2 * r
    let versus = twice < denominator ? -1 : (twice == denominator ? 0 : 1)
    let up = mode.roundsUp(
      remainderIsZero: false, remainderVersusHalf: versus, valueIsNegative: numerator < 0,
      quotientIsOdd: q & 1 != 0)
    return up ? q + 1 : q
  }

  /// The bits of a two's-complement register that holds `x` (1 for 0 and −1).
  @inline(__always)
  package static func signedBitLength(_ x: Int64) -> Int {
    let v = x < 0 ? ~x : x
    return 65 - v.leadingZeroBitCount
  }

  /// `x` clamped to `±bound`, and whether it changed.
  @inline(__always)
  package static func clamp(_ x: Int64, _ bound: Int64) -> (Int64, Bool) {
    if x > bound { return (bound, true) }
    if x < -bound { return (-bound, true) }
    return (x, false)
  }
}
