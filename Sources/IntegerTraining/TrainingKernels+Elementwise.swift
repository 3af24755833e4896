import BitCore
import CFixedKernels
import FixedPoint

extension TrainingKernels {
  /// Raw buffers of one elementwise job; each part writes only its own elements and counters.
  struct Buffers<Counts>: @unchecked Sendable {
    let input: UnsafePointer<Int64>
    let out: UnsafeMutablePointer<Int64>
    let second: UnsafeMutablePointer<Int64>?
    let third: UnsafeMutablePointer<Int64>?
    let counts: UnsafeMutablePointer<Counts>
  }

  /// ``QuantizedMomentum/apply(master:momentum:forward:gradient:learningRate:rounding:saturate:forwardBound:threads:stats:)``
  /// on the C kernel; `false` (nothing changed) for a stochastic rounding. Traps, as the Swift
  /// update does, when an operation overflows 64 bits.
  static func momentum(
    master: inout [Int64], momentum: inout [Int64], forward: inout [Int64], gradient: [Int64],
    learningRate: Int64, rounding: RoundingMode, bounds: (momentum: Int64, master: Int64),
    forwardBound: Int64, threads: Int, stats: inout UpdateStatistics
  ) -> Bool {
    guard let mode = roundingID(rounding) else { return false }
    let count = gradient.count
    var counts = [cfk_update_counts](
      repeating: cfk_update_counts(
        zero_updates: 0, flips: 0, momentum_saturations: 0, weight_saturations: 0,
        momentum_magnitude: 0, weight_magnitude: 0), count: max(1, threads))
    var parts = 1
    gradient.withUnsafeBufferPointer { g in
      master.withUnsafeMutableBufferPointer { w in
        momentum.withUnsafeMutableBufferPointer { a in
          forward.withUnsafeMutableBufferPointer { f in
            counts.withUnsafeMutableBufferPointer { c in
              let job = Buffers(
                input: g.baseAddress!, out: w.baseAddress!, second: a.baseAddress!,
                third: f.baseAddress!, counts: c.baseAddress!)
              parts = splitRun(count, threads: threads) { part, range in
                let status = cfk_momentum(
                  job.out + range.lowerBound, job.second! + range.lowerBound,
                  job.third! + range.lowerBound, job.input + range.lowerBound, range.count,
                  learningRate, mode, bounds.momentum, bounds.master, forwardBound,
                  job.counts + part)
                precondition(status == 0, "Int64 overflow in the quantized Momentum update")
              }
            }
          }
        }
      }
    }
    var local = UpdateStatistics()
    local.updates = count
    var momentumMagnitude: UInt64 = 0
    var weightMagnitude: UInt64 = 0
    for c in counts[..<parts] {
      local.zeroUpdates += Int(c.zero_updates)
      local.flips += Int(c.flips)
      local.momentumSaturations += Int(c.momentum_saturations)
      local.weightSaturations += Int(c.weight_saturations)
      momentumMagnitude |= c.momentum_magnitude
      weightMagnitude |= c.weight_magnitude
    }
    if count > 0 {
      local.momentumMaxBits = bitLength(momentumMagnitude)
      local.weightMaxBits = bitLength(weightMagnitude)
    }
    stats.merge(local)
    return true
  }

  /// Constant quantization's rounding and clamp (`codes`: `g` shifted right by `s` bits with
  /// stochastic rounding, clamped to `±bound`) on the C kernel, and its events; `nil` outside
  /// `1 ≤ s ≤ 61`.
  static func constant(
    _ g: [Int64], shift s: Int, bound: Int64, form: StochasticForm, key: StochasticKey,
    threads: Int
  ) -> ([Int64], QuantizationEvents)? {
    guard (1...61).contains(s), !g.isEmpty else { return nil }
    let rng = key.rng
    var counts = [cfk_quantize_counts](
      repeating: cfk_quantize_counts(rounded: 0, overflowed: 0, magnitude: 0),
      count: max(1, threads))
    var parts = 1
    // Every code is written by the kernel.
    var codes = [Int64](unsafeUninitializedCapacity: g.count) { _, count in count = g.count }
    g.withUnsafeBufferPointer { g in
      codes.withUnsafeMutableBufferPointer { out in
        counts.withUnsafeMutableBufferPointer { c in
          let job = Buffers(
            input: g.baseAddress!, out: out.baseAddress!, second: nil, third: nil,
            counts: c.baseAddress!)
          parts = splitRun(g.count, threads: threads) { part, range in
            cfk_constant_quantize(
              job.input, range.lowerBound, range.count, Int32(s), form == .floor ? 1 : 0, bound,
              rng.seed, rng.stream, job.out, job.counts + part)
          }
        }
      }
    }
    var events = QuantizationEvents()
    var magnitude: UInt64 = 0
    for c in counts[..<parts] {
      events.rounded += Int(c.rounded)
      events.overflowed += Int(c.overflowed)
      magnitude |= c.magnitude
    }
    events.count = codes.count
    events.maxBitLength = bitLength(magnitude)
    return (codes, events)
  }

  /// The direct and shift quantizers' rounding and clamp on the C kernel (`x` shifted right
  /// by `s` bits), with their events; `nil` for a stochastic rounding or a shift outside
  /// `1 ≤ s ≤ 62`.
  static func shift(_ x: [Int64], by s: Int, rounding: RoundingMode, bound: Int64)
    -> ([Int64], QuantizationEvents)?
  {
    guard (1...62).contains(s), let mode = roundingID(rounding) else { return nil }
    return quantized(x.count) { out, counts in
      cfk_shift_quantize(x, x.count, Int32(s), mode, bound, out, counts)
    }
  }

  /// E2's rounding and clamps on the C kernel (`threshold` as in
  /// ``WAGEUBNQuantizer/e2(_:bits:previousExponent:)-(IntegerTensor,_,_)``), with its events;
  /// `nil` for a stochastic rounding or shifts outside `1 ≤ threshold − (k − 1)`,
  /// `threshold ≤ 62`.
  static func e2(_ x: [Int64], threshold: Int, bits k: Int, rounding: RoundingMode)
    -> ([Int64], QuantizationEvents)?
  {
    guard threshold - (k - 1) >= 1, threshold <= 62, let mode = roundingID(rounding) else {
      return nil
    }
    return quantized(x.count) { out, counts in
      cfk_e2_quantize(x, x.count, Int32(threshold), Int32(k), mode, out, counts)
    }
  }

  /// `count` codes written by `body` and the events of its counters.
  static func quantized(
    _ count: Int,
    _ body: (UnsafeMutablePointer<Int64>, UnsafeMutablePointer<cfk_quantize_counts>) -> Void
  ) -> ([Int64], QuantizationEvents) {
    var counts = cfk_quantize_counts(rounded: 0, overflowed: 0, magnitude: 0)
    let codes = [Int64](unsafeUninitializedCapacity: count) { out, initialized in
      if count > 0 { body(out.baseAddress!, &counts) }
      initialized = count
    }
    var events = QuantizationEvents()
    events.count = count
    events.rounded = Int(counts.rounded)
    events.overflowed = Int(counts.overflowed)
    events.maxBitLength = count > 0 ? bitLength(counts.magnitude) : 0
    return (codes, events)
  }
}
