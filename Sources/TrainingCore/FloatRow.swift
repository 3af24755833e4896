/// A row of `Float` parameters the optimisers update element by element: a single `Float` or
/// a SIMD vector of them (a logic-net neuron's 16 logits are one `SIMD16<Float>`).
///
/// Every operation is an IEEE-754 single-precision operation per element, in the order the
/// optimiser writes it (no fused multiply-add, no C library), so an update is bit-identical
/// on every machine and for any row width.
package protocol FloatRow {
  /// Element-wise sum.
  static func + (lhs: Self, rhs: Self) -> Self
  /// Element-wise difference.
  static func - (lhs: Self, rhs: Self) -> Self
  /// Element-wise product.
  static func * (lhs: Self, rhs: Self) -> Self
  /// Element-wise quotient.
  static func / (lhs: Self, rhs: Self) -> Self
  /// Every element times a scalar.
  static func * (lhs: Self, rhs: Float) -> Self
  /// A scalar times every element.
  static func * (lhs: Float, rhs: Self) -> Self
  /// Every element divided by a scalar.
  static func / (lhs: Self, rhs: Float) -> Self
  /// A scalar added to every element.
  static func + (lhs: Self, rhs: Float) -> Self
  /// Element-wise square root (correctly rounded, IEEE-754).
  func squareRoot() -> Self
}

extension Float: FloatRow {}
extension SIMD2: FloatRow where Scalar == Float {}
extension SIMD4: FloatRow where Scalar == Float {}
extension SIMD8: FloatRow where Scalar == Float {}
extension SIMD16: FloatRow where Scalar == Float {}
extension SIMD32: FloatRow where Scalar == Float {}
extension SIMD64: FloatRow where Scalar == Float {}
