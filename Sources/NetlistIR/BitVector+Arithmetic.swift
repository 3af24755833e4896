// Word-level integer arithmetic on bit vectors. These functions define the meaning of every
// arithmetic op in the netlist (see `Op`); the reference interpreter and constant folding call
// them, and the gate-level lowering is checked against them.

extension BitVector {
  /// Whether the vector is negative under the given reading.
  package func isNegative(_ signedness: Signedness) -> Bool { signedness == .signed && msb }

  /// Bitwise complement.
  public static prefix func ~ (a: BitVector) -> BitVector {
    var out = a
    for i in 0..<out.words.count { out.words[i] = ~a.words[i] }
    out.clearUnusedBits()
    return out
  }

  /// Combines two equal-width vectors word by word.
  public static func bitwise(
    _ a: BitVector, _ b: BitVector, _ combine: (UInt64, UInt64) -> UInt64
  ) -> BitVector {
    precondition(a.width == b.width, "bitwise operands differ in width")
    var out = a
    for i in 0..<out.words.count { out.words[i] = combine(a.words[i], b.words[i]) }
    out.clearUnusedBits()
    return out
  }

  /// `(a + b) mod 2^width` after extending both operands to `width` bits.
  public static func sum(
    _ a: BitVector, _ b: BitVector, width: Int, _ signedness: Signedness, subtract: Bool = false
  ) -> BitVector {
    let x = a.resized(to: width, signedness)
    var y = b.resized(to: width, signedness)
    if subtract { y = ~y }
    var out = BitVector(zeroWidth: width)
    var carry: UInt64 = subtract ? 1 : 0
    for i in 0..<out.words.count {
      let (s1, c1) = x.words[i].addingReportingOverflow(y.words[i])
      let (s2, c2) = s1.addingReportingOverflow(carry)
      out.words[i] = s2
      carry = (c1 ? 1 : 0) + (c2 ? 1 : 0)
    }
    out.clearUnusedBits()
    return out
  }

  /// `(a × b) mod 2^width` after extending both operands to `width` bits.
  public static func product(
    _ a: BitVector, _ b: BitVector, width: Int, _ signedness: Signedness
  ) -> BitVector {
    let x = a.resized(to: width, signedness)
    let y = b.resized(to: width, signedness)
    let n = BitVector.wordCount(forWidth: width)
    var acc = [UInt64](repeating: 0, count: n)
    for i in 0..<n where x.words[i] != 0 {
      var carry: UInt64 = 0
      for j in 0..<(n - i) {
        let (hi, lo) = x.words[i].multipliedFullWidth(by: y.words[j])
        let (s1, c1) = acc[i + j].addingReportingOverflow(lo)
        let (s2, c2) = s1.addingReportingOverflow(carry)
        acc[i + j] = s2
        carry = hi &+ (c1 ? 1 : 0) &+ (c2 ? 1 : 0)
      }
    }
    return BitVector(width: width, words: acc)
  }

  /// Three-way comparison under the given reading: −1, 0 or +1.
  public static func compare(_ a: BitVector, _ b: BitVector, _ signedness: Signedness) -> Int {
    let width = Swift.max(a.width, b.width)
    let x = a.resized(to: width, signedness)
    let y = b.resized(to: width, signedness)
    let nx = x.isNegative(signedness)
    let ny = y.isNegative(signedness)
    if nx != ny { return nx ? -1 : 1 }
    for i in stride(from: x.words.count - 1, through: 0, by: -1) where x.words[i] != y.words[i] {
      return x.words[i] < y.words[i] ? -1 : 1
    }
    return 0
  }

  /// Shift toward the MSB by `count` bits, keeping the width (bits shifted out are lost).
  package func shiftedLeft(by count: Int) -> BitVector {
    var out = BitVector(zeroWidth: width)
    if count >= width { return out }
    for i in count..<width where self[bit: i - count] { out[bit: i] = true }
    return out
  }

  /// Shift toward the LSB by `count` bits, keeping the width; arithmetic when signed.
  package func shiftedRight(by count: Int, _ signedness: Signedness) -> BitVector {
    let fill = isNegative(signedness)
    var out = BitVector(zeroWidth: width)
    for i in 0..<width {
      let source = i + count
      out[bit: i] = source < width ? self[bit: source] : fill
    }
    return out
  }

