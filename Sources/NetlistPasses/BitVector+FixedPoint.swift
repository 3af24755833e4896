import FixedPoint
import NetlistIR

// The bridge between FixedPoint's integer codes and netlist bit vectors: a code is stored as
// its two's-complement bits, and read back with a signedness. Kept in its own file so it can
// move to whichever target ends up owning both types.

extension BitVector {
  /// The low `width` bits of `code` in two's complement (negative codes sign-extended first).
  public init(code: BigInt, width: Int) {
    let wordCount = BitVector.wordCount(forWidth: width)
    var words = [UInt64](repeating: 0, count: wordCount)
    for i in 0..<wordCount {
      // lowBits is never negative, so its 64 bits fit UInt64 exactly.
      let chunk = (code >> (64 * i)).lowBits(64)
      words[i] = UInt64(truncatingIfNeeded: chunk.int128Value!)
    }
    self.init(width: width, words: words)
  }

  /// The bits of a fixed-point value's code, `format.width` bits wide.
  public init(_ value: Fixed) {
    self.init(code: value.code, width: value.format.width)
  }

  /// The bits read as an integer with `signedness` (two's complement when signed).
  public func code(_ signedness: Signedness) -> BigInt {
    var value = BigInt(0)
    for word in words.reversed() { value = (value << 64) + BigInt(word) }
    if signedness == .signed && msb { value = value - BigInt.powerOfTwo(width) }
    return value
  }

  /// The value whose code these bits are in `format` (the vector must be `format.width` bits
  /// wide; the format's signedness decides how they are read).
  public func fixed(_ format: FixedFormat) -> Fixed {
    precondition(width == format.width, "\(width) bits read as \(format)")
    return Fixed(code: code(format.isSigned ? .signed : .unsigned), format: format)
  }
}

extension FixedFormat {
  /// How netlist ops read this format's codes.
  package var signedness: Signedness { isSigned ? .signed : .unsigned }
}

extension FixedArray {
  /// Every code as a `format.width`-bit vector.
  package var bitVectors: [BitVector] {
    (0..<count).map { BitVector(code: code(at: $0), width: format.width) }
  }

  /// The array whose codes are `vectors` read in `format` (each `format.width` bits wide).
  public init(bitVectors vectors: [BitVector], format: FixedFormat) {
    self.init(codes: vectors.map { $0.fixed(format).code }, format: format)
  }
}
