// The overflow modes of the array kernels, one type per mode, as branch-free rules on the
// rounded code; CodeRounding.overflow is the general definition they must agree with.

/// The target range of one format in word type `W` (the format must fit `W`).
@usableFromInline
struct WordBounds<W: KernelWord> {
  /// The smallest code.
  let low: W
  /// The largest code.
  let high: W
  /// `high ^ low`: the bits that turn `high` into `low` (all ones for signed formats, `high`
  /// for unsigned ones).
  let highToLow: W
  /// What ``symmetricNearestBound(_:)`` adds for a negative value: 1 for signed formats
  /// (`~high + 1 = −high`), 0 for unsigned ones.
  let symmetricBump: W
  /// `2^W − 1` (all ones when the format is as wide as `W`): the bits `WRAP` keeps.
  let lowBits: W
  /// `2^(W−1)` for signed formats, 0 for unsigned: `((q & lowBits) ^ signBit) − signBit`
  /// sign-extends the kept bits.
  let signBit: W
  /// `min(W, bitWidth − 1)`: the first discarded bit for `WRAP_SM` (the top bit when the
  /// format is as wide as `W`, which then always equals the kept MSB).
  let discardedBit: W
  /// The one in-range code `SAT_SYM` moves: the most negative code of a signed format; −1
  /// (never in range) for an unsigned one.
  let symmetricExcluded: W

  // Not inlined: when the optimiser sees how these constants derive from the shift and the
  // format, it proves the masked arithmetic cannot wrap, turns it back into 64-bit
  // comparisons, and then finds vectorising those (no SSE2 instruction) unprofitable.
  @inline(never)
  init(_ format: FixedFormat) {
    let width = format.width
    precondition(width + (format.isSigned ? 0 : 1) <= W.bitWidth, "\(format) does not fit")
    low = format.isSigned ? W.min >> (W.bitWidth - width) : 0
    high = format.isSigned ? W.max >> (W.bitWidth - width) : W.max >> (W.bitWidth - 1 - width)
    highToLow = high ^ low
    symmetricBump = format.isSigned ? 1 : 0
    lowBits = width >= W.bitWidth ? ~0 : (1 << W(width)) &- 1
    signBit = format.isSigned ? 1 << W(width - 1) : 0
    discardedBit = W(min(width, W.bitWidth - 1))
    symmetricExcluded = format.isSigned ? low : -1
  }

  /// The low `W` bits of `q`, read with the format's signedness.
  @inline(__always) @usableFromInline
  func wrap(_ q: W) -> W { ((q & lowBits) ^ signBit) &- signBit }

  /// 1 when `q` lies in the range, else 0: exactly when wrapping gives `q` back. (Exact for
  /// every `q`, unlike comparisons by subtraction, and cheaper than general comparisons.)
  @inline(__always) @usableFromInline
  func inRange01(_ q: W) -> W { W.equal01(wrap(q), q) }

  /// `q` saturated to the range: the low bound for negative values outside it, the high one
  /// for positive ones.
  @inline(__always) @usableFromInline
  func saturate(_ q: W) -> W { W.select(W.mask(inRange01(q)), q, nearestBound(q)) }

  /// `low` for negative `q`, `high` otherwise, by arithmetic on the sign (a select here
  /// becomes a branch in loops the compiler does not vectorise, which random data
  /// mispredicts).
  @inline(__always) @usableFromInline
  func nearestBound(_ q: W) -> W { high ^ (W.mask(W.negative01(q)) & highToLow) }

  /// `−max` (`0` when unsigned) for negative `q`, `high` otherwise.
  @inline(__always) @usableFromInline
  func symmetricNearestBound(_ q: W) -> W {
    let sign = W.mask(W.negative01(q))
    return (high ^ (sign & highToLow)) &+ (sign & symmetricBump)
  }
}

/// One overflow mode as a branch-free rule on the rounded code.
@usableFromInline
protocol KernelOverflowRule {
  /// The stored code for the rounded code `q`.
  static func apply<W: KernelWord>(_ q: W, _ b: WordBounds<W>) -> W
  /// 1 when the stored code differs from `q` (the overflow event), else 0.
  static func changed01<W: KernelWord>(_ q: W, _ b: WordBounds<W>) -> W
}

extension KernelOverflowRule {
  /// Every mode but `SAT_SYM` changes exactly the codes outside the range. (`WRAP_SM` keeps an
  /// in-range code: its first discarded bit is its sign bit, equal to the kept MSB.)
  @inline(__always) @usableFromInline
  static func changed01<W: KernelWord>(_ q: W, _ b: WordBounds<W>) -> W { 1 &- b.inRange01(q) }
}

@usableFromInline enum OverflowWrap: KernelOverflowRule {
  @inline(__always) @usableFromInline
  static func apply<W: KernelWord>(_ q: W, _ b: WordBounds<W>) -> W { b.wrap(q) }
}

@usableFromInline enum OverflowSat: KernelOverflowRule {
  @inline(__always) @usableFromInline
  static func apply<W: KernelWord>(_ q: W, _ b: WordBounds<W>) -> W { b.saturate(q) }
}

@usableFromInline enum OverflowSatZero: KernelOverflowRule {
  @inline(__always) @usableFromInline
  static func apply<W: KernelWord>(_ q: W, _ b: WordBounds<W>) -> W {
    q & W.mask(b.inRange01(q))
  }
}

@usableFromInline enum OverflowSatSym: KernelOverflowRule {
  @inline(__always) @usableFromInline
  static func apply<W: KernelWord>(_ q: W, _ b: WordBounds<W>) -> W {
    W.select(W.mask(kept01(q, b)), q, b.symmetricNearestBound(q))
  }

  @inline(__always) @usableFromInline
  static func changed01<W: KernelWord>(_ q: W, _ b: WordBounds<W>) -> W { 1 &- kept01(q, b) }

  /// 1 when `q` lies in `−max … max` (signed) or `0 … max` (unsigned).
  @inline(__always) @usableFromInline
  static func kept01<W: KernelWord>(_ q: W, _ b: WordBounds<W>) -> W {
    b.inRange01(q) & W.nonZero01(q ^ b.symmetricExcluded)
  }
}

@usableFromInline enum OverflowWrapSM: KernelOverflowRule {
  @inline(__always) @usableFromInline
  static func apply<W: KernelWord>(_ q: W, _ b: WordBounds<W>) -> W {
    let wrapped = b.wrap(q)
    let discarded = (q &>> b.discardedBit) & 1
    return wrapped ^ W.mask(discarded ^ W.negative01(wrapped))
  }
}
