// The native integer types the array kernels compute in, and the branch-free predicates the
// kernels are written with.
//
// The predicates return 0 or 1 (or an all-ones / all-zeros mask) computed with wrapping
// subtraction, xor and a logical shift of the sign bit, never with an integer comparison. The
// default x86-64 target (SSE2) has no 64-bit vector comparison, so a loop that compares Int64
// values stays scalar (and compiles to branches that random data mispredicts), while the same
// loop written with these predicates is vectorised by the compiler.

/// A native signed integer the array kernels compute in: `Int64` (vectorised loops) or
/// `Int128` (formats of 65–128 bits).
@usableFromInline
protocol KernelWord: FixedWidthInteger, SignedInteger, Sendable
where Magnitude: FixedWidthInteger & UnsignedInteger {}

extension Int64: KernelWord {}
extension Int128: KernelWord {}

extension KernelWord {
  /// 1 when `x < 0`, else 0: the sign bit moved to bit 0.
  @inline(__always) @usableFromInline
  static func negative01(_ x: Self) -> Self {
    Self(truncatingIfNeeded: Magnitude(truncatingIfNeeded: x) &>> (Self.bitWidth - 1))
  }

  /// 1 when `a < b`, else 0; only for values whose difference cannot wrap (both in
  /// `0 ..< 2^(bitWidth − 2)`, as remainders and random fractions of a shift are).
  @inline(__always) @usableFromInline
  static func lessNonNegative01(_ a: Self, _ b: Self) -> Self { negative01(a &- b) }

  /// 1 when `x ≠ 0`, else 0 (`x | −x` has the sign bit set exactly when `x ≠ 0`).
  @inline(__always) @usableFromInline
  static func nonZero01(_ x: Self) -> Self { negative01(x | (0 &- x)) }

  /// 1 when `a == b`, else 0.
  @inline(__always) @usableFromInline
  static func equal01(_ a: Self, _ b: Self) -> Self { 1 &- nonZero01(a ^ b) }

  /// `a` where `mask` is all ones, `b` where it is zero.
  @inline(__always) @usableFromInline
  static func select(_ mask: Self, _ a: Self, _ b: Self) -> Self { b ^ ((a ^ b) & mask) }

  /// All ones for 1, zero for 0.
  @inline(__always) @usableFromInline
  static func mask(_ flag01: Self) -> Self { 0 &- flag01 }
}
