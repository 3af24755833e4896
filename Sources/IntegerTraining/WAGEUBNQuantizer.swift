import BitCore
import FixedPoint

/// The WAGEUBN quantizers (`../shared/spec/wageubn.md` §1) as functions on integer tensors:
/// the input is a ``FixedArray`` (value `code · 2^−fractionBits`, so its exponent is explicit
/// in the format), the output a ``QuantizedTensor`` (codes and an exponent). `k` is the
/// WAGE bit count: the grid step is `σ(k) = 2^(1−k)`. Every rounding is exact (no floats).
public struct WAGEUBNQuantizer: Sendable, Hashable {
  /// The options of the spec's ambiguities.
  public var profile: WAGEUBNProfile

  /// The quantizers under `profile`.
  public init(profile: WAGEUBNProfile = .paper) { self.profile = profile }

  /// Direct quantization `Q(x, k) = σ(k)·round(x / σ(k))` (exponent `1 − k`); with
  /// ``DirectRange/saturate`` also clipped to `±(2^(k−1) − 1)`, i.e. `C(Q(x, k), k)`.
  public func direct(_ x: FixedArray, bits k: Int) -> QuantizedTensor {
    precondition(k >= 2, "k >= 2")
    let fraction = k - 1
    let target: FixedFormat
    let overflow: OverflowMode
    switch profile.directRange {
    case .unbounded:
      target = FixedFormat(
        signed: true, width: x.format.width + max(0, fraction - x.format.fractionBits) + 2,
        fractionBits: fraction)
      overflow = .wrap
    case .saturate:
      target = FixedFormat(signed: true, width: k, fractionBits: fraction)
      overflow = .satSym
    }
    var events = QuantizationEvents()
    var q = x.quantized(to: target, rounding: profile.rounding, overflow: overflow, events: &events)
    if profile.directRange == .unbounded {
      // The container is the width the codes need (A2's required-bits report).
      let needed = FixedFormat(
        signed: true, width: max(2, events.maxBitLength), fractionBits: fraction)
      q = q.quantized(to: needed)
    }
    return QuantizedTensor(
      codes: q.reinterpreted(fractionBits: 0), exponent: -fraction, shiftExponent: nil,
      coarse: nil, zeroScale: false, events: events)
  }

  /// The clip `C(x, k) = clamp(x, −1 + σ(k), 1 − σ(k))`, exact: the result's grid is the finer
  /// of the input's and `σ(k)` (no rounding ever happens).
  public func clip(_ x: FixedArray, bits k: Int) -> QuantizedTensor {
    precondition(k >= 2, "k >= 2")
    let fraction = max(x.format.fractionBits, k - 1)
    let wide = FixedFormat(
      signed: true, width: x.format.width + fraction - x.format.fractionBits + 1,
      fractionBits: fraction)
    let bound = (BigInt.powerOfTwo(k - 1) - 1) << (fraction - (k - 1))
    var events = QuantizationEvents()
    let exact = x.quantized(to: wide, rounding: .trn, overflow: .wrap, events: &events)
    return QuantizedTensor(
      codes: Self.clamped(exact, to: bound, events: &events),
      exponent: -fraction, shiftExponent: nil, coarse: nil, zeroScale: false, events: events)
  }

  /// The exponent `r` of the shift scale `R(x) = 2^r` (value units) under the profile's rule;
  /// `nil` for an all-zero tensor.
  public func shiftExponent(_ x: FixedArray) -> Int? {
    let m = x.maxMagnitude
    let r: Int?
    switch profile.shiftExponent {
    case .exact: r = ShiftScale.exponent(ofMaxMagnitude: m)
    case .float32: r = ShiftScale.float32ReferenceExponent(ofMaxMagnitude: m)
    }
    return r.map { $0 - x.format.fractionBits }
  }

  /// Shift quantization `SQ(x, k) = R·C(Q(x/R, k), k)` with `R = R(x)`: codes in
  /// `±(2^(k−1) − 1)`, exponent `r − (k − 1)`. An all-zero tensor gives zeros with
  /// `previousExponent` as `r` (A10).
  public func shift(_ x: FixedArray, bits k: Int, previousExponent: Int = 0) -> QuantizedTensor {
    shiftLike(x, bits: k, bound: BigInt.powerOfTwo(k - 1) - 1, previousExponent)
  }

  /// The error quantizer E1: SQ, except that the ``E1Clip/officialCode`` clip is
  /// `±2^(k−1)` (a (k+1)-bit code).
  public func e1(_ x: FixedArray, bits k: Int, previousExponent: Int = 0) -> QuantizedTensor {
    let bound = BigInt.powerOfTwo(k - 1) - (profile.e1Clip == .symmetric ? 1 : 0)
    return shiftLike(x, bits: k, bound: bound, previousExponent)
  }

  /// `R·clamp(Q(x/R, k), ±bound)`.
  private func shiftLike(_ x: FixedArray, bits k: Int, bound: BigInt, _ previous: Int)
    -> QuantizedTensor
  {
    precondition(k >= 2, "k >= 2")
    let width = bound.bitLength + 1
    guard let r = shiftExponent(x) else {
      return .zeros(x.count, width: width, exponent: previous - (k - 1), shift: previous)
    }
    let scaled = x.reinterpreted(fractionBits: x.format.fractionBits + r)
    var events = QuantizationEvents()
    // |x/R| < √2, so k + 2 bits hold every rounded code before the clamp.
    let q = scaled.quantized(
      to: FixedFormat(signed: true, width: k + 2, fractionBits: k - 1),
      rounding: profile.rounding, overflow: .wrap, events: &events)
    return QuantizedTensor(
      codes: Self.clamped(q, to: bound, events: &events),
      exponent: r - (k - 1), shiftExponent: r, coarse: nil, zeroScale: false, events: events)
  }

  /// The codes of `q` clamped to `±bound`, in a signed container of `bound`'s width plus the
  /// sign; the values clamped are added to `events.overflowed`.
  static func clamped(_ q: FixedArray, to bound: BigInt, events: inout QuantizationEvents)
    -> FixedArray
  {
    let format = FixedFormat(signed: true, width: bound.bitLength + 1, fractionBits: 0)
    if let small = q.int64Codes, let b = bound.int64Value {
      var clipped = 0
      let out = small.map { c -> Int64 in
        if c > b || c < -b {
          clipped += 1
          return c > b ? b : -b
        }
        return c
      }
      events.overflowed += clipped
      return FixedArray(codes: out, format: format)
    }
    let (codes, clipped) = clamp(q.codes, to: bound)
    events.overflowed += clipped
    return FixedArray(codes: codes, format: format)
  }

  /// Each code clamped to `±bound`, and how many changed.
  static func clamp(_ codes: [BigInt], to bound: BigInt) -> ([BigInt], Int) {
    var clipped = 0
    let out = codes.map { c -> BigInt in
      if c > bound {
        clipped += 1
        return bound
      }
      if c < -bound {
        clipped += 1
        return -bound
      }
      return c
    }
    return (out, clipped)
  }
}

extension QuantizedTensor {
  /// `count` zero codes of a signed `width`-bit container: the A10 result for an all-zero
  /// tensor.
  static func zeros(_ count: Int, width: Int, exponent: Int, shift: Int?) -> QuantizedTensor {
    var events = QuantizationEvents()
    events.count = count
    return QuantizedTensor(
      codes: FixedArray(
        zeros: count, format: FixedFormat(signed: true, width: width, fractionBits: 0)),
      exponent: exponent, shiftExponent: shift, coarse: nil, zeroScale: true, events: events)
  }
}
