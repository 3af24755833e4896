/// A binary fixed-point format: signedness, total width `W` and the binary-point position.
///
/// A value of the format is `code · 2^−F` for an integer `code` in
/// `−2^(W−1) … 2^(W−1) − 1` (signed) or `0 … 2^W − 1` (unsigned). `F` (``fractionBits``) may be
/// negative (a step coarser than 1) or exceed `W` (every value below one). `I = W − F`
/// (``integerBits``) counts integer bits including the sign bit, as in `ap_fixed<W, I>`.
///
/// Printed form (MathWorks style, shell-safe): `sfix16_En8` (signed, W = 16, F = 8),
/// `ufix8_En0`, `sfix8_E2` (F = −2). ``init(parsing:)`` also reads the ap_fixed style
/// `fix<16,8>` / `ufix<8,8>` (W total bits, I integer bits).
public struct FixedFormat: Hashable, Sendable, Codable {
  /// Whether codes are two's-complement signed.
  public let isSigned: Bool
  /// The total number of bits `W` (at least 1).
  public let width: Int
  /// The number of fraction bits `F`: the value of code 1 is `2^−F`.
  public let fractionBits: Int

  /// The largest width and `|F|` that ``init(parsing:)`` accepts (arithmetic results may grow
  /// past it).
  package static let parseLimit = 1 << 20

  /// A format with `width ≥ 1` bits of which `fractionBits` lie right of the binary point.
  public init(signed: Bool, width: Int, fractionBits: Int) {
    precondition(width >= 1, "a fixed-point format has at least one bit")
    self.isSigned = signed
    self.width = width
    self.fractionBits = fractionBits
  }

  /// The ap_fixed format `ap_fixed<width, integerBits>` (or `ap_ufixed` when unsigned).
  public init(signed: Bool, width: Int, integerBits: Int) {
    self.init(signed: signed, width: width, fractionBits: width - integerBits)
  }

  /// `I = W − F`: integer bits including the sign bit (may be negative or exceed `W`).
  @inlinable
  public var integerBits: Int { width - fractionBits }

  /// The smallest code: `−2^(W−1)` when signed, else 0.
  public var minCode: BigInt { isSigned ? -BigInt.powerOfTwo(width - 1) : 0 }

  /// The largest code: `2^(W−1) − 1` when signed, else `2^W − 1`.
  public var maxCode: BigInt { BigInt.powerOfTwo(isSigned ? width - 1 : width) - 1 }

  /// Whether every code fits an `Int64` (signed `W ≤ 64`, unsigned `W ≤ 63`): such values use
  /// the native fast paths.
  @inlinable
  package var fitsInt64: Bool { width + (isSigned ? 0 : 1) <= 64 }

  /// Whether every code fits an `Int128` (signed `W ≤ 128`, unsigned `W ≤ 127`): arrays of
  /// such formats that do not fit `Int64` store `Int128` codes.
  @inlinable
  package var fitsInt128: Bool { width + (isSigned ? 0 : 1) <= 128 }

  /// Whether `code` lies in the format's code range.
  public func contains(code: BigInt) -> Bool {
    if let v = code.int64Value, fitsInt64 {
      return v >= int64MinCode && v <= int64MaxCode
    }
    return code >= minCode && code <= maxCode
  }

  /// ``minCode`` as an `Int64`; requires ``fitsInt64``.
  @inlinable
  package var int64MinCode: Int64 {
    precondition(fitsInt64, "format does not fit Int64")
    return isSigned ? Int64.min >> Int64(64 - width) : 0
  }

  /// ``maxCode`` as an `Int64`; requires ``fitsInt64``.
  @inlinable
  package var int64MaxCode: Int64 {
    precondition(fitsInt64, "format does not fit Int64")
    return isSigned ? Int64.max >> Int64(64 - width) : Int64.max >> Int64(63 - width)
  }
}

extension FixedFormat {
  /// The exact format of `a + b` (ap_fixed growth): `F = max(F1, F2)`,
  /// `I = max(I1 + [S2 ∧ ¬S1], I2 + [S1 ∧ ¬S2]) + 1`, signed when either operand is.
  public static func sum(_ a: FixedFormat, _ b: FixedFormat) -> FixedFormat {
    additive(a, b, signed: a.isSigned || b.isSigned)
  }

  /// The exact format of `a − b`: as ``sum(_:_:)`` but always signed.
  public static func difference(_ a: FixedFormat, _ b: FixedFormat) -> FixedFormat {
    additive(a, b, signed: true)
  }

  /// The exact format of `a × b`: `W = W1 + W2`, `I = I1 + I2`, signed when either is.
  public static func product(_ a: FixedFormat, _ b: FixedFormat) -> FixedFormat {
    FixedFormat(
      signed: a.isSigned || b.isSigned, width: a.width + b.width,
      fractionBits: a.fractionBits + b.fractionBits)
  }

  /// The exact format of `−a`: signed, one bit wider, same binary point.
  public static func negation(_ a: FixedFormat) -> FixedFormat {
    FixedFormat(signed: true, width: a.width + 1, fractionBits: a.fractionBits)
  }

  private static func additive(_ a: FixedFormat, _ b: FixedFormat, signed: Bool) -> FixedFormat {
    let aGrows = b.isSigned && !a.isSigned ? 1 : 0
    let bGrows = a.isSigned && !b.isSigned ? 1 : 0
    let integerBits = max(a.integerBits + aGrows, b.integerBits + bGrows) + 1
    let fractionBits = max(a.fractionBits, b.fractionBits)
    return FixedFormat(
      signed: signed, width: integerBits + fractionBits, fractionBits: fractionBits)
  }
}
