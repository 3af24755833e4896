import CGMP

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A signed integer of any size: the raw code of a fixed-point value wider than the native
/// fast paths.
///
/// Values that fit an `Int64` are stored inline and computed with overflow-reporting native
/// arithmetic; larger values live in an immutable GMP integer (``GMPInteger``) shared between
/// copies, so the type has value semantics without copy-on-write bookkeeping. Every operation
/// is exact; nothing traps on overflow.
public struct BigInt: Sendable {
  @usableFromInline
  enum Storage: Sendable {
    /// A value in `Int64` range (always used when the value fits).
    case small(Int64)
    /// A value outside `Int64` range.
    case large(GMPInteger)
  }

  @usableFromInline var storage: Storage

  /// The integer `value`.
  @inlinable
  public init(_ value: Int64) { storage = .small(value) }

  /// The integer `value`.
  @inlinable
  public init(_ value: Int) { storage = .small(Int64(value)) }

  /// The integer `value`.
  public init(_ value: UInt64) {
    self =
      value <= UInt64(Int64.max)
      ? BigInt(Int64(value))
      : BigInt(normalizing: GMPInteger.make { __gmpz_set_ui($0, UInt(value)) })
  }

  /// The integer `value`.
  public init(_ value: Int128) {
    if let small = Int64(exactly: value) {
      self.init(small)
      return
    }
    let high = Int(truncatingIfNeeded: value >> 64)
    let low = UInt(truncatingIfNeeded: value)
    self.init(
      normalizing: GMPInteger.make { z in
        __gmpz_set_si(z, high)
        __gmpz_mul_2exp(z, z, 64)
        __gmpz_add_ui(z, z, low)
      })
  }

  /// Wraps a GMP result, moving it inline when it fits an `Int64`.
  @usableFromInline
  init(normalizing value: GMPInteger) {
    storage = value.fitsInt64 ? .small(value.int64Value) : .large(value)
  }

  /// The value as an `Int64`, or `nil` when it does not fit.
  @inlinable
  package var int64Value: Int64? {
    if case .small(let v) = storage { return v }
    return nil
  }

  /// The value as an `Int128`, or `nil` when it does not fit.
  package var int128Value: Int128? {
    switch storage {
    case .small(let v): return Int128(v)
    case .large(let g):
      if g.signum < 0 && self == BigInt(Int128.min) { return .min }  // magnitude 2^127
      guard bitLength <= 127 else { return nil }
      let magnitude = Int128(g.limb(0)) | (Int128(g.limb(1)) << 64)
      return g.signum < 0 ? -magnitude : magnitude
    }
  }

  /// Gives `body` a read-only GMP view of the value without allocating.
  @usableFromInline
  func withMPZ<R>(_ body: (UnsafePointer<__mpz_struct>) -> R) -> R {
    switch storage {
    case .large(let g):
      return withExtendedLifetime(g) { body(UnsafePointer(g.pointer)) }
    case .small(let v):
      var limb = UInt(v.magnitude)
      let size: Int32 = v == 0 ? 0 : (v < 0 ? -1 : 1)
      return withUnsafeMutablePointer(to: &limb) { limbPointer in
        var view = __mpz_struct(_mp_alloc: 1, _mp_size: size, _mp_d: limbPointer)
        return withUnsafePointer(to: &view) { body($0) }
      }
    }
  }

  /// A new value computed by GMP from this one: `body(result, self)`.
  @usableFromInline
  func gmp(
    _ body: (UnsafeMutablePointer<__mpz_struct>, UnsafePointer<__mpz_struct>) -> Void
  ) -> BigInt {
    BigInt(normalizing: withMPZ { a in GMPInteger.make { body($0, a) } })
  }

  /// A new value computed by GMP from two operands: `body(result, a, b)`.
  @usableFromInline
  static func gmp(
    _ a: BigInt, _ b: BigInt,
    _ body: (
      UnsafeMutablePointer<__mpz_struct>, UnsafePointer<__mpz_struct>, UnsafePointer<__mpz_struct>
    ) -> Void
  ) -> BigInt {
    BigInt(
      normalizing: a.withMPZ { pa in b.withMPZ { pb in GMPInteger.make { body($0, pa, pb) } } })
  }
}

extension BigInt: ExpressibleByIntegerLiteral {
  /// An integer literal.
  public init(integerLiteral value: Int64) { self.init(value) }
}

extension BigInt: CustomStringConvertible, LosslessStringConvertible {
  /// The value in decimal, with a leading `-` when negative.
  public var description: String {
    switch storage {
    case .small(let v): return String(v)
    case .large(let g):
      guard let chars = __gmpz_get_str(nil, 10, g.pointer) else { return "?" }
      defer { free(chars) }
      return String(cString: chars)
    }
  }

  /// Parses a decimal integer: an optional sign followed by at least one digit.
  public init?(_ text: String) {
    var digits = Substring(text)
    var negative = false
    if let first = digits.first, first == "-" || first == "+" {
      negative = first == "-"
      digits = digits.dropFirst()
    }
    guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
    if digits.count <= 18, let v = Int64(digits) {
      self.init(negative ? -v : v)
      return
    }
    let value = GMPInteger.make { z in
      _ = String(digits).withCString { __gmpz_set_str(z, $0, 10) }
      if negative { __gmpz_neg(z, z) }
    }
    self.init(normalizing: value)
  }

  /// The low `width` bits of the two's-complement value as `⌈width/4⌉` lowercase hex digits.
  public func hexDigits(width: Int) -> String {
    let pattern = lowBits(width)
    let digitCount = (width + 3) / 4
    let text: String
    switch pattern.storage {
    case .small(let v): text = String(v, radix: 16)
    case .large(let g):
      guard let chars = __gmpz_get_str(nil, 16, g.pointer) else { return "?" }
      defer { free(chars) }
      text = String(cString: chars)
    }
    return String(repeating: "0", count: max(0, digitCount - text.count)) + text
  }

  /// The low `width` bits of the two's-complement value as `width` binary digits.
  package func binaryDigits(width: Int) -> String {
    let pattern = lowBits(width)
    let text: String
    switch pattern.storage {
    case .small(let v): text = String(v, radix: 2)
    case .large(let g):
      guard let chars = __gmpz_get_str(nil, 2, g.pointer) else { return "?" }
      defer { free(chars) }
      text = String(cString: chars)
    }
    return String(repeating: "0", count: max(0, width - text.count)) + text
  }
}

extension BigInt: Hashable {
  /// Whether two integers are equal.
  @inlinable
  public static func == (a: BigInt, b: BigInt) -> Bool {
    if case .small(let x) = a.storage, case .small(let y) = b.storage { return x == y }
    return compare(a, b) == 0
  }

  /// Hashes the value (equal values hash equally because storage is normalised).
  public func hash(into hasher: inout Hasher) {
    switch storage {
    case .small(let v): hasher.combine(v)
    case .large(let g):
      hasher.combine(g.signum)
      for i in 0..<g.limbCount { hasher.combine(g.limb(i)) }
    }
  }
}
