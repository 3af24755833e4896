/// A contiguous array of fixed-point values sharing one ``FixedFormat``: a tensor's data as
/// integer codes plus a format.
///
/// Storage follows the format: when every code fits an `Int64` (``FixedFormat/fitsInt64``) the
/// codes are one `[Int64]` and every operation runs a specialised, vectorised loop; formats of
/// up to 128 bits (``FixedFormat/fitsInt128``) hold `[Int128]` codes and run the same loops on
/// 128-bit words; wider formats hold ``BigInt`` codes (inline when a value fits 64 bits, GMP
/// beyond). All compute exactly the same results as the scalar ``Fixed`` operations.
///
/// The `into:` forms (``quantize(into:rounding:overflow:random:firstIndex:)``,
/// ``sum(_:_:into:)``, ``difference(_:_:into:)``, ``product(_:_:into:)``) write into an
/// existing array of the result format, reusing its storage when nothing else shares it, so a
/// loop that repeats an operation allocates nothing.
///
/// Stochastic rounding of element `i` uses word `firstIndex + i` of the given ``CounterRNG``,
/// so a tensor split into chunks (pass each chunk's offset as `firstIndex`) or processed on any
/// number of threads rounds identically.
public struct FixedArray: Sendable {
  /// The format of every element.
  public let format: FixedFormat
  @usableFromInline var storage: Storage

  /// The codes, in the one representation the format selects (``Tier``).
  @usableFromInline
  enum Storage: Sendable {
    /// Codes of a format that fits `Int64`.
    case int64([Int64])
    /// Codes of a format that fits `Int128` but not `Int64`.
    case int128([Int128])
    /// Codes of a wider format.
    case big([BigInt])
  }

  /// Which ``Storage`` a format uses.
  @usableFromInline
  enum Tier {
    case int64, int128, big

    /// The tier of `format`: the narrowest native word that holds every code.
    @usableFromInline
    init(_ format: FixedFormat) {
      self = format.fitsInt64 ? .int64 : (format.fitsInt128 ? .int128 : .big)
    }
  }

  /// An array of the given codes; every code must lie in the format's code range.
  public init(codes: [Int64], format: FixedFormat) {
    self.format = format
    switch Tier(format) {
    case .int64:
      let low = format.int64MinCode
      let high = format.int64MaxCode
      precondition(codes.allSatisfy { $0 >= low && $0 <= high }, "code outside \(format)")
      storage = .int64(codes)
    case .int128:
      let bounds = WordBounds<Int128>(format)
      let wide = codes.map { Int128($0) }
      precondition(
        wide.allSatisfy { $0 >= bounds.low && $0 <= bounds.high }, "code outside \(format)")
      storage = .int128(wide)
    case .big:
      let big = codes.map { BigInt($0) }
      precondition(big.allSatisfy { format.contains(code: $0) }, "code outside \(format)")
      storage = .big(big)
    }
  }

  /// An array of the given codes; every code must lie in the format's code range.
  public init(codes: [BigInt], format: FixedFormat) {
    precondition(codes.allSatisfy { format.contains(code: $0) }, "code outside \(format)")
    self.init(trustedCodes: codes, format: format)
  }

  /// An array of the given codes, or an error naming the first code outside the range.
  public init(validatingCodes codes: [BigInt], format: FixedFormat) throws(FixedPointError) {
    if let bad = codes.first(where: { !format.contains(code: $0) }) {
      throw .codeOutOfRange(bad, format)
    }
    self.init(trustedCodes: codes, format: format)
  }

  /// `count` copies of `value`.
  public init(repeating value: Fixed, count: Int) {
    self.init(trustedCodes: [BigInt](repeating: value.code, count: count), format: value.format)
  }

  /// `count` zeros in `format`: for example the destination of the `into:` operations.
  public init(zeros count: Int, format: FixedFormat) {
    precondition(count >= 0, "negative count")
    self.format = format
    switch Tier(format) {
    case .int64: storage = .int64([Int64](repeating: 0, count: count))
    case .int128: storage = .int128([Int128](repeating: 0, count: count))
    case .big: storage = .big([BigInt](repeating: 0, count: count))
    }
  }

  /// Codes already known to lie in range, stored in the format's tier.
  @usableFromInline
  init(trustedCodes codes: [BigInt], format: FixedFormat) {
    self.format = format
    switch Tier(format) {
    case .int64: storage = .int64(codes.map { $0.int64Value! })
    case .int128: storage = .int128(codes.map { $0.int128Value! })
    case .big: storage = .big(codes)
    }
  }

  /// Storage already known to be of the format's tier, with codes in range.
  @usableFromInline
  init(trustedStorage storage: Storage, format: FixedFormat) {
    self.format = format
    self.storage = storage
  }

  /// The codes as `Int64`, when the format fits (``FixedFormat/fitsInt64``); `nil` otherwise.
  public var int64Codes: [Int64]? {
    if case .int64(let codes) = storage { return codes }
    return nil
  }

  /// Every code as a ``BigInt``.
  public var codes: [BigInt] {
    switch storage {
    case .int64(let codes): return codes.map { BigInt($0) }
    case .int128(let codes): return codes.map { BigInt($0) }
    case .big(let codes): return codes
    }
  }

  /// The codes widened to `Int128` (shared, not copied, when stored so); the format must fit
  /// `Int128`.
  @usableFromInline
  var int128Words: [Int128] {
    switch storage {
    case .int64(let codes): return codes.map { Int128($0) }
    case .int128(let codes): return codes
    case .big: preconditionFailure("\(format) does not fit Int128")
    }
  }

  /// The code of element `index`.
  @inlinable
  public func code(at index: Int) -> BigInt {
    switch storage {
    case .int64(let codes): return BigInt(codes[index])
    case .int128(let codes): return BigInt(codes[index])
    case .big(let codes): return codes[index]
    }
  }

  /// The largest `|code|` (0 when empty): the input of shift-scale rules such as WAGEUBN's
  /// ``ShiftScale``.
  public var maxMagnitude: BigInt {
    switch storage {
    case .int64(let codes):
      let m = codes.reduce(UInt64(0)) { Swift.max($0, $1.magnitude) }
      return BigInt(m)
    case .int128(let codes):
      let m = codes.reduce(UInt128(0)) { Swift.max($0, $1.magnitude) }
      // Only Int128.min has a magnitude (2^127) beyond Int128.max.
      return m > UInt128(Int128.max) ? BigInt.powerOfTwo(127) : BigInt(Int128(m))
    case .big(let codes):
      return codes.reduce(BigInt(0)) { Swift.max($0, $1.magnitude) }
    }
  }
}

extension FixedArray: RandomAccessCollection {
  /// 0.
  public var startIndex: Int { 0 }

  /// The number of elements.
  public var endIndex: Int {
    switch storage {
    case .int64(let codes): return codes.count
    case .int128(let codes): return codes.count
    case .big(let codes): return codes.count
    }
  }

  /// Element `index` as a scalar.
  public subscript(index: Int) -> Fixed { Fixed(code: code(at: index), format: format) }
}

extension FixedArray: Equatable {
  /// Whether both arrays have the same format and the same codes.
  public static func == (a: FixedArray, b: FixedArray) -> Bool {
    guard a.format == b.format else { return false }
    switch (a.storage, b.storage) {
    case (.int64(let x), .int64(let y)): return x == y
    case (.int128(let x), .int128(let y)): return x == y
    default: return a.codes == b.codes
    }
  }
}
