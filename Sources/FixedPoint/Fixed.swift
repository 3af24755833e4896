/// One fixed-point value: an integer ``code`` in a ``FixedFormat``, meaning `code · 2^−F`.
///
/// Arithmetic is exact: `+`, `−` and `×` return the full-precision format given by ap_fixed's
/// growth rules (``FixedFormat/sum(_:_:)``, ``FixedFormat/difference(_:_:)``,
/// ``FixedFormat/product(_:_:)``), so precision is lost only in
/// ``quantized(to:rounding:overflow:random:index:)`` and in division, which always names its
/// result format. Equality, ordering and hashing compare values, not formats: `0.5` in
/// `ufix1_En1` equals `0.5` in `sfix16_En8` (use ``isIdentical(to:)`` to compare formats too).
public struct Fixed: Sendable {
  /// The format the code is read in.
  public let format: FixedFormat
  /// The raw integer; always within the format's code range.
  public let code: BigInt

  /// The value `code · 2^−F`; `code` must lie in the format's code range.
  public init(code: BigInt, format: FixedFormat) {
    precondition(format.contains(code: code), "code \(code) outside the range of \(format)")
    self.format = format
    self.code = code
  }

  /// The value `code · 2^−F`, or an error when `code` lies outside the format's code range.
  public init(validatingCode code: BigInt, format: FixedFormat) throws(FixedPointError) {
    guard format.contains(code: code) else { throw .codeOutOfRange(code, format) }
    self.init(code: code, format: format)
  }

  /// Zero in `format`.
  public static func zero(_ format: FixedFormat) -> Fixed { Fixed(code: 0, format: format) }

  /// Whether both values have the same format and the same code.
  public func isIdentical(to other: Fixed) -> Bool { format == other.format && code == other.code }

  /// This value converted to `format`, rounding with `rounding` when bits below the new binary
  /// point are dropped and applying `overflow` when the result exceeds the new range.
  ///
  /// Stochastic rounding (``RoundingMode/stochastic``) uses word `index` of `random`.
  public func quantized(
    to format: FixedFormat, rounding: RoundingMode = .trn, overflow: OverflowMode = .wrap,
    random: CounterRNG? = nil, index: UInt64 = 0
  ) -> Fixed {
    var events = QuantizationEvents()
    return quantized(
      to: format, rounding: rounding, overflow: overflow, random: random, index: index,
      events: &events)
  }

  /// ``quantized(to:rounding:overflow:random:index:)`` that also adds to `events`.
  public func quantized(
    to format: FixedFormat, rounding: RoundingMode = .trn, overflow: OverflowMode = .wrap,
    random: CounterRNG? = nil, index: UInt64 = 0, events: inout QuantizationEvents
  ) -> Fixed {
    var words = RandomWordCache(random)
    let newCode = CodeRounding.quantize(
      code, fractionBits: self.format.fractionBits, to: format, rounding: rounding,
      overflow: overflow, random: &words, index: index, events: &events)
    return Fixed(code: newCode, format: format)
  }
}

extension FixedFormat {
  /// The smallest value of the format.
  public var minValue: Fixed { Fixed(code: minCode, format: self) }
  /// The largest value of the format.
  public var maxValue: Fixed { Fixed(code: maxCode, format: self) }
  /// The step between neighbouring values, `2^−F`.
  public var resolution: Fixed {
    Fixed(code: 1, format: FixedFormat(signed: false, width: 1, fractionBits: fractionBits))
  }

  /// Throws when `overflow` cannot be used with this format (`WRAP_SM` needs a signed one).
  public func validate(overflow: OverflowMode) throws(FixedPointError) {
    if overflow == .wrapSM && !isSigned { throw .signMagnitudeWrapNeedsSignedFormat(self) }
  }
}
