extension FixedArray {
  /// Element-wise exact sums, in ``FixedFormat/sum(_:_:)`` (equal counts required).
  public static func + (a: FixedArray, b: FixedArray) -> FixedArray {
    additive(a, b, format: FixedFormat.sum(a.format, b.format), subtract: false)
  }

  /// Element-wise exact differences, in ``FixedFormat/difference(_:_:)``.
  public static func - (a: FixedArray, b: FixedArray) -> FixedArray {
    additive(a, b, format: FixedFormat.difference(a.format, b.format), subtract: true)
  }

  /// Element-wise exact products, in ``FixedFormat/product(_:_:)``.
  public static func * (a: FixedArray, b: FixedArray) -> FixedArray {
    precondition(a.count == b.count, "element-wise product of arrays of different lengths")
    let format = FixedFormat.product(a.format, b.format)
    if format.fitsInt64, case .int64(let x) = a.storage, case .int64(let y) = b.storage {
      // |a·b| < 2^(W1+W2−1) (or < 2^(W1+W2) unsigned): the product fits the result format.
      let out = x.withUnsafeBufferPointer { x in
        y.withUnsafeBufferPointer { y in
          [Int64](unsafeUninitializedCapacity: x.count) { out, initialized in
            for i in 0..<x.count { out[i] = x[i] &* y[i] }
            initialized = x.count
          }
        }
      }
      return FixedArray(trustedInt64Codes: out, format: format)
    }
    return FixedArray(
      trustedCodes: (0..<a.count).map { a.code(at: $0) * b.code(at: $0) }, format: format)
  }

  private static func additive(
    _ a: FixedArray, _ b: FixedArray, format: FixedFormat, subtract: Bool
  ) -> FixedArray {
    precondition(a.count == b.count, "element-wise sum of arrays of different lengths")
    let shiftA = format.fractionBits - a.format.fractionBits
    let shiftB = format.fractionBits - b.format.fractionBits
    if format.fitsInt64, case .int64(let x) = a.storage, case .int64(let y) = b.storage {
      // Aligned operands and their sum lie in the result range, which fits Int64.
      let sa = Int64(shiftA)
      let sb = Int64(shiftB)
      let out = x.withUnsafeBufferPointer { x in
        y.withUnsafeBufferPointer { y in
          [Int64](unsafeUninitializedCapacity: x.count) { out, initialized in
            if subtract {
              for i in 0..<x.count { out[i] = (x[i] &<< sa) &- (y[i] &<< sb) }
            } else {
              for i in 0..<x.count { out[i] = (x[i] &<< sa) &+ (y[i] &<< sb) }
            }
            initialized = x.count
          }
        }
      }
      return FixedArray(trustedInt64Codes: out, format: format)
    }
    let codes = (0..<a.count).map { i in
      let x = a.code(at: i) << shiftA
      let y = b.code(at: i) << shiftB
      return subtract ? x - y : x + y
    }
    return FixedArray(trustedCodes: codes, format: format)
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
    var out: [BigInt] = []
    out.reserveCapacity(count)
    for i in 0..<count {
      let d = divisor.code(at: i)
      guard !d.isZero else { throw .divisionByZero }
      out.append(
        Fixed.quotientCode(
          code(at: i), self.format, d, divisor.format, to: format, rounding: rounding,
          overflow: overflow, random: random, index: firstIndex &+ UInt64(i), events: &local))
    }
    events.merge(local)
    return FixedArray(trustedCodes: out, format: format)
  }
}
