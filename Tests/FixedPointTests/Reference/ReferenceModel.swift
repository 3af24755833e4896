import FixedPoint

/// The test oracle: ap_fixed semantics written from the definitions (floor/ceil of exact
/// rationals, modular arithmetic), deliberately unlike the shift-and-compare fast paths.
enum Reference {
  /// What quantizing one exact value produces.
  struct Outcome<R: ExactRational> {
    /// The stored code.
    var code: R
    /// The rounded integer before overflow handling.
    var rounded: R
    /// Whether the value lay strictly between two codes.
    var inexact: Bool
  }

  /// Quantizes the exact value `v` into `format`. `word` feeds STOCHASTIC: round up iff
  /// `word / 2^64 < fractional part`.
  static func quantize<R: ExactRational>(
    _ v: R, to format: FixedFormat, rounding: RoundingMode, overflow: OverflowMode,
    word: UInt64 = 0
  ) -> Outcome<R> {
    let t = v.timesPowerOfTwo(format.fractionBits)
    let q = round(t, rounding, word: word)
    return Outcome(code: fit(q, format, overflow), rounded: q, inexact: !t.isInteger)
  }

  /// `t` rounded to an integer by the mode's definition.
  static func round<R: ExactRational>(_ t: R, _ mode: RoundingMode, word: UInt64) -> R {
    let half = R.half
    switch mode {
    case .trn: return t.floor
    case .trnZero: return t.isNegative ? t.ceiling : t.floor
    case .rnd: return (t + half).floor
    case .rndZero: return t.isNegative ? (t + half).floor : (t - half).ceiling
    case .rndMinInf: return (t - half).ceiling
    case .rndInf: return t.isNegative ? (t - half).ceiling : (t + half).floor
    case .rndConv:
      let low = t.floor
      let fraction = t - low
      if fraction < half { return low }
      if half < fraction { return low + .one }
      return isEven(low) ? low : low + .one
    case .stochastic:
      let low = t.floor
      let u = R(word: word).timesPowerOfTwo(-64)
      return u < t - low ? low + .one : low
    }
  }

  static func isEven<R: ExactRational>(_ n: R) -> Bool { n.timesPowerOfTwo(-1).isInteger }

  /// The code range `[low, high]` of a format.
  static func range<R: ExactRational>(_ format: FixedFormat) -> (R, R) {
    if format.isSigned {
      let h = R.powerOfTwo(format.width - 1)
      return (.zero - h, h - .one)
    }
    return (.zero, R.powerOfTwo(format.width) - .one)
  }

  /// The code the overflow mode stores for the integer `q`.
  static func fit<R: ExactRational>(_ q: R, _ format: FixedFormat, _ mode: OverflowMode) -> R {
    let (low, high) = range(format) as (R, R)
    let inRange = low <= q && q <= high
    switch mode {
    case .wrap: return wrap(q, format)
    case .sat: return min(max(q, low), high)
    case .satZero: return inRange ? q : .zero
    case .satSym:
      let symmetricLow = format.isSigned ? .zero - high : low
      return min(max(q, symmetricLow), high)
    case .wrapSM:
      let w = wrap(q, format)
      // bit W of q in two's complement: ⌊q / 2^W⌋ mod 2
      let above = q.timesPowerOfTwo(-format.width).floor
      let discardedBit = !isEven(above)
      let keptMSB = w.isNegative
      return discardedBit == keptMSB ? w : .zero - w - .one
    }
  }

  /// `low + ((q − low) mod 2^W)`.
  static func wrap<R: ExactRational>(_ q: R, _ format: FixedFormat) -> R {
    let (low, _) = range(format) as (R, R)
    let offset = q - low
    let modulus = R.powerOfTwo(format.width)
    let reduced = offset - modulus * offset.divided(by: modulus).floor
    return low + reduced
  }

  /// The smallest width of the format's signedness (signed for negative codes) holding `q`.
  static func requiredWidth<R: ExactRational>(_ q: R, signed: Bool) -> Int {
    if q.isNegative { return 1 + (R.zero - q - .one).integerBitLength }
    return signed ? 1 + q.integerBitLength : max(1, q.integerBitLength)
  }

  /// The exact value of a code.
  static func value<R: ExactRational>(_ x: Fixed) -> R {
    R(code: x.code, fractionBits: x.format.fractionBits)
  }

  /// The growth rules, restated from issue 2: `F = W − I`; `+`/`−`:
  /// `I = max(I1 + [S2∧¬S1], I2 + [S1∧¬S2]) + 1`, `F = max(F1, F2)`, `−` always signed;
  /// `×`: `W = W1 + W2`, `I = I1 + I2`, signed if either is.
  static func resultFormat(_ op: String, _ a: FixedFormat, _ b: FixedFormat) -> FixedFormat {
    let i1 = a.width - a.fractionBits
    let i2 = b.width - b.fractionBits
    let s1 = a.isSigned
    let s2 = b.isSigned
    switch op {
    case "mul":
      return FixedFormat(signed: s1 || s2, width: a.width + b.width, integerBits: i1 + i2)
    default:
      let i = max(i1 + (s2 && !s1 ? 1 : 0), i2 + (s1 && !s2 ? 1 : 0)) + 1
      let f = max(a.fractionBits, b.fractionBits)
      return FixedFormat(signed: op == "sub" ? true : (s1 || s2), width: i + f, integerBits: i)
    }
  }
}

/// Reference event counters for a batch, accumulated value by value.
struct ReferenceEvents {
  var events = QuantizationEvents()

  mutating func add<R: ExactRational>(_ outcome: Reference.Outcome<R>, signed: Bool) {
    events.count += 1
    if outcome.code != outcome.rounded { events.overflowed += 1 }
    if outcome.inexact { events.rounded += 1 }
    events.maxBitLength = max(
      events.maxBitLength, Reference.requiredWidth(outcome.rounded, signed: signed))
  }
}
