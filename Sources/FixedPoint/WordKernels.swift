// The element loops of FixedArray's native fast paths, generic over the word type and
// specialised per rounding × overflow × event-sink triple by the dispatch in
// FixedArray+Quantize. With Int64 words every loop but the stochastic one vectorises.
// They are valid only under the preconditions their callers check; CodeRounding is the
// general path they must agree with.

@usableFromInline
enum WordKernels {
  /// One element of a right shift: `overflow(round(value / 2^count))`.
  @inline(__always) @usableFromInline
  static func shiftRightOne<W, R: KernelRoundingRule, O: KernelOverflowRule, E: KernelEventSink>(
    _ value: W, _ s: WordShift<W>, _ b: WordBounds<W>, random: W, _: R.Type, _: O.Type,
    _ events: inout E
  ) -> W where E.Word == W {
    let floor = value &>> s.count
    let remainder = value & s.mask
    let q =
      floor
      &+ R.increment(value: value, floor: floor, remainder: remainder, half: s.half, random: random)
    let result = O.apply(q, b)
    events.record(q, changed01: O.changed01(q, b), inexact01: W.nonZero01(remainder))
    return result
  }

  /// `out[i] = overflow(round(x[i] / 2^s))` for a deterministic rounding rule.
  @inline(__always) @usableFromInline
  static func shiftRight<W, R: KernelRoundingRule, O: KernelOverflowRule, E: KernelEventSink>(
    _ x: UnsafeBufferPointer<W>, _ out: UnsafeMutableBufferPointer<W>, _ s: WordShift<W>,
    _ b: WordBounds<W>, _ rule: R.Type, _ overflow: O.Type, _ events: inout E
  ) where E.Word == W {
    for i in 0..<x.count {
      out[i] = shiftRightOne(x[i], s, b, random: 0, rule, overflow, &events)
    }
  }

  /// `out[i] = overflow(roundStochastic(x[i] / 2^s))` with word `firstIndex + i` of `random`.
  ///
  /// Words `4k … 4k + 3` are the four lanes of one Philox block, so the loop computes each
  /// block once and hands its lanes to up to four consecutive elements.
  @inline(__always) @usableFromInline
  static func shiftRightStochastic<W, O: KernelOverflowRule, E: KernelEventSink>(
    _ x: UnsafeBufferPointer<W>, _ out: UnsafeMutableBufferPointer<W>, _ s: WordShift<W>,
    _ b: WordBounds<W>, _ overflow: O.Type, _ random: CounterRNG, firstIndex: UInt64,
    _ events: inout E
  ) where E.Word == W {
    var i = 0
    var index = firstIndex
    while i < x.count {
      let block = RandomWordBlock(random, containing: index)
      var lane = Int(index % 4)
      while lane < 4 && i < x.count {
        let fraction = s.fraction(of: block.words[lane])
        out[i] = shiftRightOne(
          x[i], s, b, random: fraction, RoundStochastic.self, overflow, &events)
        i += 1
        lane += 1
        index &+= 1
      }
    }
  }

  /// `out[i] = overflow(x[i] · 2^s)`; the caller guarantees the shift cannot overflow `W`.
  @inline(__always) @usableFromInline
  static func shiftLeft<W, O: KernelOverflowRule, E: KernelEventSink>(
    _ x: UnsafeBufferPointer<W>, _ out: UnsafeMutableBufferPointer<W>, _ s: W,
    _ b: WordBounds<W>, _: O.Type, _ events: inout E
  ) where E.Word == W {
    for i in 0..<x.count {
      let q = x[i] &<< s
      let result = O.apply(q, b)
      out[i] = result
      events.record(q, changed01: O.changed01(q, b), inexact01: 0)
    }
  }
}
