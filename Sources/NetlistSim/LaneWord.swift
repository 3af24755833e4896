/// A block of 64-sample words that the gate evaluator processes as one value: bit `j` of word
/// `k` is sample `64·k + j`. `UInt64` is the scalar path; `SIMD2/4/8<UInt64>` carry 128–512
/// samples per operation.
protocol LaneWord {
  /// The number of 64-bit words in one value.
  static var wordCount: Int { get }
  /// `log2(8 / wordCount)`: shifting a 64-byte slot offset right by this gives the offset of
  /// the same slot in an array of `Self`.
  static var offsetShift: UInt32 { get }
  /// Every word equal to `word`.
  init(repeating word: UInt64)
  /// Bitwise and.
  static func & (a: Self, b: Self) -> Self
  /// Bitwise or.
  static func | (a: Self, b: Self) -> Self
  /// Bitwise exclusive or.
  static func ^ (a: Self, b: Self) -> Self
  /// Bitwise complement.
  static prefix func ~ (a: Self) -> Self
}

extension UInt64: LaneWord {
  static var wordCount: Int { 1 }
  static var offsetShift: UInt32 { 3 }
  init(repeating word: UInt64) { self = word }
}

extension SIMD2: LaneWord where Scalar == UInt64 {
  static var wordCount: Int { 2 }
  static var offsetShift: UInt32 { 2 }
}

extension SIMD4: LaneWord where Scalar == UInt64 {
  static var wordCount: Int { 4 }
  static var offsetShift: UInt32 { 1 }
}

extension SIMD8: LaneWord where Scalar == UInt64 {
  static var wordCount: Int { 8 }
  static var offsetShift: UInt32 { 0 }
}
