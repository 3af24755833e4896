import FixedPoint
import NetlistIR

/// The values a signal can take: two intervals over its bit pattern, one for each way an op
/// can read it — as an unsigned number and as a two's-complement number.
///
/// A range is a sound over-approximation: every value the signal takes lies in both
/// intervals (the intervals are kept consistent with each other, each tightened by what the
/// other implies). ``RangeAnalysis`` computes one per node.
///
/// For example a 4-bit signal that is always 3 or 4 has `unsigned` 3…4 and `signed` 3…4; one
/// that is always 15 or 0 (−1 or 0) has `unsigned` 0…15 and `signed` −1…0.
public struct ValueRange: Hashable, Sendable, CustomStringConvertible {
  /// The signal's width in bits.
  public let width: Int
  /// The bit patterns read as unsigned numbers, within `0 … 2^width − 1`.
  public let unsigned: ClosedRange<BigInt>
  /// The bit patterns read as two's-complement numbers, within
  /// `−2^(width−1) … 2^(width−1) − 1`.
  public let signed: ClosedRange<BigInt>

  /// A range from both intervals, each tightened by what the other implies.
  ///
  /// - Precondition: the intervals lie within the width's bounds and have a value in common.
  public init(width: Int, unsigned: ClosedRange<BigInt>, signed: ClosedRange<BigInt>) {
    precondition(width >= 1, "a signal has at least one bit")
    let u = Self.clamp(unsigned, Self.unsignedBounds(width))
    let s = Self.clamp(signed, Self.signedBounds(width))
    let tightU = Self.meet(u, Self.unsignedView(of: s, width: width))
    let tightS = Self.meet(s, Self.signedView(of: tightU, width: width))
    self.width = width
    self.unsigned = Self.meet(tightU, Self.unsignedView(of: tightS, width: width))
    self.signed = tightS
  }

  /// Every value of `width` bits.
  public static func full(width: Int) -> ValueRange {
    ValueRange(width: width, unsigned: unsignedBounds(width), signed: signedBounds(width))
  }

  /// Exactly `value`.
  public static func exactly(_ value: BitVector) -> ValueRange {
    let u = BigInt(unsignedBitsOf: value)
    let s = BigInt(signedBitsOf: value)
    return ValueRange(width: value.width, unsigned: u...u, signed: s...s)
  }

  /// The values whose reading with `signedness` lies in `interval` (clamped to the width).
  public static func reading(
    _ signedness: Signedness, _ interval: ClosedRange<BigInt>, width: Int
  ) -> ValueRange {
    switch signedness {
    case .unsigned:
      return ValueRange(width: width, unsigned: interval, signed: signedBounds(width))
    case .signed:
      return ValueRange(width: width, unsigned: unsignedBounds(width), signed: interval)
    }
  }

  /// The results `x mod 2^width` for every integer `x` in `interval`: the range of an
  /// arithmetic result that wraps around (both readings of the wrapped values).
  public static func wrapping(_ interval: ClosedRange<BigInt>, width: Int) -> ValueRange {
    let modulus = BigInt.powerOfTwo(width)
    let span = interval.upperBound - interval.lowerBound
    if !(span < modulus - 1) { return full(width: width) }
    // The same window seen from 0 (unsigned) and from −2^(width−1) (signed).
    func window(offset: BigInt) -> ClosedRange<BigInt>? {
      let low = (interval.lowerBound + offset).lowBits(width)
      let high = low + span
      return high < modulus ? (low - offset)...(high - offset) : nil
    }
    let half = BigInt.powerOfTwo(width - 1)
    return ValueRange(
      width: width, unsigned: window(offset: 0) ?? unsignedBounds(width),
      signed: window(offset: half) ?? signedBounds(width))
  }

  /// The interval of the values read with `signedness`.
  public func interval(_ signedness: Signedness) -> ClosedRange<BigInt> {
    signedness == .unsigned ? unsigned : signed
  }

  /// The values in both ranges (the tighter of two sound ranges of the same signal).
  public func intersection(_ other: ValueRange) -> ValueRange {
    precondition(width == other.width, "ranges of different widths")
    return ValueRange(
      width: width, unsigned: Self.meet(unsigned, other.unsigned),
      signed: Self.meet(signed, other.signed))
  }

  /// The smallest range holding the values of both (a value from either).
  public func union(_ other: ValueRange) -> ValueRange {
    precondition(width == other.width, "ranges of different widths")
    return ValueRange(
      width: width, unsigned: Self.join(unsigned, other.unsigned),
      signed: Self.join(signed, other.signed))
  }

