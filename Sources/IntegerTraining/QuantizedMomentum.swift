import BitCore

/// What the weight updates of one layer did, summed over steps: the update-vs-LSB
/// diagnostics of the report (spec §6).
public struct UpdateStatistics: Sendable, Hashable, Codable {
  /// Weight updates performed (elements × steps).
  public var updates = 0
  /// Updates that left the master weight unchanged (`lr·T = 0`, i.e. `T = 0`).
  public var zeroUpdates = 0
  /// Updates that changed the forward weight `W_q` (a flip of at least one LSB).
  public var flips = 0
  /// Momentum values clamped to the declared momentum width (hardware profile).
  public var momentumSaturations = 0
  /// Master weights clamped to the declared master width (hardware profile).
  public var weightSaturations = 0
  /// Signed bit length of the widest stored momentum code (units `2^−12`).
  public var momentumMaxBits = 0
  /// Signed bit length of the widest master weight code (units `2^−23`).
  public var weightMaxBits = 0

  /// No updates yet.
  public init() {}

  /// Adds `other`'s counts.
  public mutating func merge(_ other: UpdateStatistics) {
    updates += other.updates
    zeroUpdates += other.zeroUpdates
    flips += other.flips
    momentumSaturations += other.momentumSaturations
    weightSaturations += other.weightSaturations
    momentumMaxBits = max(momentumMaxBits, other.momentumMaxBits)
    weightMaxBits = max(weightMaxBits, other.weightMaxBits)
  }
}

/// WAGEUBN's quantized Momentum (spec §2.3 steps 4–7, ambiguity A7 resolved as "update,
/// then quantize"), in integers, for one parameter tensor:
///
/// ```
/// T      = Acc + G                  (units 2^−14: Acc in units 2^−12 is Acc/4 there)
/// W      = W − lr · T               (units 2^−23: lr in 2^−9 times T in 2^−14)
/// Acc    = round(T / 4)             (Q(Acc, 13): units 2^−12)
/// W_q    = clamp(round(W / 2^16), ±127)   (the forward weight, units 2^−7)
/// ```
///
/// With `saturate`, `Acc` is clamped to the 13-bit `±4095` and `W` to the 24-bit
/// `±(2^23 − 1)` (each clamp counted); otherwise both are unbounded (`Int64`) and only their
/// widths are recorded.
public enum QuantizedMomentum {
  /// The momentum's declared width (13 bits, units `2^−12`).
  public static let momentumBits = 13
  /// The master weight's declared width (24 bits, units `2^−23`).
  public static let masterBits = 24
  /// The forward weight's width (8 bits, units `2^−7`).
  public static let forwardBits = 8

  /// One update of `master`, `momentum` and `forward` by the gradient codes `gradient`
  /// (units `2^−14`, ``WAGEUBNQuantizer/constant(_:bits:gScaleBits:key:)-(IntegerTensor,_,_,_)``)
  /// with the learning-rate code `learningRate` (units `2^−9`); the counts go to `stats`. The
  /// forward codes are clamped to `±forwardBound` (127: `C(Q(W, 8), 8)`). Large tensors are
  /// split over `threads` (the result does not depend on it).
  public static func apply(
    master: inout [Int64], momentum: inout [Int64], forward: inout [Int64], gradient: [Int64],
    learningRate: Int64, rounding: RoundingMode, saturate: Bool, forwardBound: Int64 = 127,
    threads: Int = 1, stats: inout UpdateStatistics
  ) {
    precondition(
      master.count == gradient.count && momentum.count == gradient.count
        && forward.count == gradient.count, "one gradient per weight")
    let momentumBound: Int64 = saturate ? (1 << Int64(momentumBits - 1)) - 1 : .max
    let masterBound: Int64 = saturate ? (1 << Int64(masterBits - 1)) - 1 : .max
    if TrainingKernels.momentum(
      master: &master, momentum: &momentum, forward: &forward, gradient: gradient,
      learningRate: learningRate, rounding: rounding, bounds: (momentumBound, masterBound),
      forwardBound: forwardBound, threads: threads, stats: &stats)
    {
      return
    }
    reference(
      master: &master, momentum: &momentum, forward: &forward, gradient: gradient,
      learningRate: learningRate, rounding: rounding, bounds: (momentumBound, masterBound),
      forwardBound: forwardBound, stats: &stats)
  }

  /// ``apply(master:momentum:forward:gradient:learningRate:rounding:saturate:forwardBound:threads:stats:)``
  /// in Swift, element by element, with every operation overflow-checked: the definition the
  /// C kernel is tested against, and the path it leaves to (stochastic rounding, operands too
  /// wide for its unchecked 64-bit arithmetic).
  static func reference(
    master: inout [Int64], momentum: inout [Int64], forward: inout [Int64], gradient: [Int64],
    learningRate: Int64, rounding: RoundingMode, bounds: (momentum: Int64, master: Int64),
    forwardBound: Int64, stats: inout UpdateStatistics
  ) {
    let (momentumBound, masterBound) = bounds
    var local = UpdateStatistics()
    local.updates = gradient.count
    // Raw buffers: the loop runs once per weight and step, the hottest elementwise loop of
    // training.
    master.withUnsafeMutableBufferPointer { master in
      momentum.withUnsafeMutableBufferPointer { momentum in
        forward.withUnsafeMutableBufferPointer { forward in
          gradient.withUnsafeBufferPointer { gradient in
            for i in 0..<gradient.count {
              let t = momentum[i] + gradient[i]
              if t == 0 { local.zeroUpdates += 1 }
              let (w, wClipped) = IntegerRounding.clamp(master[i] - learningRate * t, masterBound)
              let (acc, accClipped) = IntegerRounding.clamp(
                IntegerRounding.shiftRight(t, by: 2, mode: rounding).0, momentumBound)
              if wClipped { local.weightSaturations += 1 }
              if accClipped { local.momentumSaturations += 1 }
              master[i] = w
              momentum[i] = acc
              let q = forwardWeight(w, rounding: rounding, bound: forwardBound)
              if q != forward[i] { local.flips += 1 }
              forward[i] = q
              local.weightMaxBits = max(local.weightMaxBits, IntegerRounding.signedBitLength(w))
              local.momentumMaxBits = max(
                local.momentumMaxBits, IntegerRounding.signedBitLength(acc))
            }
          }
        }
      }
    }
    stats.merge(local)
  }

  /// The forward weight `C(Q(W, 8), 8)` of a master code (units `2^−23` → `2^−7`), or
  /// `Q(W, 8)` clamped to another `±bound` (batch norm's `γ`, `β`).
  @inline(__always)
  public static func forwardWeight(_ master: Int64, rounding: RoundingMode, bound: Int64 = 127)
    -> Int64
  {
    let shift = masterBits - forwardBits
    return IntegerRounding.clamp(
      IntegerRounding.shiftRight(master, by: shift, mode: rounding).0, bound
    ).0
  }
}
