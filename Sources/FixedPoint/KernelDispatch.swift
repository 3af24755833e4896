// From a quantize request to the specialised kernel loop: one switch over the rounding
// mode and one over the overflow mode pick the loop, outside it.

/// The parameters of one array quantization.
struct QuantizeRequest {
  let format: FixedFormat
  let rounding: RoundingMode
  let overflow: OverflowMode
  let random: CounterRNG?
  let firstIndex: UInt64
  /// Whether to count events (the loops without counters are faster).
  let counting: Bool

  init(
    _ format: FixedFormat, _ rounding: RoundingMode, _ overflow: OverflowMode,
    _ random: CounterRNG?, _ firstIndex: UInt64, counting: Bool
  ) {
    precondition(
      overflow != .wrapSM || format.isSigned, "WRAP_SM needs a signed format (\(format))")
    precondition(rounding != .stochastic || random != nil, "STOCHASTIC rounding needs a CounterRNG")
    self.format = format
    self.rounding = rounding
    self.overflow = overflow
    self.random = random
    self.firstIndex = firstIndex
    self.counting = counting
  }
}

/// How a native kernel moves the binary point.
enum KernelShift {
  /// Drop this many bits (rounding), `1 … bitWidth − 2`.
  case right(Int)
  /// Append this many zero bits; the shifted source codes fit the word.
  case left(Int)

  /// The shift from `source` to `target` in word type `W`, or `nil` when a `W` kernel cannot
  /// perform it exactly.
  init?<W: KernelWord>(from source: FixedFormat, to target: FixedFormat, word: W.Type) {
    let shift = source.fractionBits - target.fractionBits
    let sourceBits = source.width + (source.isSigned ? 0 : 1)
    if shift >= 1 && shift <= W.bitWidth - 2 {
      self = .right(shift)
    } else if shift <= 0 && sourceBits - shift <= W.bitWidth {
      self = .left(-shift)
    } else {
      return nil
    }
  }
}
extension FixedArray {
  /// Runs the kernel for the request's modes, counting events when asked.
  static func runKernel<W: KernelWord>(
    _ x: UnsafeBufferPointer<W>, _ out: UnsafeMutableBufferPointer<W>, _ shift: KernelShift,
    _ r: QuantizeRequest, _ events: inout QuantizationEvents
  ) {
    if r.counting {
      var sink = KernelEventCounter<W>()
      dispatch(x, out, shift, r, &sink)
      sink.add(to: &events, count: x.count, format: r.format)
    } else {
      var sink = NoKernelEvents<W>()
      dispatch(x, out, shift, r, &sink)
    }
  }

  private static func dispatch<W, E: KernelEventSink>(
    _ x: UnsafeBufferPointer<W>, _ out: UnsafeMutableBufferPointer<W>, _ shift: KernelShift,
    _ r: QuantizeRequest, _ sink: inout E
  ) where E.Word == W {
    let b = WordBounds<W>(r.format)
    switch shift {
    case .right(let count):
      let s = WordShift<W>(count: count)
      if r.rounding == .stochastic {
        stochastic(r.overflow, x, out, s, b, r.random!, r.firstIndex, &sink)
      } else {
        rightShift(r.rounding, r.overflow, x, out, s, b, &sink)
      }
    case .left(let count):
      leftShift(r.overflow, x, out, W(count), b, &sink)
    }
  }

  private static func rightShift<W, E: KernelEventSink>(
    _ rounding: RoundingMode, _ overflow: OverflowMode, _ x: UnsafeBufferPointer<W>,
    _ out: UnsafeMutableBufferPointer<W>, _ s: WordShift<W>, _ b: WordBounds<W>,
    _ sink: inout E
  ) where E.Word == W {
    switch rounding {
    case .trn: rightShift(RoundTRN.self, overflow, x, out, s, b, &sink)
    case .trnZero: rightShift(RoundTRNZero.self, overflow, x, out, s, b, &sink)
    case .rnd: rightShift(RoundRND.self, overflow, x, out, s, b, &sink)
    case .rndZero: rightShift(RoundRNDZero.self, overflow, x, out, s, b, &sink)
    case .rndMinInf: rightShift(RoundRNDMinInf.self, overflow, x, out, s, b, &sink)
    case .rndInf: rightShift(RoundRNDInf.self, overflow, x, out, s, b, &sink)
    case .rndConv: rightShift(RoundRNDConv.self, overflow, x, out, s, b, &sink)
    case .stochastic: preconditionFailure("stochastic rounding has its own loop")
    }
  }

  private static func rightShift<W, R: KernelRoundingRule, E: KernelEventSink>(
    _ rule: R.Type, _ overflow: OverflowMode, _ x: UnsafeBufferPointer<W>,
    _ out: UnsafeMutableBufferPointer<W>, _ s: WordShift<W>, _ b: WordBounds<W>,
    _ sink: inout E
  ) where E.Word == W {
    switch overflow {
    case .wrap: WordKernels.shiftRight(x, out, s, b, rule, OverflowWrap.self, &sink)
    case .sat: WordKernels.shiftRight(x, out, s, b, rule, OverflowSat.self, &sink)
    case .satZero: WordKernels.shiftRight(x, out, s, b, rule, OverflowSatZero.self, &sink)
    case .satSym: WordKernels.shiftRight(x, out, s, b, rule, OverflowSatSym.self, &sink)
    case .wrapSM: WordKernels.shiftRight(x, out, s, b, rule, OverflowWrapSM.self, &sink)
    }
  }

  private static func stochastic<W, E: KernelEventSink>(
    _ overflow: OverflowMode, _ x: UnsafeBufferPointer<W>, _ out: UnsafeMutableBufferPointer<W>,
    _ s: WordShift<W>, _ b: WordBounds<W>, _ random: CounterRNG, _ first: UInt64,
    _ sink: inout E
  ) where E.Word == W {
    typealias K = WordKernels
    switch overflow {
    case .wrap:
      K.shiftRightStochastic(x, out, s, b, OverflowWrap.self, random, firstIndex: first, &sink)
    case .sat:
      K.shiftRightStochastic(x, out, s, b, OverflowSat.self, random, firstIndex: first, &sink)
    case .satZero:
      K.shiftRightStochastic(x, out, s, b, OverflowSatZero.self, random, firstIndex: first, &sink)
    case .satSym:
      K.shiftRightStochastic(x, out, s, b, OverflowSatSym.self, random, firstIndex: first, &sink)
    case .wrapSM:
      K.shiftRightStochastic(x, out, s, b, OverflowWrapSM.self, random, firstIndex: first, &sink)
    }
  }

  private static func leftShift<W, E: KernelEventSink>(
    _ overflow: OverflowMode, _ x: UnsafeBufferPointer<W>,
    _ out: UnsafeMutableBufferPointer<W>, _ s: W, _ b: WordBounds<W>, _ sink: inout E
  ) where E.Word == W {
    switch overflow {
    case .wrap: WordKernels.shiftLeft(x, out, s, b, OverflowWrap.self, &sink)
    case .sat: WordKernels.shiftLeft(x, out, s, b, OverflowSat.self, &sink)
    case .satZero: WordKernels.shiftLeft(x, out, s, b, OverflowSatZero.self, &sink)
    case .satSym: WordKernels.shiftLeft(x, out, s, b, OverflowSatSym.self, &sink)
    case .wrapSM: WordKernels.shiftLeft(x, out, s, b, OverflowWrapSM.self, &sink)
    }
  }
}