  /// Whether `value` (of this width) lies in the range.
  public func contains(_ value: BitVector) -> Bool {
    precondition(value.width == width, "value of another width")
    return unsigned.contains(BigInt(unsignedBitsOf: value))
      && signed.contains(BigInt(signedBitsOf: value))
  }

  /// The one value the signal can take, if the range holds only one.
  public var singleValue: BitVector? {
    unsigned.lowerBound == unsigned.upperBound
      ? BitVector(width: width, truncating: unsigned.lowerBound) : nil
  }

  /// Whether the range holds every value of its width.
  public var isFull: Bool { unsigned == Self.unsignedBounds(width) }

  /// The fewest bits that hold every value of the range read with `signedness`: a `k`-bit
  /// number of that signedness, extended back to ``width``, gives the value.
  public func neededWidth(_ signedness: Signedness) -> Int {
    switch signedness {
    case .unsigned:
      return max(1, unsigned.upperBound.bitLength)
    case .signed:
      return max(signed.lowerBound.signedBitWidth, signed.upperBound.signedBitWidth)
    }
  }

  /// The narrower of the two readings' ``neededWidth(_:)`` (unsigned on a tie).
  public var narrowest: (width: Int, reading: Signedness) {
    let u = neededWidth(.unsigned)
    let s = neededWidth(.signed)
    return s < u ? (s, .signed) : (u, .unsigned)
  }

  /// `u 3…4, s 3…4`.
  public var description: String {
    "u \(unsigned.lowerBound)…\(unsigned.upperBound), s \(signed.lowerBound)…\(signed.upperBound)"
  }

  // MARK: - Interval helpers

  /// `0 … 2^width − 1`.
  static func unsignedBounds(_ width: Int) -> ClosedRange<BigInt> {
    BigInt(0)...(BigInt.powerOfTwo(width) - 1)
  }

  /// `−2^(width−1) … 2^(width−1) − 1`.
  static func signedBounds(_ width: Int) -> ClosedRange<BigInt> {
    let half = BigInt.powerOfTwo(width - 1)
    return (-half)...(half - 1)
  }

  /// The unsigned readings of the patterns whose signed readings lie in `s`.
  private static func unsignedView(of s: ClosedRange<BigInt>, width: Int) -> ClosedRange<BigInt> {
    if !s.lowerBound.isNegative { return s }
    let modulus = BigInt.powerOfTwo(width)
    if s.upperBound.isNegative { return (s.lowerBound + modulus)...(s.upperBound + modulus) }
    return unsignedBounds(width)
  }

  /// The signed readings of the patterns whose unsigned readings lie in `u`.
  private static func signedView(of u: ClosedRange<BigInt>, width: Int) -> ClosedRange<BigInt> {
    let half = BigInt.powerOfTwo(width - 1)
    if u.upperBound < half { return u }
    let modulus = BigInt.powerOfTwo(width)
    if !(u.lowerBound < half) { return (u.lowerBound - modulus)...(u.upperBound - modulus) }
    return signedBounds(width)
  }

  private static func clamp(
    _ r: ClosedRange<BigInt>, _ bounds: ClosedRange<BigInt>
  ) -> ClosedRange<BigInt> {
    meet(r, bounds)
  }

  /// The intersection of two overlapping intervals.
  private static func meet(
    _ a: ClosedRange<BigInt>, _ b: ClosedRange<BigInt>
  ) -> ClosedRange<BigInt> {
    let low = max(a.lowerBound, b.lowerBound)
    let high = min(a.upperBound, b.upperBound)
    precondition(low <= high, "value ranges without a common value")
    return low...high
  }

  /// The smallest interval holding both.
  private static func join(
    _ a: ClosedRange<BigInt>, _ b: ClosedRange<BigInt>
  ) -> ClosedRange<BigInt> {
    min(a.lowerBound, b.lowerBound)...max(a.upperBound, b.upperBound)
  }
}

extension BigInt {
  /// The bits of `value` read as an unsigned number.
  init(unsignedBitsOf value: BitVector) {
    var result = BigInt(0)
    for word in value.words.reversed() { result = (result << 64) + BigInt(word) }
    self = result
  }

  /// The bits of `value` read as a two's-complement number.
  init(signedBitsOf value: BitVector) {
    let u = BigInt(unsignedBitsOf: value)
    self = value.msb ? u - BigInt.powerOfTwo(value.width) : u
  }
}

extension BitVector {
  /// The low `width` bits of the two's-complement integer `value`.
  init(width: Int, truncating value: BigInt) {
    self = BitVector(hexDigits: Substring(value.hexDigits(width: width)), width: width)!
  }
}
