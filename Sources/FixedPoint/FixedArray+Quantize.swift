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
    var events = QuantizationEvents()
    let request = QuantizeRequest(format, rounding, overflow, random, firstIndex, counting: false)
    var nothing = Storage.int64([])
    return FixedArray(
      trustedStorage: quantizedStorage(request, reusing: &nothing, &events), format: format)
  }

  /// ``quantized(to:rounding:overflow:random:firstIndex:)`` that also adds what happened to
  /// `events` (overflows, rounded values, largest width needed).
  public func quantized(
    to format: FixedFormat, rounding: RoundingMode = .trn, overflow: OverflowMode = .wrap,
    random: CounterRNG? = nil, firstIndex: UInt64 = 0, events: inout QuantizationEvents
  ) -> FixedArray {
    let request = QuantizeRequest(format, rounding, overflow, random, firstIndex, counting: true)
    var nothing = Storage.int64([])
    return FixedArray(
      trustedStorage: quantizedStorage(request, reusing: &nothing, &events), format: format)
  }

  /// Writes ``quantized(to:rounding:overflow:random:firstIndex:)`` of this array, in the
  /// format of `destination`, into `destination` (which must have the same count).
  ///
  /// The destination's storage is reused when nothing else shares it, so repeating the
  /// conversion into the same array allocates nothing (except between `Int64` and `Int128`
  /// word sizes and for formats wider than 128 bits, which convert through a temporary).
  public func quantize(
    into destination: inout FixedArray, rounding: RoundingMode = .trn,
    overflow: OverflowMode = .wrap, random: CounterRNG? = nil, firstIndex: UInt64 = 0
  ) {
    var events = QuantizationEvents()
    quantize(
      into: &destination, counting: false, rounding, overflow, random, firstIndex, &events)
  }

  /// ``quantize(into:rounding:overflow:random:firstIndex:)`` that also adds what happened to
  /// `events`.
  public func quantize(
    into destination: inout FixedArray, rounding: RoundingMode = .trn,
    overflow: OverflowMode = .wrap, random: CounterRNG? = nil, firstIndex: UInt64 = 0,
    events: inout QuantizationEvents
  ) {
    quantize(into: &destination, counting: true, rounding, overflow, random, firstIndex, &events)
  }

  private func quantize(
    into destination: inout FixedArray, counting: Bool, _ rounding: RoundingMode,
    _ overflow: OverflowMode, _ random: CounterRNG?, _ firstIndex: UInt64,
    _ events: inout QuantizationEvents
  ) {
    precondition(destination.count == count, "quantize into an array of a different length")
    let request = QuantizeRequest(
      destination.format, rounding, overflow, random, firstIndex, counting: counting)
    // Moving the storage out leaves the destination's buffer uniquely referenced.
    var reuse = destination.storage
    destination.storage = .int64([])
    destination.storage = quantizedStorage(request, reusing: &reuse, &events)
  }
}

extension FixedArray {
  /// The quantized codes in the storage of the request's format: the `Int64` kernel when
  /// both formats fit `Int64`, else the `Int128` kernel when both fit `Int128`, else the
  /// general path. `reuse` lends its buffer when it is of the right word type and count.
  func quantizedStorage(
    _ r: QuantizeRequest, reusing reuse: inout Storage, _ events: inout QuantizationEvents
  ) -> Storage {
    let source = format
    let target = r.format
    let targetTier = Tier(target)
    if case .int64(let x) = storage, targetTier == .int64,
      let shift = KernelShift(from: source, to: target, word: Int64.self)
    {
      var old = Self.take(int64: &reuse)
      let out = Self.filled(count, reusing: &old) { out in
        x.withUnsafeBufferPointer { x in
          Self.runKernel(x, out, shift, r, &events)
        }
      }
      return .int64(out)
    }
    if targetTier != .big, Tier(source) != .big,
      let shift = KernelShift(from: source, to: target, word: Int128.self)
    {
      let x = int128Words
      let run = { (out: UnsafeMutableBufferPointer<Int128>, events: inout QuantizationEvents) in
        x.withUnsafeBufferPointer { x in
          Self.runKernel(x, out, shift, r, &events)
        }
      }
      if targetTier == .int128 {
        var old = Self.take(int128: &reuse)
        return .int128(Self.filled(count, reusing: &old) { run($0, &events) })
      }
      var none: [Int128] = []
      let wide = Self.filled(count, reusing: &none) { run($0, &events) }
      var old = Self.take(int64: &reuse)
      let narrow = Self.filled(count, reusing: &old) { out in
        for i in 0..<wide.count { out[i] = Int64(truncatingIfNeeded: wide[i]) }
      }
      return .int64(narrow)
    }
    return generalQuantized(r, &events).storage
  }

  /// The element-by-element path on ``BigInt`` codes (any widths and shifts).
  private func generalQuantized(_ r: QuantizeRequest, _ events: inout QuantizationEvents)
    -> FixedArray
  {
    var local = QuantizationEvents()
    var words = RandomWordCache(r.random)
    var out: [BigInt] = []
    out.reserveCapacity(count)
    for i in 0..<count {
      out.append(
        CodeRounding.quantize(
          code(at: i), fractionBits: format.fractionBits, to: r.format, rounding: r.rounding,
          overflow: r.overflow, random: &words, index: r.firstIndex &+ UInt64(i),
          events: &local))
    }
    if r.counting { events.merge(local) }
    return FixedArray(trustedCodes: out, format: r.format)
  }
}
