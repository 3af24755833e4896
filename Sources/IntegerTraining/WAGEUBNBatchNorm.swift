import BitCore
import FixedPoint

/// The formats of WAGEUBN batch norm (spec §1.2, §2.1): mean and standard deviation on the
/// 16-bit grid `2^−15`, `ε` one unit of it, the normalized `x̂` and the parameters `γ`, `β`
/// on the 8-bit grid `2^−7`, their gradients on `2^−14` (`Q(·, 15)`).
public enum WAGEUBNBatchNorm {
  /// `μ_q = Q(μ, 16)`: units `2^−15`.
  public static let meanExponent = -15
  /// `σ_q = Q(√var, 16)`: units `2^−15`; `σ_q + ε` is `(S + 1)` of these units.
  public static let stdExponent = -15
  /// The variance of the running statistics: units `2^−30` (the square of `σ`'s unit).
  public static let varianceExponent = -30
  /// `x̂ = Q((x − μ_q)/(σ_q + ε), 8)`, and `Q(γ, 8)`, `Q(β, 8)`: units `2^−7`.
  public static let bits = 8
  /// The gradients of `γ` and `β`, `Q(g, 15)`: units `2^−14`.
  public static let gradientBits = 15
  /// Ambiguity A6: the input gradient is rounded to this many bits below the unit of the
  /// incoming error (E1 codes in units `R·2^−7` give units `R·2^−30`).
  public static let errorResolutionBits = 23
  /// The largest input magnitude (`2^44`): the squares' sums stay inside `Int128`.
  public static let inputMagnitudeLimit: UInt64 = 1 << 44
}

/// Per-channel statistics of one batch (or the running ones): the codes batch norm divides
/// by.
public struct BatchNormStatistics: Sendable, Hashable, Codable {
  /// `μ_q` per channel, units `2^−15`.
  public var mean: [Int64]
  /// `σ_q` per channel, units `2^−15` (`S`; the divisor is `S + 1`).
  public var std: [Int64]
  /// The variance per channel rounded to units `2^−30` (clamped to `±(2^62 − 1)`): what the
  /// running statistics average.
  public var variance: [Int64]

  /// Statistics.
  public init(mean: [Int64], std: [Int64], variance: [Int64]) {
    self.mean = mean
    self.std = std
    self.variance = variance
  }

  /// The standard deviation code of a variance code `V` (units `2^−30`): the nearest integer
  /// to `√V`, ties up, `(⌊√(4V)⌋ + 1) >> 1`.
  public static func std(ofVariance v: Int64) -> Int64 {
    let root = IntegerRounding.squareRoot(BigInt(max(v, 0)) << 2)
    return IntegerRounding.clamped62((root + 1) >> 1).0
  }
}

/// The gradients of one batch-norm backward pass.
public struct BatchNormGradients: Sendable, Equatable {
  /// The error at the batch norm's input, units `2^(e − 23)` for an incoming error in units
  /// `2^e` (A6); clamped to `±(2^62 − 1)`.
  public var input: IntegerTensor
  /// `Q(∂L/∂γ, 15)` per channel, units `2^−14`.
  public var gamma: [Int64]
  /// `Q(∂L/∂β, 15)` per channel, units `2^−14`.
  public var beta: [Int64]
  /// Input-gradient elements rounded and clamped; `γ`/`β` gradients rounded and clipped.
  public var events: QuantizationEvents
}

