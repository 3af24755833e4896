extension FixedArray {
  /// Every element converted to `format`: bits below the new binary point are dropped with
  /// `rounding`, then values outside the new range are handled with `overflow` (ap_fixed
  /// conversion semantics). Element `i` of a stochastic rounding uses word `firstIndex + i` of
  /// `random`.
  ///
  /// `overflow` may be ``OverflowMode/wrapSM`` only for a signed `format` (see
  /// ``FixedFormat/validate(overflow:)``), and ``RoundingMode/stochastic`` needs `random`.
  public func quantized(
    to format: FixedFormat, rounding: RoundingMode = .trn, overflow: OverflowMode = .wrap,
    random: CounterRNG? = nil, firstIndex: UInt64 = 0
  ) -> FixedArray {
    var sink = NoInt64Events()
    var unused = QuantizationEvents()
    return quantized(format, rounding, overflow, random, firstIndex, &sink, &unused)
  }

  /// ``quantized(to:rounding:overflow:random:firstIndex:)`` that also adds what happened to
  /// `events` (overflows, rounded values, largest width needed).
  public func quantized(
    to format: FixedFormat, rounding: RoundingMode = .trn, overflow: OverflowMode = .wrap,
    random: CounterRNG? = nil, firstIndex: UInt64 = 0, events: inout QuantizationEvents
  ) -> FixedArray {
    var sink = Int64EventCounter()
    var general = QuantizationEvents()
    let result = quantized(format, rounding, overflow, random, firstIndex, &sink, &general)
    if general.count > 0 {
      events.merge(general)
    } else {
      sink.add(to: &events, count: count, format: format)
    }
    return result
  }

  /// Runs the Int64 kernel when its preconditions hold, the general path otherwise (which
  /// reports into `general`).
  private func quantized<E: Int64EventSink>(
    _ format: FixedFormat, _ rounding: RoundingMode, _ overflow: OverflowMode,
    _ random: CounterRNG?, _ firstIndex: UInt64, _ sink: inout E,
    _ general: inout QuantizationEvents
  ) -> FixedArray {
    precondition(
      overflow != .wrapSM || format.isSigned, "WRAP_SM needs a signed format (\(format))")
    precondition(rounding != .stochastic || random != nil, "STOCHASTIC rounding needs a CounterRNG")
    if case .int64(let codes) = storage, format.fitsInt64,
      let out = Self.int64Quantize(
        codes, from: self.format, to: format, rounding, overflow, random, firstIndex, &sink)
    {
      return FixedArray(trustedInt64Codes: out, format: format)
    }
    var out: [BigInt] = []
    out.reserveCapacity(count)
    for i in 0..<count {
      out.append(
        CodeRounding.quantize(
          code(at: i), fractionBits: self.format.fractionBits, to: format, rounding: rounding,
          overflow: overflow, random: random, index: firstIndex &+ UInt64(i), events: &general))
    }
    return FixedArray(trustedCodes: out, format: format)
  }

  /// The Int64 fast path, or `nil` when the shift is outside what it handles.
  private static func int64Quantize<E: Int64EventSink>(
    _ codes: [Int64], from source: FixedFormat, to format: FixedFormat,
    _ rounding: RoundingMode, _ overflow: OverflowMode, _ random: CounterRNG?,
    _ firstIndex: UInt64, _ sink: inout E
  ) -> [Int64]? {
    let shift = source.fractionBits - format.fractionBits
    let bounds = Int64Bounds(format)
    let sourceBits = source.width + (source.isSigned ? 0 : 1)
    if shift >= 1 && shift <= 62 {
      let s = Int64Shift(count: shift, random: random, firstIndex: firstIndex)
      return codes.withUnsafeBufferPointer { x in
        [Int64](unsafeUninitializedCapacity: x.count) { out, initialized in
          rightShift(rounding, overflow, x, out, s, bounds, &sink)
          initialized = x.count
        }
      }
    }
    if shift <= 0 && sourceBits - shift <= 64 {
      return codes.withUnsafeBufferPointer { x in
        [Int64](unsafeUninitializedCapacity: x.count) { out, initialized in
          leftShift(overflow, x, out, Int64(-shift), bounds, &sink)
          initialized = x.count
        }
      }
    }
    return nil
  }

  private static func rightShift<E: Int64EventSink>(
    _ rounding: RoundingMode, _ overflow: OverflowMode, _ x: UnsafeBufferPointer<Int64>,
    _ out: UnsafeMutableBufferPointer<Int64>, _ s: Int64Shift, _ b: Int64Bounds, _ sink: inout E
  ) {
    switch rounding {
    case .trn: rightShift(RoundTRN.self, overflow, x, out, s, b, &sink)
    case .trnZero: rightShift(RoundTRNZero.self, overflow, x, out, s, b, &sink)
    case .rnd: rightShift(RoundRND.self, overflow, x, out, s, b, &sink)
    case .rndZero: rightShift(RoundRNDZero.self, overflow, x, out, s, b, &sink)
    case .rndMinInf: rightShift(RoundRNDMinInf.self, overflow, x, out, s, b, &sink)
    case .rndInf: rightShift(RoundRNDInf.self, overflow, x, out, s, b, &sink)
    case .rndConv: rightShift(RoundRNDConv.self, overflow, x, out, s, b, &sink)
    case .stochastic: rightShift(RoundStochastic.self, overflow, x, out, s, b, &sink)
    }
  }

  private static func rightShift<R: Int64RoundingRule, E: Int64EventSink>(
    _ rule: R.Type, _ overflow: OverflowMode, _ x: UnsafeBufferPointer<Int64>,
    _ out: UnsafeMutableBufferPointer<Int64>, _ s: Int64Shift, _ b: Int64Bounds, _ sink: inout E
  ) {
    switch overflow {
    case .wrap: Int64Kernels.shiftRight(x, out, s, b, rule, OverflowWrap.self, &sink)
    case .sat: Int64Kernels.shiftRight(x, out, s, b, rule, OverflowSat.self, &sink)
    case .satZero: Int64Kernels.shiftRight(x, out, s, b, rule, OverflowSatZero.self, &sink)
    case .satSym: Int64Kernels.shiftRight(x, out, s, b, rule, OverflowSatSym.self, &sink)
    case .wrapSM: Int64Kernels.shiftRight(x, out, s, b, rule, OverflowWrapSM.self, &sink)
    }
  }

  private static func leftShift<E: Int64EventSink>(
    _ overflow: OverflowMode, _ x: UnsafeBufferPointer<Int64>,
    _ out: UnsafeMutableBufferPointer<Int64>, _ s: Int64, _ b: Int64Bounds, _ sink: inout E
  ) {
    switch overflow {
    case .wrap: Int64Kernels.shiftLeft(x, out, s, b, OverflowWrap.self, &sink)
    case .sat: Int64Kernels.shiftLeft(x, out, s, b, OverflowSat.self, &sink)
    case .satZero: Int64Kernels.shiftLeft(x, out, s, b, OverflowSatZero.self, &sink)
    case .satSym: Int64Kernels.shiftLeft(x, out, s, b, OverflowSatSym.self, &sink)
    case .wrapSM: Int64Kernels.shiftLeft(x, out, s, b, OverflowWrapSM.self, &sink)
    }
  }
}
