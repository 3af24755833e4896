import FixedPoint

/// An exact rational number for the test oracle. Two independent implementations exist: a
/// small one over `Int128` (traps on overflow, so it can never be silently wrong) for the
/// exhaustive sweeps, and one over GMP `mpq` for arbitrary widths.
protocol ExactRational: Comparable {
  /// The value `code · 2^−fractionBits`.
  init(code: BigInt, fractionBits: Int)
  /// A (non-negative) integer.
  init(word: UInt64)
  static func + (a: Self, b: Self) -> Self
  static func - (a: Self, b: Self) -> Self
  static func * (a: Self, b: Self) -> Self
  /// `a / b` for `b ≠ 0`.
  func divided(by other: Self) -> Self
  /// `self · 2^exponent` (exponent of either sign).
  func timesPowerOfTwo(_ exponent: Int) -> Self
  /// The largest integer not above the value.
  var floor: Self { get }
  /// The number of bits of `|n|` for an integer value `n` (0 for zero).
  var integerBitLength: Int { get }
  /// The decimal digits of an integer value.
  var integerDescription: String { get }
}

extension ExactRational {
  static var zero: Self { Self(word: 0) }
  static var one: Self { Self(word: 1) }
  static var half: Self { Self(word: 1).timesPowerOfTwo(-1) }
  var ceiling: Self { Self.zero - (Self.zero - self).floor }
  var isInteger: Bool { floor == self }
  var isNegative: Bool { self < Self.zero }
  static func powerOfTwo(_ e: Int) -> Self { one.timesPowerOfTwo(e) }
  /// The integer value as a BigInt (parsed from decimal, independent of BigInt arithmetic).
  var bigInt: BigInt { BigInt(integerDescription)! }
}
