// The Int64 fast paths of FixedArray. Each rounding and overflow mode is a type, so the loops
// below are specialised per mode pair (no per-element switch) and vectorise where they can.
// They are valid only under the preconditions their callers check; CodeRounding is the
// general path they must agree with.

/// The constants of one right shift with rounding.
@usableFromInline
struct Int64Shift {
  /// Bits dropped, 1 … 62.
  let count: Int64
  /// `2^count − 1`.
  let mask: Int64
  /// `2^(count−1)`.
  let half: Int64
  /// Randomness for stochastic rounding (unused by other modes).
  let random: CounterRNG
  /// Word index of element 0.
  let firstIndex: UInt64

  init(count: Int, random: CounterRNG?, firstIndex: UInt64) {
    self.count = Int64(count)
    mask = (1 << Int64(count)) - 1
    half = 1 << Int64(count - 1)
    self.random = random ?? CounterRNG(seed: 0)
    self.firstIndex = firstIndex
  }
}

/// One rounding mode as a branch-free rule on `floor` and the dropped bits `remainder`
/// (comparisons become 0/1 masks combined with `&` and `|`, so random data costs no
/// mispredicted branches).
@usableFromInline
protocol Int64RoundingRule {
  /// 1 when the floor quotient must be incremented, else 0.
  static func increment(value: Int64, floor: Int64, remainder: Int64, _ s: Int64Shift, _ i: Int)
    -> Int64
}

@usableFromInline enum RoundTRN: Int64RoundingRule {
  @inline(__always) @usableFromInline
  static func increment(value: Int64, floor: Int64, remainder: Int64, _ s: Int64Shift, _ i: Int)
    -> Int64
  { 0 }
}

@usableFromInline enum RoundTRNZero: Int64RoundingRule {
  @inline(__always) @usableFromInline
  static func increment(value: Int64, floor: Int64, remainder: Int64, _ s: Int64Shift, _ i: Int)
    -> Int64
  { (value &>> 63) & (remainder != 0 ? 1 : 0) }
}

@usableFromInline enum RoundRND: Int64RoundingRule {
  @inline(__always) @usableFromInline
  static func increment(value: Int64, floor: Int64, remainder: Int64, _ s: Int64Shift, _ i: Int)
    -> Int64
  { remainder >= s.half ? 1 : 0 }
}

@usableFromInline enum RoundRNDZero: Int64RoundingRule {
  @inline(__always) @usableFromInline
  static func increment(value: Int64, floor: Int64, remainder: Int64, _ s: Int64Shift, _ i: Int)
    -> Int64
  { (remainder > s.half ? 1 : 0) | ((remainder == s.half ? 1 : 0) & (value &>> 63)) }
}

@usableFromInline enum RoundRNDMinInf: Int64RoundingRule {
  @inline(__always) @usableFromInline
  static func increment(value: Int64, floor: Int64, remainder: Int64, _ s: Int64Shift, _ i: Int)
    -> Int64
  { remainder > s.half ? 1 : 0 }
}

@usableFromInline enum RoundRNDInf: Int64RoundingRule {
  @inline(__always) @usableFromInline
  static func increment(value: Int64, floor: Int64, remainder: Int64, _ s: Int64Shift, _ i: Int)
    -> Int64
  { (remainder > s.half ? 1 : 0) | ((remainder == s.half ? 1 : 0) & ~(value &>> 63)) }
}

@usableFromInline enum RoundRNDConv: Int64RoundingRule {
  @inline(__always) @usableFromInline
  static func increment(value: Int64, floor: Int64, remainder: Int64, _ s: Int64Shift, _ i: Int)
    -> Int64
  { (remainder > s.half ? 1 : 0) | ((remainder == s.half ? 1 : 0) & floor) }
}

@usableFromInline enum RoundStochastic: Int64RoundingRule {
  @inline(__always) @usableFromInline
  static func increment(value: Int64, floor: Int64, remainder: Int64, _ s: Int64Shift, _ i: Int)
    -> Int64
  {
    let word = s.random.word(at: s.firstIndex &+ UInt64(i))
    return word &>> UInt64(64 - s.count) < UInt64(remainder) ? 1 : 0
  }
}

/// The target range of one Int64-tier format.
@usableFromInline
struct Int64Bounds {
  let low: Int64
  let high: Int64
  /// −max for signed formats, 0 for unsigned (the lower bound of `SAT_SYM`).
  let symmetricLow: Int64
  /// `64 − W`: the shift pair that wraps to `W` bits.
  let wrapShift: Int64
  let signed: Bool
  /// `min(W, 63)`: the first discarded bit for `WRAP_SM` (bit 63 when `W = 64`, which then
  /// always equals the kept MSB).
  let discardedBit: Int64

  init(_ format: FixedFormat) {
    low = format.int64MinCode
    high = format.int64MaxCode
    symmetricLow = format.isSigned ? -high : 0
    wrapShift = Int64(64 - format.width)
    signed = format.isSigned
    discardedBit = Int64(min(format.width, 63))
  }

  /// The low `W` bits of `q`, read with the format's signedness.
  @inline(__always) @usableFromInline
  func wrap(_ q: Int64) -> Int64 {
    let t = q &<< wrapShift
    return signed ? t &>> wrapShift : Int64(bitPattern: UInt64(bitPattern: t) &>> UInt64(wrapShift))
  }
}

/// `condition ? a : b` through a mask, so the compiler emits no branch (saturation on random
/// data would mispredict half the time).
@inline(__always) @usableFromInline
func choose(_ condition: Bool, _ a: Int64, _ b: Int64) -> Int64 {
  let mask = -Int64(condition ? 1 : 0)
  return b ^ ((a ^ b) & mask)
}

