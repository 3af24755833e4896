import FixedPoint
import _TestSupport

/// Inputs for the sweeps: every code of a format, random codes biased toward edge cases.
enum TestValues {
  /// Every code of a (small) format, smallest first.
  static func allCodes(_ format: FixedFormat) -> [BigInt] {
    let low = format.minCode.int64Value!
    let high = format.maxCode.int64Value!
    return (low...high).map { BigInt($0) }
  }

  /// `f` parsed; test inputs are well-formed.
  static func format(_ text: String) -> FixedFormat { try! FixedFormat(parsing: text) }

  /// A random code of `format`: a uniform bit pattern half the time, otherwise an edge value
  /// (0, ±1, min, max, their neighbours, ± a power of two).
  static func randomCode(_ format: FixedFormat, _ rng: inout SeededRandom) -> BigInt {
    let w = format.width
    let candidate: BigInt
    switch rng.next() % 8 {
    case 0: candidate = format.minCode + BigInt(Int(rng.next() % 3))
    case 1: candidate = format.maxCode - BigInt(Int(rng.next() % 3))
    case 2: candidate = BigInt(Int(rng.next() % 5)) - 2
    case 3:
      let p = BigInt.powerOfTwo(Int(rng.next() % UInt64(w)))
      candidate = rng.next() % 2 == 0 ? p : -p
    default:
      var bits = BigInt(0)
      for i in 0..<((w + 63) / 64) { bits = bits + (BigInt(rng.next()) << (64 * i)) }
      let pattern = bits.lowBits(w)
      candidate =
        format.isSigned && pattern.bit(w - 1) ? pattern - BigInt.powerOfTwo(w) : pattern
    }
    return format.contains(code: candidate) ? candidate : BigInt(0)
  }

  /// A format of width `width` with a random signedness and binary point.
  static func randomFormat(width: Int, _ rng: inout SeededRandom) -> FixedFormat {
    let signed = rng.next() % 4 != 0
    let f = Int(rng.next() % UInt64(width + 12)) - 6
    return FixedFormat(signed: signed, width: width, fractionBits: f)
  }

  /// A deterministic mode drawn from the list.
  static func pick<T>(_ options: [T], _ rng: inout SeededRandom) -> T {
    options[Int(rng.next() % UInt64(options.count))]
  }
}

extension BigInt {
  /// Hex of the two's-complement value for failure messages.
  var hex: String { (isNegative ? "-0x" : "0x") + magnitude.hexDigits(width: max(1, bitLength)) }
}
