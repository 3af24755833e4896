// Where the array kernels report what they did: nowhere (the fastest loop) or into branch-free
// counters that add up to a QuantizationEvents.

/// Where a kernel reports what it did.
@usableFromInline
protocol KernelEventSink<Word> {
  /// The word type of the kernel.
  associatedtype Word: KernelWord
  /// Records one element: rounded code `q`, 1 when the overflow mode changed it, and 1 when
  /// bits were lost.
  mutating func record(_ q: Word, changed01: Word, inexact01: Word)
}

/// Discards events.
@usableFromInline struct NoKernelEvents<Word: KernelWord>: KernelEventSink {
  @inline(__always) @usableFromInline
  mutating func record(_ q: Word, changed01: Word, inexact01: Word) {}
}

/// Counts events with branch-free updates; bit lengths come from OR-reductions.
@usableFromInline struct KernelEventCounter<Word: KernelWord>: KernelEventSink {
  var overflowed: Word = 0
  var rounded: Word = 0
  /// OR of the non-negative rounded codes.
  var nonNegativeBits: Word = 0
  /// OR of `~q` over the negative rounded codes.
  var negativeBits: Word = 0
  /// 1 when some rounded code was negative.
  var sawNegative: Word = 0

  @usableFromInline init() {}

  @inline(__always) @usableFromInline
  mutating func record(_ q: Word, changed01: Word, inexact01: Word) {
    overflowed &+= changed01
    rounded &+= inexact01
    let sign = Word.mask(Word.negative01(q))
    nonNegativeBits |= q & ~sign
    negativeBits |= ~q & sign
    sawNegative |= sign & 1
  }

  /// Adds these counts for `count` elements quantized to `format` to `events`.
  func add(to events: inout QuantizationEvents, count: Int, format: FixedFormat) {
    guard count > 0 else { return }
    var summary = QuantizationEvents()
    summary.count = count
    summary.overflowed = Int(overflowed)
    summary.rounded = Int(rounded)
    // Bit lengths of the ORs: the largest magnitude (of q, or of ~q for negative q).
    let positive = Word.bitWidth - nonNegativeBits.leadingZeroBitCount
    let negative = Word.bitWidth - negativeBits.leadingZeroBitCount + 1
    if format.isSigned {
      summary.maxBitLength = 1 + max(positive, negative - 1)
    } else {
      summary.maxBitLength = max(1, positive, sawNegative != 0 ? negative : 0)
    }
    events.merge(summary)
  }
}