  /// Concatenation with `parts[0]` as the most significant part (Verilog `{a, b}` order).
  package static func concatenate(_ parts: [BitVector]) -> BitVector {
    var out = BitVector(zeroWidth: parts.reduce(0) { $0 + $1.width })
    var bit = 0
    for part in parts.reversed() {
      for i in 0..<part.width where part[bit: i] { out[bit: bit + i] = true }
      bit += part.width
    }
    return out
  }

  /// Whether the value, read with `signedness`, is representable in `newWidth` bits of the
  /// same signedness.
  public func fits(inWidth newWidth: Int, _ signedness: Signedness) -> Bool {
    if newWidth >= width { return true }
    switch signedness {
    case .unsigned:
      return (newWidth..<width).allSatisfy { !self[bit: $0] }
    case .signed:
      let sign = self[bit: newWidth - 1]
      return (newWidth..<width).allSatisfy { self[bit: $0] == sign }
    }
  }

  /// The largest value of a `width`-bit format.
  package static func maximum(width: Int, _ signedness: Signedness) -> BitVector {
    var v = BitVector.ones(width: width)
    if signedness == .signed { v[bit: width - 1] = false }
    return v
  }

  /// The smallest value of a `width`-bit format.
  package static func minimum(width: Int, _ signedness: Signedness) -> BitVector {
    var v = BitVector(zeroWidth: width)
    if signedness == .signed { v[bit: width - 1] = true }
    return v
  }

  /// Divides by `2^count` with the given rounding and returns the quotient modulo
  /// `2^width` — the meaning of the `round` op, the hardware form of dropping fraction bits.
  ///
  /// For ``RoundingMode/stochastic`` the `random` vector (`count` bits, uniform) decides:
  /// the quotient is rounded up when `random < remainder`.
  package func roundedShift(
    by count: Int, mode: RoundingMode, _ signedness: Signedness, width newWidth: Int,
    random: BitVector? = nil
  ) -> BitVector {
    let wide = Swift.max(width, newWidth, count) + 2
    let x = resized(to: wide, signedness)
    var q = x.shiftedRight(by: count, .signed)
    if count > 0 {
      let r = x.slice(low: 0, count: count)
      let up: Bool
      if mode == .stochastic {
        guard let random else { preconditionFailure("stochastic rounding needs random bits") }
        up = BitVector.compare(random, r, .unsigned) < 0
      } else {
        let half = r[bit: count - 1]
        let belowHalfNonzero = count >= 2 && !r.slice(low: 0, count: count - 1).isZero
        let versusHalf = half ? (belowHalfNonzero ? 1 : 0) : -1
        up = mode.roundsUp(
          remainderIsZero: r.isZero, remainderVersusHalf: versusHalf,
          valueIsNegative: isNegative(signedness), quotientIsOdd: q[bit: 0])
      }
      if up {
        q = BitVector.sum(q, BitVector(width: 1, truncating: 1 as UInt64), width: wide, .unsigned)
      }
    }
    return q.resized(to: newWidth, .signed)
  }

  /// Converts to `newWidth` bits of the same signedness, handling values that do not fit
  /// with `mode` — the meaning of the `resize` op (ap_fixed overflow semantics).
  package func resized(
    to newWidth: Int, overflow mode: OverflowMode, _ signedness: Signedness
  ) -> BitVector {
    let fitsTarget = fits(inWidth: newWidth, signedness)
    let negative = isNegative(signedness)
    let wrapped = resized(to: newWidth, signedness)
    let minimum = BitVector.minimum(width: newWidth, signedness)
    let symmetricMinimum = BitVector.sum(
      minimum, BitVector(width: 1, truncating: 1 as UInt64), width: newWidth, .unsigned)
    switch mode {
    case .wrap:
      return wrapped
    case .sat:
      if fitsTarget { return wrapped }
      return negative ? minimum : BitVector.maximum(width: newWidth, signedness)
    case .satZero:
      return fitsTarget ? wrapped : BitVector(zeroWidth: newWidth)
    case .satSym:
      guard signedness == .signed else {
        return resized(to: newWidth, overflow: .sat, signedness)
      }
      if !fitsTarget {
        return negative ? symmetricMinimum : BitVector.maximum(width: newWidth, .signed)
      }
      return wrapped == minimum ? symmetricMinimum : wrapped
    case .wrapSM:
      precondition(signedness == .signed, "WRAP_SM needs a signed format")
      if newWidth >= width { return wrapped }
      let firstDiscarded = self[bit: newWidth]
      return firstDiscarded == wrapped.msb ? wrapped : ~wrapped
    }
  }
}
