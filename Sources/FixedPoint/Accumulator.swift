/// A hardware accumulator: a signed two's-complement register of a declared width that
/// handles every addition that leaves its range the way the declared mode says.
///
/// The dot product, matrix products and convolution of ``FixedTensor`` start each result at
/// zero and add one product at a time; after **every** addition the exact sum is checked
/// against `−2^(width−1) … 2^(width−1) − 1`, as a MAC unit of that width would:
/// ``AccumulatorOverflow/wrap`` keeps the low `width` bits, ``AccumulatorOverflow/saturate``
/// clamps to the nearer bound. The order of the additions is part of the definition (a
/// saturating sum depends on it); each kernel documents its order.
public struct Accumulator: Hashable, Sendable, Codable, CustomStringConvertible {
  /// The register width in bits, `1 … 128`.
  public let width: Int
  /// What happens when a sum leaves the range.
  public let overflow: AccumulatorOverflow

  /// The widest accumulator the kernels support.
  public static let maxWidth = 128

  /// An accumulator of `width` bits (`1 … 128`).
  public init(width: Int, overflow: AccumulatorOverflow) {
    precondition(width >= 1 && width <= Accumulator.maxWidth, "accumulator width \(width)")
    self.width = width
    self.overflow = overflow
  }

  /// The accumulator's codes as a signed format with `fractionBits` fraction bits.
  public func format(fractionBits: Int) -> FixedFormat {
    FixedFormat(signed: true, width: width, fractionBits: fractionBits)
  }

  /// Text such as `acc32 WRAP`.
  public var description: String { "acc\(width) \(overflow.rawValue)" }
}

/// The two overflow behaviours of an accumulator register.
public enum AccumulatorOverflow: String, CaseIterable, Hashable, Sendable, Codable {
  /// Keep the low bits (two's-complement wrap-around), like a plain adder.
  case wrap = "WRAP"
  /// Clamp to the most negative or most positive code, like a saturating adder.
  case saturate = "SAT"

  /// The matching conversion mode (``OverflowMode/wrap`` or ``OverflowMode/sat``).
  public var overflowMode: OverflowMode {
    switch self {
    case .wrap: return .wrap
    case .saturate: return .sat
    }
  }
}

/// What the additions of one or more accumulations did: the per-accumulator counters of the
/// training reports. Counters add up across calls and ``merge(_:)``.
public struct AccumulatorEvents: Hashable, Sendable, Codable, CustomStringConvertible {
  /// Additions performed (one per product term).
  public var additions = 0
  /// Additions whose exact sum lay outside the accumulator's range (wrapped or saturated).
  public var overflows = 0
  /// Additions the saturating mode clamped (equal to ``overflows`` in that mode, 0 when
  /// wrapping).
  public var saturations = 0
  /// The widest exact sum seen, in signed bits (0 when nothing was added): the smallest
  /// accumulator width that holds every value this run produced. When ``overflows`` is zero
  /// it is the smallest overflow-free width for these inputs and this order; after an
  /// overflow the later sums followed the wrapped or clamped register, so rerun with a wider
  /// accumulator to learn the width the unbounded sums need.
  public var maxBitLength = 0

  /// No events yet.
  public init() {}

  /// Adds the counts of `other` to these.
  package mutating func merge(_ other: AccumulatorEvents) {
    additions += other.additions
    overflows += other.overflows
    saturations += other.saturations
    maxBitLength = max(maxBitLength, other.maxBitLength)
  }

  /// One line such as `784 additions, 2 overflows, 2 saturated, max 33 bits`.
  public var description: String {
    "\(additions) additions, \(overflows) overflows, \(saturations) saturated, "
      + "max \(maxBitLength) bits"
  }
}
