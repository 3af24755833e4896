extension FixedArray {
  /// Element-wise exact sums, in ``FixedFormat/sum(_:_:)`` (equal counts required).
  public static func + (a: FixedArray, b: FixedArray) -> FixedArray {
    ElementwiseOperation.sum.result(a, b)
  }

  /// Element-wise exact differences, in ``FixedFormat/difference(_:_:)``.
  public static func - (a: FixedArray, b: FixedArray) -> FixedArray {
    ElementwiseOperation.difference.result(a, b)
  }

  /// Element-wise exact products, in ``FixedFormat/product(_:_:)``.
  public static func * (a: FixedArray, b: FixedArray) -> FixedArray {
    ElementwiseOperation.product.result(a, b)
  }

  /// Writes `a + b` into `result`, whose format must be ``FixedFormat/sum(_:_:)`` of the
  /// operands' formats and whose count must be theirs; its storage is reused when nothing
  /// else shares it.
  public static func sum(_ a: FixedArray, _ b: FixedArray, into result: inout FixedArray) {
    ElementwiseOperation.sum.write(a, b, into: &result)
  }

  /// Writes `a − b` into `result` (format ``FixedFormat/difference(_:_:)``), as
  /// ``sum(_:_:into:)`` does.
  public static func difference(_ a: FixedArray, _ b: FixedArray, into result: inout FixedArray) {
    ElementwiseOperation.difference.write(a, b, into: &result)
  }

  /// Writes `a × b` into `result` (format ``FixedFormat/product(_:_:)``), as
  /// ``sum(_:_:into:)`` does.
  public static func product(_ a: FixedArray, _ b: FixedArray, into result: inout FixedArray) {
    ElementwiseOperation.product.write(a, b, into: &result)
  }

  /// Element-wise quotients `a[i] / divisor[i]`, each rounded once into `format`; element `i`
  /// of a stochastic rounding uses word `firstIndex + i` of `random`.
  /// - Throws: ``FixedPointError/divisionByZero`` when any divisor is zero (nothing returned).
  public func divided(
    by divisor: FixedArray, to format: FixedFormat, rounding: RoundingMode = .trn,
    overflow: OverflowMode = .wrap, random: CounterRNG? = nil, firstIndex: UInt64 = 0
  ) throws(FixedPointError) -> FixedArray {
    var events = QuantizationEvents()
    return try divided(
      by: divisor, to: format, rounding: rounding, overflow: overflow, random: random,
      firstIndex: firstIndex, events: &events)
  }

  /// ``divided(by:to:rounding:overflow:random:firstIndex:)`` that also adds to `events`.
  public func divided(
    by divisor: FixedArray, to format: FixedFormat, rounding: RoundingMode = .trn,
    overflow: OverflowMode = .wrap, random: CounterRNG? = nil, firstIndex: UInt64 = 0,
    events: inout QuantizationEvents
  ) throws(FixedPointError) -> FixedArray {
    precondition(count == divisor.count, "element-wise quotient of arrays of different lengths")
    precondition(
      overflow != .wrapSM || format.isSigned, "WRAP_SM needs a signed format (\(format))")
    precondition(rounding != .stochastic || random != nil, "STOCHASTIC rounding needs a CounterRNG")
    var local = QuantizationEvents()
    var words = RandomWordCache(random)
    var out: [BigInt] = []
    out.reserveCapacity(count)
    for i in 0..<count {
      let d = divisor.code(at: i)
      guard !d.isZero else { throw .divisionByZero }
      out.append(
        Fixed.quotientCode(
          code(at: i), self.format, d, divisor.format, to: format, rounding: rounding,
          overflow: overflow, random: &words, index: firstIndex &+ UInt64(i), events: &local))
    }
    events.merge(local)
    return FixedArray(trustedCodes: out, format: format)
  }
}
