import CGMP

extension BigInt: Comparable {
  /// The order of `a` and `b`: −1, 0 or +1.
  @inlinable
  public static func compare(_ a: BigInt, _ b: BigInt) -> Int {
    if case .small(let x) = a.storage, case .small(let y) = b.storage {
      return x < y ? -1 : (x > y ? 1 : 0)
    }
    let c = a.withMPZ { pa in b.withMPZ { pb in __gmpz_cmp(pa, pb) } }
    return c < 0 ? -1 : (c > 0 ? 1 : 0)
  }

  /// Whether `a` is less than `b`.
  @inlinable
  public static func < (a: BigInt, b: BigInt) -> Bool { compare(a, b) < 0 }
}

extension BigInt {
  /// `a + b`, exact.
  @inlinable
  public static func + (a: BigInt, b: BigInt) -> BigInt {
    if case .small(let x) = a.storage, case .small(let y) = b.storage {
      let (s, o) = x.addingReportingOverflow(y)
      if !o { return BigInt(s) }
    }
    return gmp(a, b) { __gmpz_add($0, $1, $2) }
  }

  /// `a − b`, exact.
  @inlinable
  public static func - (a: BigInt, b: BigInt) -> BigInt {
    if case .small(let x) = a.storage, case .small(let y) = b.storage {
      let (s, o) = x.subtractingReportingOverflow(y)
      if !o { return BigInt(s) }
    }
    return gmp(a, b) { __gmpz_sub($0, $1, $2) }
  }

  /// `a × b`, exact.
  @inlinable
  public static func * (a: BigInt, b: BigInt) -> BigInt {
    if case .small(let x) = a.storage, case .small(let y) = b.storage {
      let (p, o) = x.multipliedReportingOverflow(by: y)
      if !o { return BigInt(p) }
    }
    return gmp(a, b) { __gmpz_mul($0, $1, $2) }
  }

  /// `−a`, exact.
  @inlinable
  public static prefix func - (a: BigInt) -> BigInt {
    if case .small(let x) = a.storage, x != .min { return BigInt(-x) }
    return a.gmp { __gmpz_neg($0, $1) }
  }

  /// The two's-complement bitwise complement, `−a − 1`.
  @inlinable
  public static prefix func ~ (a: BigInt) -> BigInt {
    if case .small(let x) = a.storage { return BigInt(~x) }
    return a.gmp { __gmpz_com($0, $1) }
  }

  /// `a · 2^count` for `count ≥ 0`, exact.
  @inlinable
  public static func << (a: BigInt, count: Int) -> BigInt {
    precondition(count >= 0, "negative shift count")
    if case .small(let x) = a.storage {
      if x == 0 || count == 0 { return a }
      if count < 63 {
        let shifted = x << Int64(count)
        if shifted >> Int64(count) == x { return BigInt(shifted) }
      }
    }
    return a.gmp { __gmpz_mul_2exp($0, $1, UInt(count)) }
  }

  /// `⌊a / 2^count⌋` for `count ≥ 0` (arithmetic shift toward −∞).
  @inlinable
  public static func >> (a: BigInt, count: Int) -> BigInt {
    precondition(count >= 0, "negative shift count")
    if case .small(let x) = a.storage { return BigInt(count >= 63 ? (x < 0 ? -1 : 0) : x >> count) }
    return a.gmp { __gmpz_fdiv_q_2exp($0, $1, UInt(count)) }
  }

  /// `a mod 2^count` in `0 ..< 2^count`: the low `count` bits of the two's-complement value.
  @inlinable
  public func lowBits(_ count: Int) -> BigInt {
    precondition(count >= 0, "negative bit count")
    if case .small(let x) = storage {
      if count < 63 { return BigInt(x & ((1 << Int64(count)) - 1)) }
      if x >= 0 { return self }
    }
    return gmp { __gmpz_fdiv_r_2exp($0, $1, UInt(count)) }
  }

  /// Bit `index` of the two's-complement value (an infinite sign extension).
  @inlinable
  public func bit(_ index: Int) -> Bool {
    precondition(index >= 0, "negative bit index")
    if case .small(let x) = storage { return index >= 63 ? x < 0 : (x >> index) & 1 == 1 }
    return withMPZ { __gmpz_tstbit($0, UInt(index)) } != 0
  }

  /// The number of bits of the magnitude `|a|` (0 for zero).
  @inlinable
  public var bitLength: Int {
    switch storage {
    case .small(let x): return 64 - x.magnitude.leadingZeroBitCount
    case .large(let g): return Int(__gmpz_sizeinbase(g.pointer, 2))
    }
  }

  /// The smallest width of a two's-complement format that holds the value (1 for 0 and −1).
  @inlinable
  package var signedBitWidth: Int { 1 + (isNegative ? ~self : self).bitLength }

  /// The number of zero bits below the lowest one bit; 0 for zero.
  @inlinable
  package var trailingZeroBitCount: Int {
    switch storage {
    case .small(let x): return x == 0 ? 0 : x.trailingZeroBitCount
    case .large(let g): return Int(__gmpz_scan1(g.pointer, 0))
    }
  }

  /// −1, 0 or +1.
  @inlinable
  public var signum: Int {
    switch storage {
    case .small(let x): return x < 0 ? -1 : (x > 0 ? 1 : 0)
    case .large(let g): return g.signum
    }
  }

  /// Whether the value is below zero.
  @inlinable
  public var isNegative: Bool { signum < 0 }

  /// Whether the value is zero.
  @inlinable
  public var isZero: Bool {
    if case .small(let x) = storage { return x == 0 }
    return false
  }

  /// Floor division by a positive divisor: `a = q·d + r` with `0 ≤ r < d`.
  @inlinable
  package func floorDivided(by divisor: BigInt) -> (quotient: BigInt, remainder: BigInt) {
    precondition(divisor.signum > 0, "floor division needs a positive divisor")
    if case .small(let x) = storage, case .small(let d) = divisor.storage {
      var q = x / d
      var r = x % d
      if r < 0 {
        q -= 1
        r += d
      }
      return (BigInt(q), BigInt(r))
    }
    var remainder = BigInt(0)
    let quotient = BigInt.gmp(self, divisor) { q, n, d in
      let r = GMPInteger.make { __gmpz_fdiv_qr(q, $0, n, d) }
      remainder = BigInt(normalizing: r)
    }
    return (quotient, remainder)
  }

  /// `base^exponent` for `exponent ≥ 0`.
  public static func power(_ base: UInt, _ exponent: Int) -> BigInt {
    precondition(exponent >= 0, "negative exponent")
    return BigInt(normalizing: GMPInteger.make { __gmpz_ui_pow_ui($0, base, UInt(exponent)) })
  }

  /// `2^exponent`.
  @inlinable
  package static func powerOfTwo(_ exponent: Int) -> BigInt { BigInt(1) << exponent }

  /// The absolute value.
  @inlinable
  public var magnitude: BigInt { isNegative ? -self : self }
}
