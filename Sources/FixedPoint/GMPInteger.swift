import CGMP

/// One GMP integer (`mpz_t`) on the heap, owned by this object.
///
/// The `mpz` lives behind a pointer rather than in a stored struct so it can be passed to GMP
/// as both source and destination without tripping Swift's exclusivity checks. Instances are
/// never mutated after ``make(_:)`` returns, which makes sharing them between ``BigInt`` values
/// (and threads) safe: every arithmetic result is a fresh object.
@usableFromInline
final class GMPInteger: @unchecked Sendable {
  /// The owned `mpz`, initialised in `init` and cleared in `deinit`.
  @usableFromInline let pointer: UnsafeMutablePointer<__mpz_struct>

  private init() {
    pointer = .allocate(capacity: 1)
    __gmpz_init(pointer)
  }

  deinit {
    __gmpz_clear(pointer)
    pointer.deallocate()
  }

  /// A new integer whose value `body` writes into the given `mpz`.
  @usableFromInline
  static func make(_ body: (UnsafeMutablePointer<__mpz_struct>) -> Void) -> GMPInteger {
    let result = GMPInteger()
    body(result.pointer)
    return result
  }

  /// Whether the value fits an `Int64` (`long` is 64 bits on every supported platform).
  var fitsInt64: Bool { __gmpz_fits_slong_p(pointer) != 0 }

  /// The value as an `Int64`; only meaningful when ``fitsInt64``.
  var int64Value: Int64 { Int64(__gmpz_get_si(pointer)) }

  /// −1, 0 or +1.
  @usableFromInline var signum: Int {
    let size = pointer.pointee._mp_size
    return size < 0 ? -1 : (size > 0 ? 1 : 0)
  }

  /// Limb `index` of the magnitude (least significant first), 0 past the end.
  func limb(_ index: Int) -> UInt64 { UInt64(__gmpz_getlimbn(pointer, index)) }

  /// The number of limbs of the magnitude.
  var limbCount: Int { Int(__gmpz_size(pointer)) }
}
