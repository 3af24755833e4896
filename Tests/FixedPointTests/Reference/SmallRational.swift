import FixedPoint

/// An exact rational with `Int128` numerator and positive denominator in lowest terms.
/// Arithmetic traps on overflow: a sweep that outgrows it crashes loudly instead of lying.
struct SmallRational: ExactRational, CustomStringConvertible {
  let numerator: Int128
  let denominator: Int128

  init(_ numerator: Int128, _ denominator: Int128) {
    precondition(denominator != 0)
    var n = numerator
    var d = denominator
    if d < 0 {
      n = -n
      d = -d
    }
    if n == 0 {
      (self.numerator, self.denominator) = (0, 1)
      return
    }
    var g: Int128
    if d & (d - 1) == 0 {
      // Power-of-two denominator (every case but division): the gcd is a power of two too.
      g = 1 << Swift.min(n.trailingZeroBitCount, d.trailingZeroBitCount)
    } else {
      var a = n < 0 ? -n : n
      var b = d
      while b != 0 { (a, b) = (b, a % b) }
      g = a
    }
    self.numerator = n / g
    self.denominator = d / g
  }

  init(code: BigInt, fractionBits: Int) {
    let c = Int128(code.int64Value!)
    self =
      fractionBits >= 0 ? SmallRational(c, 1 << fractionBits) : SmallRational(c << -fractionBits, 1)
  }

  init(word: UInt64) { self.init(Int128(word), 1) }

  static func + (a: Self, b: Self) -> Self {
    Self(a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
  }

  static func - (a: Self, b: Self) -> Self {
    Self(a.numerator * b.denominator - b.numerator * a.denominator, a.denominator * b.denominator)
  }

  static func * (a: Self, b: Self) -> Self {
    Self(a.numerator * b.numerator, a.denominator * b.denominator)
  }

  func divided(by other: Self) -> Self {
    Self(numerator * other.denominator, denominator * other.numerator)
  }

  func timesPowerOfTwo(_ exponent: Int) -> Self {
    exponent >= 0
      ? Self(numerator * (1 << exponent), denominator)
      : Self(numerator, denominator * (1 << -exponent))
  }

  var floor: Self {
    var q = numerator / denominator
    if q * denominator > numerator { q -= 1 }
    return Self(q, 1)
  }

  var integerBitLength: Int {
    precondition(denominator == 1)
    return 128 - numerator.magnitude.leadingZeroBitCount
  }

  var integerDescription: String {
    precondition(denominator == 1)
    return String(numerator)
  }

  static func < (a: Self, b: Self) -> Bool {
    a.numerator * b.denominator < b.numerator * a.denominator
  }

  var description: String { "\(numerator)/\(denominator)" }
}
