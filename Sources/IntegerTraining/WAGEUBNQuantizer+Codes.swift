import BitCore
import FixedPoint

/// The quantizers on ``IntegerTensor``s (`Int64` codes, `|code| < 2^62`): the training path.
/// Each gives the codes, exponent, shift exponent, zero flag and rounded/clipped counts of
/// the `FixedArray` quantizer of the same name (the tests compare them on random tensors);
/// `events.maxBitLength` is the signed bit length of the widest output code.
extension WAGEUBNQuantizer {
  /// The exponent `r` (value units) of `R(x)`, or `nil` for an all-zero tensor.
  public func shiftExponent(_ x: IntegerTensor) -> Int? {
    let m = BigInt(x.maxMagnitude)
    let r: Int?
    switch profile.shiftExponent {
    case .exact: r = ShiftScale.exponent(ofMaxMagnitude: m)
    case .float32: r = ShiftScale.float32ReferenceExponent(ofMaxMagnitude: m)
    }
    return r.map { $0 + x.exponent }
  }

  /// Direct quantization `Q(x, k)` (exponent `1 − k`) of codes at least as fine as the grid
  /// (`x.exponent ≤ 1 − k`); saturating to `±(2^(k−1) − 1)` under ``DirectRange/saturate``.
  public func direct(_ x: IntegerTensor, bits k: Int) -> QuantizedCodes {
    precondition(k >= 2 && x.exponent <= 1 - k, "k >= 2 and a grid at least as fine")
    let s = 1 - k - x.exponent
    let bound: Int64 = profile.directRange == .saturate ? (1 << Int64(k - 1)) - 1 : .max
    if let (codes, events) = TrainingKernels.shift(
      x.codes, by: s, rounding: profile.rounding, bound: bound)
    {
      return QuantizedCodes(
        tensor: IntegerTensor(codes: codes, exponent: 1 - k), shiftExponent: nil,
        zeroScale: false, events: events)
    }
    var events = QuantizationEvents()
    var widest = 0
    let codes = x.codes.map { c -> Int64 in
      let (q, inexact) = IntegerRounding.shiftRight(c, by: s, mode: profile.rounding)
      let (out, clipped) = IntegerRounding.clamp(q, bound)
      if inexact { events.rounded += 1 }
      if clipped { events.overflowed += 1 }
      widest = max(widest, IntegerRounding.signedBitLength(out))
      return out
    }
    events.count = codes.count
    events.maxBitLength = widest
    return QuantizedCodes(
      tensor: IntegerTensor(codes: codes, exponent: 1 - k), shiftExponent: nil,
      zeroScale: false, events: events)
  }

  /// Shift quantization SQ (codes `±(2^(k−1) − 1)`, exponent `r − (k − 1)`).
  public func shift(_ x: IntegerTensor, bits k: Int, previousExponent: Int = 0)
    -> QuantizedCodes
  {
    shiftLike(x, bits: k, bound: (1 << Int64(k - 1)) - 1, previousExponent)
  }

  /// E1: SQ, clipped to `±2^(k−1)` under ``E1Clip/officialCode``.
  public func e1(_ x: IntegerTensor, bits k: Int, previousExponent: Int = 0) -> QuantizedCodes {
    let bound = (Int64(1) << Int64(k - 1)) - (profile.e1Clip == .symmetric ? 1 : 0)
    return shiftLike(x, bits: k, bound: bound, previousExponent)
  }