extension WAGEUBNQuantizer {
  /// The batch statistics of `x` (channel-last: element `i` is in channel `i mod channels`;
  /// every `|code| < 2^44`), exactly (spec §2.1, A5):
  /// `μ_q = round(Σx / n)` on `2^−15` (the profile's rounding), `σ_q` the nearest
  /// integer (ties up) to `2^15·√var` from the exact rational population variance
  /// `var = Σx²/n − (Σx/n)²`, and `var` itself rounded to `2^−30`. Sums run in `Int128`,
  /// the per-channel divisions in ``BigInt``.
  public func batchStatistics(_ x: IntegerTensor, channels: Int) -> BatchNormStatistics {
    let n = x.codes.count / max(channels, 1)
    precondition(channels >= 1 && n >= 1 && n * channels == x.codes.count, "whole positions")
    precondition(
      x.maxMagnitude < WAGEUBNBatchNorm.inputMagnitudeLimit, "|x| < 2^44 (Int128 sums)")
    var sums = [Int128](repeating: 0, count: channels)
    var squares = [Int128](repeating: 0, count: channels)
    x.codes.withUnsafeBufferPointer { codes in
      for p in 0..<n {
        let base = p * channels
        for c in 0..<channels {
          let v = Int128(codes[base + c])
          sums[c] += v
          squares[c] += v * v
        }
      }
    }
    let count = BigInt(n)
    var statistics = BatchNormStatistics(mean: [], std: [], variance: [])
    for c in 0..<channels {
      let s = BigInt(sums[c])
      let meanShift = x.exponent - WAGEUBNBatchNorm.meanExponent
      let (mean, _) =
        meanShift >= 0
        ? IntegerRounding.divide(s << meanShift, by: count, mode: profile.rounding)
        : IntegerRounding.divide(s, by: count << -meanShift, mode: profile.rounding)
      // var·2^30 = D·2^t / n² with D = n·Σx² − (Σx)² ≥ 0.
      let d = count * BigInt(squares[c]) - s * s
      let t = 2 * (x.exponent - WAGEUBNBatchNorm.stdExponent)
      let (numerator, denominator) =
        t + 2 >= 0 ? (d << (t + 2), count * count) : (d, (count * count) << -(t + 2))
      let fourV = numerator.floorDivided(by: denominator).quotient
      let std = (IntegerRounding.squareRoot(fourV) + 1) >> 1
      let variance = IntegerRounding.divide(numerator, by: denominator << 2, mode: profile.rounding)
        .0
      statistics.mean.append(IntegerRounding.clamped62(mean).0)
      statistics.std.append(IntegerRounding.clamped62(std).0)
      statistics.variance.append(IntegerRounding.clamped62(variance).0)
    }
    return statistics
  }

  /// `x̂ = Q((x − μ_q)/(σ_q + ε), 8)` (exponent `−7`): each element the exact rational
  /// `(x − μ_q)/((S + 1)·2^−15)·2^7` rounded with the profile's rounding; unbounded, or
  /// saturated to `±127` under ``DirectRange/saturate`` (A2). `x` channel-last as in
  /// ``batchStatistics(_:channels:)``, `x.exponent ≥ −40`.
  public func batchNormalize(_ x: IntegerTensor, _ statistics: BatchNormStatistics)
    -> QuantizedCodes
  {
    let channels = statistics.mean.count
    precondition(channels >= 1 && x.codes.count % channels == 0, "whole positions")
    precondition(x.exponent >= -40, "x.exponent >= -40")
    precondition(
      x.maxMagnitude < WAGEUBNBatchNorm.inputMagnitudeLimit, "|x| < 2^44 (Int128 sums)")
    let k = WAGEUBNBatchNorm.bits
    let f = min(x.exponent, WAGEUBNBatchNorm.meanExponent)
    let p = f - WAGEUBNBatchNorm.stdExponent + k - 1
    let bound: Int128 = profile.directRange == .saturate ? (1 << Int128(k - 1)) - 1 : (1 << 62) - 1
    let denominators = statistics.std.map { s -> Int128 in
      (Int128(s) + 1) << Int128(max(-p, 0))
    }
    let means = statistics.mean.map { Int128($0) << Int128(WAGEUBNBatchNorm.meanExponent - f) }
    var events = QuantizationEvents()
    var widest = 0
    var codes = [Int64](repeating: 0, count: x.codes.count)
    for i in x.codes.indices {
      let c = i % channels
      let numerator =
        ((Int128(x.codes[i]) << Int128(x.exponent - f)) - means[c]) << Int128(max(p, 0))
      let q: Int128
      let inexact: Bool
      if let n64 = Int64(exactly: numerator), let d64 = Int64(exactly: denominators[c]),
        n64.magnitude < 1 << 62, d64 < 1 << 62
      {
        // The common case in `Int64` (the same rounding, much faster than `Int128` division).
        let (small, lost) = IntegerRounding.divideReportingInexact(
          n64, by: d64, mode: profile.rounding)
        (q, inexact) = (Int128(small), lost)
      } else {
        (q, inexact) = IntegerRounding.divide(
          numerator, by: denominators[c], mode: profile.rounding)
      }
      let kept = min(max(q, -bound), bound)
      if inexact { events.rounded += 1 }
      if kept != q { events.overflowed += 1 }
      codes[i] = Int64(kept)
      widest = max(widest, IntegerRounding.signedBitLength(codes[i]))
    }
    events.count = codes.count
    events.maxBitLength = widest
    return QuantizedCodes(
      tensor: IntegerTensor(codes: codes, exponent: 1 - k), shiftExponent: nil, zeroScale: false,
      events: events)
  }

