import FixedPoint

extension WAGEUBNQuantizer {
  /// The error quantizer E2 in the flag format (spec §1.2): with `R = R(x)` and
  /// `m = |x|·2^(k−1)/R`, an element with `m < 1` gets the fine code
  /// `min(round(m·2^(k−1)), 2^(k−1))`, one with `m ≥ 1` the coarse code
  /// `min(round(m), 2^(k−1) − 1)` scaled by `2^(k−1)`; a fine code of `2^(k−1)` equals coarse 1
  /// and is flagged coarse. Codes are in units `R·2^−2(k−1)` (exponent `r − 2(k−1)`), a
  /// `(2k−1)`-bit signed container; ``QuantizedTensor/coarse`` holds the flags. The 16-bit E2
  /// of the spec's A9 is ``shift(_:bits:previousExponent:)`` with `k = 16`.
  public func e2(_ x: FixedArray, bits k: Int, previousExponent: Int = 0) -> QuantizedTensor {
    precondition(k >= 2, "k >= 2")
    let width = 2 * k - 1
    guard let r = shiftExponent(x) else {
      var z = QuantizedTensor.zeros(
        x.count, width: width, exponent: previousExponent - 2 * (k - 1), shift: previousExponent)
      z.coarse = Array(repeating: false, count: x.count)
      return z
    }
    let scaledFraction = x.format.fractionBits + r
    let scaled = x.reinterpreted(fractionBits: scaledFraction)
    var ignored = QuantizationEvents()
    // |x/R| < √2: 2k + 1 and k + 2 bits hold every rounded code before the clamps.
    let fine = scaled.quantized(
      to: FixedFormat(signed: true, width: 2 * k + 1, fractionBits: 2 * (k - 1)),
      rounding: profile.rounding, overflow: .wrap, events: &ignored
    ).codes
    let coarse = scaled.quantized(
      to: FixedFormat(signed: true, width: k + 2, fractionBits: k - 1),
      rounding: profile.rounding, overflow: .wrap, events: &ignored
    ).codes
    let half = BigInt.powerOfTwo(k - 1)
    let threshold = scaledFraction - (k - 1)  // m < 1 ⇔ |code| < 2^threshold
    var events = QuantizationEvents()
    var codes: [BigInt] = []
    var flags: [Bool] = []
    codes.reserveCapacity(x.count)
    flags.reserveCapacity(x.count)
    for i in 0..<x.count {
      let c = x.code(at: i)
      let magnitude = c.isNegative ? -c : c
      let small = threshold <= 0 ? magnitude.isZero : magnitude < BigInt.powerOfTwo(threshold)
      var code: BigInt
      if small {
        let (clamped, clipped) = Self.clamp([fine[i]], to: half)
        code = clamped[0]
        events.overflowed += clipped
      } else {
        let (clamped, clipped) = Self.clamp([coarse[i]], to: half - 1)
        code = clamped[0] << (k - 1)
        events.overflowed += clipped
      }
      codes.append(code)
      flags.append(!small || code == half || code == -half)
      events.count += 1
      // Exact when code · 2^(r − 2(k−1)) equals c · 2^−F, i.e. c == code · 2^(F + r − 2(k−1)).
      let shift = scaledFraction - 2 * (k - 1)
      let exact = shift >= 0 ? c == code << shift : c << -shift == code
      if !exact { events.rounded += 1 }
    }
    return QuantizedTensor(
      codes: FixedArray(
        codes: codes, format: FixedFormat(signed: true, width: width, fractionBits: 0)),
      exponent: r - 2 * (k - 1), shiftExponent: r, coarse: flags, zeroScale: false, events: events)
  }
}