  private func shiftLike(_ x: IntegerTensor, bits k: Int, bound: Int64, _ previous: Int)
    -> QuantizedCodes
  {
    precondition(k >= 2 && k <= 60, "2 <= k <= 60")
    guard let r = shiftExponent(x) else {
      return .zeros(x.codes.count, exponent: previous - (k - 1), shift: previous)
    }
    let s = r - x.exponent - (k - 1)
    if let (codes, events) = TrainingKernels.shift(
      x.codes, by: s, rounding: profile.rounding, bound: bound)
    {
      return QuantizedCodes(
        tensor: IntegerTensor(codes: codes, exponent: r - (k - 1)), shiftExponent: r,
        zeroScale: false, events: events)
    }
    var events = QuantizationEvents()
    var widest = 0
    let codes = x.codes.map { c -> Int64 in
      let (q, inexact) = IntegerRounding.shiftRight(c, by: s, mode: profile.rounding)
      let (out, clipped) = IntegerRounding.clamp(q, bound)
      if inexact { events.rounded += 1 }
      if clipped { events.overflowed += 1 }
      widest = max(widest, IntegerRounding.signedBitLength(out))
      return out
    }
    events.count = codes.count
    events.maxBitLength = widest
    return QuantizedCodes(
      tensor: IntegerTensor(codes: codes, exponent: r - (k - 1)), shiftExponent: r,
      zeroScale: false, events: events)
  }

  /// E2 in the flag format: codes in units `R·2^−2(k−1)` (exponent `r − 2(k−1)`); an element
  /// is coarse (flag set) when its code is a nonzero multiple of `2^(k−1)` reached through
  /// the coarse branch or equal to `±2^(k−1)` (see ``E2Fields``).
  public func e2(_ x: IntegerTensor, bits k: Int, previousExponent: Int = 0) -> QuantizedCodes {
    precondition(k >= 2 && k <= 30, "2 <= k <= 30")
    guard let r = shiftExponent(x) else {
      return .zeros(
        x.codes.count, exponent: previousExponent - 2 * (k - 1), shift: previousExponent)
    }
    let rCode = r - x.exponent
    let threshold = rCode - (k - 1)  // m < 1 ⇔ |c| < 2^threshold
    let half = Int64(1) << Int64(k - 1)
    if let (codes, events) = TrainingKernels.e2(
      x.codes, threshold: threshold, bits: k, rounding: profile.rounding)
    {
      return QuantizedCodes(
        tensor: IntegerTensor(codes: codes, exponent: r - 2 * (k - 1)), shiftExponent: r,
        zeroScale: false, events: events)
    }
    var events = QuantizationEvents()
    var widest = 0
    let codes = x.codes.map { c -> Int64 in
      let small =
        threshold <= 0 ? c == 0 : (threshold >= 63 || c.magnitude < UInt64(1) << threshold)
      let out: Int64
      let inexact: Bool
      let clipped: Bool
      if small {
        let (q, lost) = IntegerRounding.shiftRight(
          c, by: rCode - 2 * (k - 1), mode: profile.rounding)
        (out, clipped) = IntegerRounding.clamp(q, half)
        inexact = lost || clipped
      } else {
        let (q, lost) = IntegerRounding.shiftRight(c, by: threshold, mode: profile.rounding)
        let (kept, cut) = IntegerRounding.clamp(q, half - 1)
        out = kept << Int64(k - 1)
        clipped = cut
        inexact = lost || cut
      }
      if inexact { events.rounded += 1 }
      if clipped { events.overflowed += 1 }
      widest = max(widest, IntegerRounding.signedBitLength(out))
      return out
    }
    events.count = codes.count
    events.maxBitLength = widest
    return QuantizedCodes(
      tensor: IntegerTensor(codes: codes, exponent: r - 2 * (k - 1)), shiftExponent: r,
      zeroScale: false, events: events)
  }

