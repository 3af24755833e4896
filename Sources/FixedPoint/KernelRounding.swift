// The rounding modes of the array kernels, one type per mode so each loop is specialised for
// its mode (no per-element switch). Each is a branch-free rule on the floor quotient and the
// dropped bits; CodeRounding.shiftRight is the general definition they must agree with.

/// The constants of one right shift with rounding in word type `W`.
@usableFromInline
struct WordShift<W: KernelWord> {
  /// Bits dropped, `1 … W.bitWidth − 2` (so remainders and halves cannot wrap when compared).
  let count: W
  /// `2^count − 1`.
  let mask: W
  /// `2^(count−1)`.
  let half: W
  /// How a 64-bit random word becomes a `count`-bit fraction: shift it right by this much…
  let wordRightShift: UInt64
  /// …then left by this much (`count > 64`).
  let wordLeftShift: W

  // Not inlined: when the optimiser sees how these constants derive from the shift and the
  // format, it proves the masked arithmetic cannot wrap, turns it back into 64-bit
  // comparisons, and then finds vectorising those (no SSE2 instruction) unprofitable.
  @inline(never)
  init(count: Int) {
    precondition(count >= 1 && count <= W.bitWidth - 2, "shift \(count) outside the kernel range")
    self.count = W(count)
    mask = (1 << W(count)) &- 1
    half = 1 << W(count - 1)
    wordRightShift = UInt64(max(0, 64 - count))
    wordLeftShift = W(max(0, count - 64))
  }

  /// The top `count` bits of `word` (padded with zeros below when `count > 64`): the random
  /// fraction stochastic rounding compares with the dropped bits.
  @inline(__always) @usableFromInline
  func fraction(of word: UInt64) -> W {
    W(truncatingIfNeeded: word &>> wordRightShift) &<< wordLeftShift
  }
}

/// One rounding mode as a branch-free rule.
@usableFromInline
protocol KernelRoundingRule {
  /// 1 when the floor quotient must be incremented, else 0.
  /// - Parameters:
  ///   - value: the code being shifted.
  ///   - floor: `value >> count`.
  ///   - remainder: the dropped bits, `0 ..< 2^count`.
  ///   - half: `2^(count−1)`.
  ///   - random: the random fraction (``WordShift/fraction(of:)``); read by stochastic only.
  static func increment<W: KernelWord>(value: W, floor: W, remainder: W, half: W, random: W) -> W
}

@usableFromInline enum RoundTRN: KernelRoundingRule {
  @inline(__always) @usableFromInline
  static func increment<W: KernelWord>(value: W, floor: W, remainder: W, half: W, random: W) -> W {
    0
  }
}

@usableFromInline enum RoundTRNZero: KernelRoundingRule {
  @inline(__always) @usableFromInline
  static func increment<W: KernelWord>(value: W, floor: W, remainder: W, half: W, random: W) -> W {
    W.negative01(value) & W.nonZero01(remainder)
  }
}

@usableFromInline enum RoundRND: KernelRoundingRule {
  @inline(__always) @usableFromInline
  static func increment<W: KernelWord>(value: W, floor: W, remainder: W, half: W, random: W) -> W {
    1 &- W.lessNonNegative01(remainder, half)
  }
}

@usableFromInline enum RoundRNDZero: KernelRoundingRule {
  @inline(__always) @usableFromInline
  static func increment<W: KernelWord>(value: W, floor: W, remainder: W, half: W, random: W) -> W {
    W.lessNonNegative01(half, remainder) | (W.equal01(remainder, half) & W.negative01(value))
  }
}

@usableFromInline enum RoundRNDMinInf: KernelRoundingRule {
  @inline(__always) @usableFromInline
  static func increment<W: KernelWord>(value: W, floor: W, remainder: W, half: W, random: W) -> W {
    W.lessNonNegative01(half, remainder)
  }
}

@usableFromInline enum RoundRNDInf: KernelRoundingRule {
  @inline(__always) @usableFromInline
  static func increment<W: KernelWord>(value: W, floor: W, remainder: W, half: W, random: W) -> W {
    W.lessNonNegative01(half, remainder) | (W.equal01(remainder, half) & (1 &- W.negative01(value)))
  }
}

@usableFromInline enum RoundRNDConv: KernelRoundingRule {
  @inline(__always) @usableFromInline
  static func increment<W: KernelWord>(value: W, floor: W, remainder: W, half: W, random: W) -> W {
    W.lessNonNegative01(half, remainder) | (W.equal01(remainder, half) & floor & 1)
  }
}

@usableFromInline enum RoundStochastic: KernelRoundingRule {
  @inline(__always) @usableFromInline
  static func increment<W: KernelWord>(value: W, floor: W, remainder: W, half: W, random: W) -> W {
    W.lessNonNegative01(random, remainder)
  }
}