/// One overflow mode as a rule on the rounded code.
@usableFromInline
protocol Int64OverflowRule {
  /// The stored code for the rounded code `q`.
  static func apply(_ q: Int64, _ b: Int64Bounds) -> Int64
}

@usableFromInline enum OverflowWrap: Int64OverflowRule {
  @inline(__always) @usableFromInline
  static func apply(_ q: Int64, _ b: Int64Bounds) -> Int64 { b.wrap(q) }
}

@usableFromInline enum OverflowSat: Int64OverflowRule {
  @inline(__always) @usableFromInline
  static func apply(_ q: Int64, _ b: Int64Bounds) -> Int64 {
    choose(q > b.high, b.high, choose(q < b.low, b.low, q))
  }
}

@usableFromInline enum OverflowSatZero: Int64OverflowRule {
  @inline(__always) @usableFromInline
  static func apply(_ q: Int64, _ b: Int64Bounds) -> Int64 {
    choose(q < b.low, 0, choose(q > b.high, 0, q))
  }
}

@usableFromInline enum OverflowSatSym: Int64OverflowRule {
  @inline(__always) @usableFromInline
  static func apply(_ q: Int64, _ b: Int64Bounds) -> Int64 {
    choose(q > b.high, b.high, choose(q < b.symmetricLow, b.symmetricLow, q))
  }
}

@usableFromInline enum OverflowWrapSM: Int64OverflowRule {
  @inline(__always) @usableFromInline
  static func apply(_ q: Int64, _ b: Int64Bounds) -> Int64 {
    let wrapped = b.wrap(q)
    let discarded = (q &>> b.discardedBit) & 1
    let keptMSB = (wrapped &>> 63) & 1
    return wrapped ^ -(discarded ^ keptMSB)
  }
}

/// Where a kernel reports what it did.
@usableFromInline
protocol Int64EventSink {
  /// Records one element: rounded code `q`, stored `result`, and whether bits were lost.
  mutating func record(_ q: Int64, _ result: Int64, inexact: Bool)
}

/// Discards events (the fastest loop).
@usableFromInline struct NoInt64Events: Int64EventSink {
  @inline(__always) @usableFromInline
  mutating func record(_ q: Int64, _ result: Int64, inexact: Bool) {}
}

/// Counts events with branch-free updates; bit lengths come from OR-reductions.
@usableFromInline struct Int64EventCounter: Int64EventSink {
  var overflowed = 0
  var rounded = 0
  /// OR of the non-negative rounded codes.
  var nonNegativeBits: UInt64 = 0
  /// OR of `~q` over the negative rounded codes.
  var negativeBits: UInt64 = 0
  /// 1 when some rounded code was negative.
  var sawNegative: UInt64 = 0

  @inline(__always) @usableFromInline
  mutating func record(_ q: Int64, _ result: Int64, inexact: Bool) {
    overflowed &+= q != result ? 1 : 0
    rounded &+= inexact ? 1 : 0
    let sign = q &>> 63  // 0 or −1
    nonNegativeBits |= UInt64(bitPattern: q & ~sign)
    negativeBits |= UInt64(bitPattern: ~q & sign)
    sawNegative |= UInt64(bitPattern: sign) & 1
  }

  /// Adds these counts for `count` elements quantized to `format` to `events`.
  func add(to events: inout QuantizationEvents, count: Int, format: FixedFormat) {
    guard count > 0 else { return }
    var summary = QuantizationEvents()
    summary.count = count
    summary.overflowed = overflowed
    summary.rounded = rounded
    let positive = 64 - nonNegativeBits.leadingZeroBitCount
    let negative = 65 - negativeBits.leadingZeroBitCount
    if format.isSigned {
      summary.maxBitLength = 1 + max(positive, negative - 1)
    } else {
      summary.maxBitLength = max(1, positive, sawNegative != 0 ? negative : 0)
    }
    events.merge(summary)
  }
}

@usableFromInline
enum Int64Kernels {
  /// `out[i] = overflow(round(x[i] / 2^s))`.
  @inline(__always) @usableFromInline
  static func shiftRight<R: Int64RoundingRule, O: Int64OverflowRule, E: Int64EventSink>(
    _ x: UnsafeBufferPointer<Int64>, _ out: UnsafeMutableBufferPointer<Int64>, _ s: Int64Shift,
    _ b: Int64Bounds, _: R.Type, _: O.Type, _ events: inout E
  ) {
    for i in 0..<x.count {
      let value = x[i]
      let floor = value &>> s.count
      let remainder = value & s.mask
      let q = floor &+ R.increment(value: value, floor: floor, remainder: remainder, s, i)
      let result = O.apply(q, b)
      out[i] = result
      events.record(q, result, inexact: remainder != 0)
    }
  }

  /// `out[i] = overflow(x[i] · 2^s)`; the caller guarantees the shift cannot overflow.
  @inline(__always) @usableFromInline
  static func shiftLeft<O: Int64OverflowRule, E: Int64EventSink>(
    _ x: UnsafeBufferPointer<Int64>, _ out: UnsafeMutableBufferPointer<Int64>, _ s: Int64,
    _ b: Int64Bounds, _: O.Type, _ events: inout E
  ) {
    for i in 0..<x.count {
      let q = x[i] &<< s
      let result = O.apply(q, b)
      out[i] = result
      events.record(q, result, inexact: false)
    }
  }
}