  /// The affine step `y = x̂·Γ + β` (spec §2.1 step 4), exactly: `x̂` in units `2^−7`, `Γ`
  /// and `B` the `Q(γ, 8)`, `Q(β, 8)` codes per channel; `y` in units `2^−14`.
  public func batchNormAffine(_ xhat: IntegerTensor, gamma: [Int64], beta: [Int64])
    -> IntegerTensor
  {
    let channels = gamma.count
    precondition(beta.count == channels && xhat.codes.count % channels == 0, "one γ, β each")
    let shift = Int64(-xhat.exponent)
    var codes = xhat.codes
    for i in codes.indices {
      let c = i % channels
      codes[i] = codes[i] * gamma[c] + (beta[c] << shift)
    }
    return IntegerTensor(codes: codes, exponent: xhat.exponent + 1 - WAGEUBNBatchNorm.bits)
  }

  /// The batch-norm backward pass (A6: the textbook formulas on the quantized `x̂`, `Γ` and
  /// `1/(σ_q + ε)`, straight through every `Q`), exactly, per channel with `n` positions:
  ///
  /// ```
  /// ∂β = Σ dy          ∂γ = Σ dy·x̂
  /// dx = Γ / ((σ_q + ε)·n) · (n·dy − ∂β − x̂·∂γ)
  /// ```
  ///
  /// `dx` is rounded (profile rounding) to units `2^(e − 23)` for `dy` in units `2^e`, `∂γ`
  /// and `∂β` with `Q(·, 15)` (units `2^−14`; saturated to `±(2^14 − 1)` under
  /// ``DirectRange/saturate``). `dy` and `xhat` are channel-last, `gamma` in units `2^−7`,
  /// `std` the `S` codes the forward pass divided by `S + 1`.
  public func batchNormBackward(
    _ dy: IntegerTensor, normalized xhat: IntegerTensor, gamma: [Int64], std: [Int64]
  ) -> BatchNormGradients {
    let channels = gamma.count
    let n = dy.codes.count / max(channels, 1)
    precondition(
      channels >= 1 && std.count == channels && n * channels == dy.codes.count
        && xhat.codes.count == dy.codes.count, "matching shapes")
    precondition(
      dy.maxMagnitude < 1 << 40 && xhat.maxMagnitude < 1 << 40, "|dy|, |x̂| < 2^40")
    var sumDy = [Int128](repeating: 0, count: channels)
    var sumDyX = [Int128](repeating: 0, count: channels)
    for p in 0..<n {
      for c in 0..<channels {
        let i = p * channels + c
        sumDy[c] += Int128(dy.codes[i])
        sumDyX[c] += Int128(dy.codes[i]) * Int128(xhat.codes[i])
      }
    }
    var events = QuantizationEvents()
    let gradientShift = -(WAGEUBNBatchNorm.gradientBits - 1)
    let gradientBound: Int64 =
      profile.directRange == .saturate ? (1 << Int64(WAGEUBNBatchNorm.gradientBits - 1)) - 1 : .max
    func parameterGradient(_ sum: Int128, exponent: Int) -> Int64 {
      let shift = gradientShift - exponent
      let (q, inexact) =
        shift > 0
        ? IntegerRounding.divide(BigInt(sum), by: BigInt(1) << shift, mode: profile.rounding)
        : (BigInt(sum) << -shift, false)
      let (code, clamped) = IntegerRounding.clamped62(q)
      let (kept, clipped) = IntegerRounding.clamp(code, gradientBound)
      if inexact { events.rounded += 1 }
      if clamped || clipped { events.overflowed += 1 }
      return kept
    }
    let gammaGradient = sumDyX.map { parameterGradient($0, exponent: dy.exponent + xhat.exponent) }
    let betaGradient = sumDy.map { parameterGradient($0, exponent: dy.exponent) }
    // code = Γ·inner·2^z / ((S + 1)·n), inner = (n·dy − Σdy)·2^(−2·e_x̂) − x̂·Σdy·x̂.
    let outputExponent = dy.exponent - WAGEUBNBatchNorm.errorResolutionBits
    let gammaExponent = 1 - WAGEUBNBatchNorm.bits
    let z =
      gammaExponent - WAGEUBNBatchNorm.stdExponent + dy.exponent + 2 * xhat.exponent
      - outputExponent
    let count = Int128(n)
    let denominators = std.map { (Int128($0) + 1) * count << Int128(max(-z, 0)) }
    let factors = gamma.map { Int128($0) << Int128(max(z, 0)) }
    // The 64-bit path: code = round(Γ·inner·2^s / D) with D = denominators[c] < 2^62.
    let smallDenominators = denominators.map { $0 < 1 << 62 ? Int64($0) : 0 }
    let s = Int64(max(z, 0))
    let xShift = Int128(-2 * xhat.exponent)
    var codes = [Int64](repeating: 0, count: dy.codes.count)
    var widest = 0
    for p in 0..<n {
      for c in 0..<channels {
        let i = p * channels + c
        let inner =
          ((count * Int128(dy.codes[i]) - sumDy[c]) << xShift) - Int128(xhat.codes[i]) * sumDyX[c]
        if smallDenominators[c] > 0, let inner64 = Int64(exactly: inner),
          case let (g, false) = gamma[c].multipliedReportingOverflow(by: inner64),
          let (floor, remainder) = WAGEUBNBatchNorm.floorQuotient(
            g, shift: s, by: smallDenominators[c])
        {
          let (q, inexact) = WAGEUBNBatchNorm.round(
            floor, remainder: remainder, denominator: smallDenominators[c], negative: g < 0,
            mode: profile.rounding)
          let bound = (Int64(1) << 62) - 1
          codes[i] = min(max(q, -bound), bound)
          if inexact { events.rounded += 1 }
          if q.magnitude > bound.magnitude { events.overflowed += 1 }
          widest = max(widest, IntegerRounding.signedBitLength(codes[i]))
          continue
        }
        let (product, overflow) = factors[c].multipliedReportingOverflow(by: inner)
        let code: Int64
        let inexact: Bool
        let clamped: Bool
        if overflow {
          let (q, lost) = IntegerRounding.divide(
            BigInt(factors[c]) * BigInt(inner), by: BigInt(denominators[c]),
            mode: profile.rounding)
          ((code, clamped), inexact) = (IntegerRounding.clamped62(q), lost)
        } else {
          let (q, lost) = IntegerRounding.divide(
            product, by: denominators[c], mode: profile.rounding)
          let bound = (Int128(1) << 62) - 1
          code = Int64(min(max(q, -bound), bound))
          (clamped, inexact) = (q.magnitude > bound.magnitude, lost)
        }
        if inexact { events.rounded += 1 }
        if clamped { events.overflowed += 1 }
        codes[i] = code
        widest = max(widest, IntegerRounding.signedBitLength(code))
      }
    }
    events.count = codes.count + 2 * channels
    events.maxBitLength = widest
    return BatchNormGradients(
      input: IntegerTensor(codes: codes, exponent: outputExponent), gamma: gammaGradient,
      beta: betaGradient, events: events)
  }
}

