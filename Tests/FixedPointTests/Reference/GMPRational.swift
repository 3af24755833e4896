import CGMP
import FixedPoint

#if canImport(Glibc)
  import Glibc
#endif

/// An exact rational over GMP `mpq` for the arbitrary-width oracle. Each value owns its `mpq`
/// and is immutable after construction.
final class MPQ: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<__mpq_struct>

  init() {
    pointer = .allocate(capacity: 1)
    __gmpq_init(pointer)
  }

  deinit {
    __gmpq_clear(pointer)
    pointer.deallocate()
  }

  var numerator: UnsafeMutablePointer<__mpz_struct> {
    UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: __mpz_struct.self)
  }

  var denominator: UnsafeMutablePointer<__mpz_struct> { numerator + 1 }
}

struct GMPRational: ExactRational, CustomStringConvertible {
  let value: MPQ

  private init(_ body: (UnsafeMutablePointer<__mpq_struct>) -> Void) {
    value = MPQ()
    body(value.pointer)
  }

  init(code: BigInt, fractionBits: Int) {
    self.init { q in
      // Through the decimal text: independent of BigInt's own GMP plumbing.
      _ = code.description.withCString { __gmpq_set_str(q, $0, 10) }
      if fractionBits >= 0 {
        __gmpq_div_2exp(q, q, UInt(fractionBits))
      } else {
        __gmpq_mul_2exp(q, q, UInt(-fractionBits))
      }
    }
  }

  init(word: UInt64) { self.init { __gmpq_set_ui($0, UInt(word), 1) } }

  static func + (a: Self, b: Self) -> Self {
    Self { __gmpq_add($0, a.value.pointer, b.value.pointer) }
  }
  static func - (a: Self, b: Self) -> Self {
    Self { __gmpq_sub($0, a.value.pointer, b.value.pointer) }
  }
  static func * (a: Self, b: Self) -> Self {
    Self { __gmpq_mul($0, a.value.pointer, b.value.pointer) }
  }

  func divided(by other: Self) -> Self {
    Self { __gmpq_div($0, value.pointer, other.value.pointer) }
  }

  func timesPowerOfTwo(_ exponent: Int) -> Self {
    Self { q in
      if exponent >= 0 {
        __gmpq_mul_2exp(q, value.pointer, UInt(exponent))
      } else {
        __gmpq_div_2exp(q, value.pointer, UInt(-exponent))
      }
    }
  }

  var floor: Self {
    Self { q in
      let n = UnsafeMutableRawPointer(q).assumingMemoryBound(to: __mpz_struct.self)
      __gmpz_fdiv_q(n, value.numerator, value.denominator)
      __gmpz_set_ui(n + 1, 1)
    }
  }

  var integerBitLength: Int {
    precondition(__gmpz_cmp_ui(value.denominator, 1) == 0)
    return value.numerator.pointee._mp_size == 0 ? 0 : Int(__gmpz_sizeinbase(value.numerator, 2))
  }

  var integerDescription: String {
    precondition(__gmpz_cmp_ui(value.denominator, 1) == 0)
    let chars = __gmpz_get_str(nil, 10, value.numerator)!
    defer { free(chars) }
    return String(cString: chars)
  }

  static func == (a: Self, b: Self) -> Bool { __gmpq_equal(a.value.pointer, b.value.pointer) != 0 }
  static func < (a: Self, b: Self) -> Bool { __gmpq_cmp(a.value.pointer, b.value.pointer) < 0 }

  var description: String {
    let chars = __gmpq_get_str(nil, 10, value.pointer)!
    defer { free(chars) }
    return String(cString: chars)
  }
}