  /// Constant quantization of a gradient (exponent `−(k + 6)`), sign-magnitude or floor
  /// stochastic rounding with word `i` of `key.rng` for element `i`. Large tensors are split
  /// over `threads` (the result does not depend on it).
  public func constant(
    _ g: IntegerTensor, bits k: Int, gScaleBits: Int, key: StochasticKey, threads: Int = 1
  ) -> QuantizedCodes {
    precondition(k >= 2 && gScaleBits >= 1 && gScaleBits <= 62, "k >= 2, 1 <= gScaleBits <= 62")
    let exponent = -(7 + k - 1)
    guard let r = shiftExponent(g) else {
      return .zeros(g.codes.count, exponent: exponent, shift: nil)
    }
    let s = r - g.exponent - gScaleBits
    let bound = (Int64(1) << Int64(gScaleBits)) - 1
    if let (codes, events) = TrainingKernels.constant(
      g.codes, shift: s, bound: bound, form: profile.stochasticForm, key: key, threads: threads)
    {
      return QuantizedCodes(
        tensor: IntegerTensor(codes: codes, exponent: exponent), shiftExponent: r,
        zeroScale: false, events: events)
    }
    let (codes, events) = constantReference(g.codes, shift: s, bound: bound, key: key)
    return QuantizedCodes(
      tensor: IntegerTensor(codes: codes, exponent: exponent), shiftExponent: r,
      zeroScale: false, events: events)
  }

  /// Constant quantization's rounding and clamp in Swift, element by element: the definition
  /// the C kernel is tested against, and the path for shifts it does not take.
  func constantReference(_ gCodes: [Int64], shift s: Int, bound: Int64, key: StochasticKey)
    -> ([Int64], QuantizationEvents)
  {
    let rng = key.rng
    var events = QuantizationEvents()
    var widest = 0
    var codes = [Int64](repeating: 0, count: gCodes.count)
    var block = (UInt64(0), UInt64(0), UInt64(0), UInt64(0))
    var blockIndex = -1
    // The bits a rounding drops (s ≥ 1): without any, the word is not read, so its Philox
    // block is computed only when one of its four elements needs it.
    let dropped: UInt64 = s >= 64 ? .max : (s >= 1 ? (1 << UInt64(s)) - 1 : 0)
    for (i, c) in gCodes.enumerated() {
      let needed: Bool
      switch profile.stochasticForm {
      case .signMagnitude: needed = c.magnitude & dropped != 0
      case .floor: needed = UInt64(bitPattern: c) & dropped != 0
      }
      if needed && i / 4 != blockIndex {
        blockIndex = i / 4
        block = rng.block(UInt64(blockIndex) + 1)
      }
      let word: UInt64
      switch i % 4 {
      case 0: word = block.0
      case 1: word = block.1
      case 2: word = block.2
      default: word = block.3
      }
      let out: Int64
      let inexact: Bool
      switch profile.stochasticForm {
      case .signMagnitude:
        let (m, lost) = IntegerRounding.stochasticShiftRight(c.magnitude, by: s, word: word)
        inexact = lost
        out = c < 0 ? -Int64(m) : Int64(m)
      case .floor:
        // ⌊x⌋ + (u < frac): in two's complement the low s bits are the fraction of the floor
        // (s ≤ 61, as |c| < 2^62 bounds r).
        if s <= 0 {
          out = c << Int64(-s)
          inexact = false
        } else {
          let frac = UInt64(bitPattern: c & ((1 << Int64(s)) - 1))
          let (up, lost) = IntegerRounding.stochasticShiftRight(frac, by: s, word: word)
          inexact = lost
          out = (c >> Int64(s)) + Int64(up)
        }
      }
      let (kept, clipped) = IntegerRounding.clamp(out, bound)
      if inexact { events.rounded += 1 }
      if clipped { events.overflowed += 1 }
      widest = max(widest, IntegerRounding.signedBitLength(kept))
      codes[i] = kept
    }
    events.count = codes.count
    events.maxBitLength = widest
    return (codes, events)
  }
}

extension QuantizedCodes {
  /// The A10 result for an all-zero tensor.
  static func zeros(_ count: Int, exponent: Int, shift: Int?) -> QuantizedCodes {
    var events = QuantizationEvents()
    events.count = count
    events.maxBitLength = count > 0 ? 1 : 0
    return QuantizedCodes(
      tensor: IntegerTensor(codes: [Int64](repeating: 0, count: count), exponent: exponent),
      shiftExponent: shift, zeroScale: true, events: events)
  }
}