extension WAGEUBNBatchNorm {
  /// `⌊g·2^s / d⌋` and the remainder in `0..<d`, computed in `Int64` (`d` in `1..<2^62`,
  /// `s ≥ 0`), or `nil` when an intermediate value or `|quotient| > 2^62` would not fit.
  ///
  /// Exact: with `g = a·d + b` (floor division, `0 ≤ b < d`) and `b·2^s = e·d + f`
  /// (`0 ≤ f < d`), `g·2^s = (a·2^s + e)·d + f`, so the floor quotient is `a·2^s + e` and the
  /// remainder `f`. When `g·2^s` itself fits one division suffices.
  @inline(__always)
  package static func floorQuotient(_ g: Int64, shift s: Int64, by d: Int64) -> (Int64, Int64)? {
    guard s < 62 else { return nil }
    let limit = Int64(1) << (62 - s)
    if g > -limit && g < limit {
      let numerator = g << s
      var q = numerator / d
      var r = numerator - q * d
      if r < 0 { (q, r) = (q - 1, r + d) }
      return (q, r)
    }
    guard d < limit else { return nil }
    var a = g / d
    var b = g - a * d
    if b < 0 { (a, b) = (a - 1, b + d) }
    let scaled = b << s
    let e = scaled / d
    guard a > -limit && a < limit else { return nil }
    let q = (a << s) + e
    guard q.magnitude <= UInt64(1) << 62 else { return nil }
    return (q, scaled - e * d)
  }

  /// The floor quotient `q` with remainder `r` (`0 ≤ r < d`) of a quotient whose sign is
  /// `negative` rounded with `mode`, and whether it was inexact (exactly as
  /// ``IntegerRounding/divide(_:by:mode:)`` decides it).
  @inline(__always)
  package static func round(
    _ q: Int64, remainder r: Int64, denominator d: Int64, negative: Bool, mode: RoundingMode
  ) -> (Int64, Bool) {
    if r == 0 { return (q, false) }
    let rest = d - r
    let versus = r < rest ? -1 : (r == rest ? 0 : 1)
    let up = mode.roundsUp(
      remainderIsZero: false, remainderVersusHalf: versus, valueIsNegative: negative,
      quotientIsOdd: q & 1 != 0)
    return (up ? q + 1 : q, true)
  }
}
