// The Swift accumulator kernel: the definition of a declared-width accumulation that the C
// paths (CFixedKernels) must match bit for bit, and the path for words the C kernels do not
// take (accumulators wider than 63 bits, products wider than 63 bits, operands wider than 32
// bits).

/// One declared-width accumulator's checked addition, computed in word type `W` (which must
/// hold the accumulator width and every product).
struct CheckedAdder<W: KernelWord> {
  let low: W
  let high: W
  let bounds: WordBounds<W>
  let saturate: Bool
  /// Additions whose exact sum lay outside the range.
  var overflows = 0
  /// OR of `s ^ (s >> (bitWidth − 1))` over every exact sum `s` that fit `W`.
  var magnitude: W = 0
  /// Whether some exact sum did not fit `W` (it then needed `W.bitWidth + 1` bits).
  var wordOverflow = false

  init(_ accumulator: Accumulator) {
    bounds = WordBounds<W>(accumulator.format(fractionBits: 0))
    low = bounds.low
    high = bounds.high
    saturate = accumulator.overflow == .saturate
  }

  /// `acc + p` checked against the range; `acc` lies in the range.
  @inline(__always)
  mutating func add(_ acc: W, _ p: W) -> W {
    let (s, carry) = acc.addingReportingOverflow(p)
    if carry {
      // The exact sum lies beyond W, so beyond the range; its low bits are those of `s`.
      wordOverflow = true
      overflows += 1
      return saturate ? (p < 0 ? low : high) : bounds.wrap(s)
    }
    magnitude |= s ^ (s >> (W.bitWidth - 1))
    if s >= low && s <= high { return s }
    overflows += 1
    return saturate ? (s < 0 ? low : high) : bounds.wrap(s)
  }

  /// The counters for `additions` additions made through this adder.
  func events(additions: Int) -> AccumulatorEvents {
    var e = AccumulatorEvents()
    e.additions = additions
    e.overflows = overflows
    e.saturations = saturate ? overflows : 0
    if additions > 0 {
      e.maxBitLength =
        wordOverflow ? W.bitWidth + 1 : 1 + W.bitWidth - magnitude.leadingZeroBitCount
    }
    return e
  }
}

/// The shapes of one product `out[i, j] = Σ_k a(i, k) · b[k, j]` over raw codes:
/// `a(i, k) = a[i·aRow + k·aColumn]`, `b` row-major `[k, n]`, `out` row-major `[m, n]`.
struct ProductShape {
  let m: Int
  let k: Int
  let n: Int
  let aRow: Int
  let aColumn: Int

  /// The number of additions: one per term of every output.
  var additions: Int { m * n * k }
}

enum CheckedAccumulator {
  /// The product of ``ProductShape`` in word `W`, terms added in increasing `k` from zero,
  /// into `out` (`m·n` words, overwritten).
  static func product<W: KernelWord>(
    _ a: UnsafePointer<Int64>, _ b: UnsafePointer<Int64>, _ s: ProductShape,
    _ out: UnsafeMutablePointer<W>, _ adder: inout CheckedAdder<W>
  ) {
    out.initialize(repeating: 0, count: s.m * s.n)
    for i in 0..<s.m {
      let row = i * s.n
      for k in 0..<s.k {
        let av = a[i * s.aRow + k * s.aColumn]
        // Adding a zero product to an in-range sum changes nothing and cannot overflow.
        if av == 0 { continue }
        let aw = W(av)
        let bRow = k * s.n
        for j in 0..<s.n {
          out[row + j] = adder.add(out[row + j], aw &* W(b[bRow + j]))
        }
      }
    }
  }
}
