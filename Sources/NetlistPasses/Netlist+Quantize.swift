import FixedPoint
import NetlistIR

extension Netlist {
  /// Adds the hardware form of FixedPoint's quantize (``FixedArray``'s and ``Fixed``'s
  /// `quantized(to:rounding:overflow:…)`): `x` holds codes of `source` (`source.width` bits)
  /// and the result holds their conversion to `target` (`target.width` bits), bit for bit.
  ///
  /// The circuit follows the definition step by step:
  /// 1. align the binary point: a `round` node drops `source.fractionBits −
  ///    target.fractionBits` bits with `rounding` (its width holds every rounded code, read as
  ///    signed), or zero bits are appended below when the target has more fraction bits;
  /// 2. a `resize` node applies `overflow` in the target's signedness. A signed value going to
  ///    an unsigned target first has its negative values replaced by zero (a `mux`), except
  ///    under ``OverflowMode/wrap``, which keeps the low bits.
  ///
  /// ``RoundingMode/stochastic`` needs `random`, a `shift`-bit operand: FixedPoint's word
  /// `w = rng.word(at: index)` corresponds to its top `shift` bits (`shift ≤ 64`), or to `w`
  /// followed by `shift − 64` zero bits. ``OverflowMode/wrapSM`` needs a signed target
  /// (``FixedFormat/validate(overflow:)``).
  public mutating func quantize(
    _ x: NodeID, from source: FixedFormat, to target: FixedFormat, rounding: RoundingMode,
    overflow: OverflowMode, random: NodeID? = nil
  ) -> NodeID {
    precondition(width(x) == source.width, "a \(width(x))-bit node read as \(source)")
    precondition(overflow != .wrapSM || target.isSigned, "WRAP_SM needs a signed target")
    let shift = source.fractionBits - target.fractionBits
    if shift > 0 {
      let stochastic = rounding == .stochastic
      precondition(!stochastic || random.map { width($0) == shift } == true, "random operand")
      let roundedWidth = Swift.max(
        Swift.max(source.width - shift, 0) + (source.isSigned ? 1 : 2), 2)
      let rounded = round(
        x, by: shift, rounding, source.signedness, random: stochastic ? random : nil,
        width: roundedWidth)
      return fit(rounded, .signed, to: target, overflow)
    }
    if shift < 0 {
      let aligned = concat([x, constant(BitVector(zeroWidth: -shift))])
      return fit(aligned, source.signedness, to: target, overflow)
    }
    return fit(x, source.signedness, to: target, overflow)
  }

  /// `value` (read with `signedness`) converted to the target's width and signedness with
  /// `overflow`.
  private mutating func fit(
    _ value: NodeID, _ signedness: Signedness, to target: FixedFormat, _ overflow: OverflowMode
  ) -> NodeID {
    switch (signedness, target.signedness) {
    case (.signed, .signed), (.unsigned, .unsigned):
      return resize(value, to: target.width, overflow, signedness)
    case (.unsigned, .signed):
      let widened = extend(value, to: width(value) + 1, .unsigned)
      return resize(widened, to: target.width, overflow, .signed)
    case (.signed, .unsigned):
      if overflow == .wrap { return resize(value, to: target.width, .wrap, .signed) }
      let negative = bit(value, width(value) - 1)
      let zero = constant(BitVector(zeroWidth: width(value)))
      let clamped = mux(negative, whenFalse: value, whenTrue: zero)
      return resize(clamped, to: target.width, overflow, .unsigned)
    }
  }
}
