import FixedPoint

/// An exact dyadic rational `mantissa · 2^exponent`: every finite float32 is one, and sums
/// and products of them stay dyadic, so the import computes with the real values of a
/// model's parameters and never rounds.
struct Dyadic: Sendable {
  /// The integer part.
  let mantissa: BigInt
  /// The power of two.
  let exponent: Int

  init(mantissa: BigInt, exponent: Int) {
    self.mantissa = mantissa
    self.exponent = exponent
  }

  /// The exact value of a finite float.
  init(_ x: Float) {
    precondition(x.isFinite, "only finite floats are dyadic")
    let significand = Int(x.significandBitPattern) | (x.isNormal ? 1 << 23 : 0)
    let magnitude = BigInt(significand)
    mantissa = x.sign == .minus ? -magnitude : magnitude
    exponent = x.isNormal ? Int(x.exponent) - 23 : -149
  }

  /// The integer `n`.
  init(_ n: Int) {
    mantissa = BigInt(n)
    exponent = 0
  }

  static let zero = Dyadic(0)
  static let one = Dyadic(1)

  /// −1, 0 or +1.
  var signum: Int { mantissa.signum }

  /// Both values with the smaller exponent: their mantissas are then comparable integers.
  static func aligned(_ a: Dyadic, _ b: Dyadic) -> (BigInt, BigInt, Int) {
    let e = min(a.exponent, b.exponent)
    return (a.mantissa << (a.exponent - e), b.mantissa << (b.exponent - e), e)
  }

  static func + (a: Dyadic, b: Dyadic) -> Dyadic {
    let (x, y, e) = aligned(a, b)
    return Dyadic(mantissa: x + y, exponent: e)
  }

  static func - (a: Dyadic, b: Dyadic) -> Dyadic { a + (-b) }

  static prefix func - (a: Dyadic) -> Dyadic {
    Dyadic(mantissa: -a.mantissa, exponent: a.exponent)
  }

  static func * (a: Dyadic, b: Dyadic) -> Dyadic {
    Dyadic(mantissa: a.mantissa * b.mantissa, exponent: a.exponent + b.exponent)
  }

  /// `a` compared with `b`: negative, zero or positive.
  static func compare(_ a: Dyadic, _ b: Dyadic) -> Int {
    let (x, y, _) = aligned(a, b)
    return BigInt.compare(x, y)
  }

  /// The float32 equal to this value, or `nil` when none is.
  var exactFloat: Float? {
    if mantissa.isZero { return 0 }
    // Strip trailing zero bits so the mantissa is as short as it can be.
    let zeros = mantissa.trailingZeroBitCount
    let m = mantissa >> zeros
    let e = exponent + zeros
    guard m.magnitude.bitLength <= 24, let small = m.int64Value else { return nil }
    let x = Float(sign: small < 0 ? .minus : .plus, exponent: e, significand: Float(abs(small)))
    guard x.isFinite, Dyadic.compare(Dyadic(x), self) == 0 else { return nil }
    return x
  }

  /// The value as text for messages (a float when it is one, else `m·2^e`).
  var text: String { exactFloat.map { "\($0)" } ?? "\(mantissa)·2^\(exponent)" }
}
