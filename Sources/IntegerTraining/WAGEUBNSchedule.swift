import BitCore

/// The learning rate and the gradient scale of the official recipe (spec §1.2, §2.4),
/// adapted to a run of any number of epochs.
///
/// The official ImageNet script switches at epochs 30, 60, 80 and 90 of 100; here phase `p`
/// starts at the first epoch `e` with `10·e ≥ 3·E, 6·E, 8·E, 9·E` (`E` epochs in all). The
/// learning rates `0.05 × [1, 0.12, 0.06, 0.03, 0.03]` are quantized with
/// `C(Q(lr, 10), 10)` (codes 26, 3, 2, 1, 1 in units `2^−9`) and `g_scale` is
/// `128, 128, 32, 8, 2` (`gScaleBits` 7, 7, 5, 3, 1). ``constant(numerator:denominator:)``
/// keeps phase 0 throughout.
public struct WAGEUBNSchedule: Sendable, Hashable, Codable {
  /// One phase: from `startEpoch` on, this learning-rate code and gradient scale.
  public struct Phase: Sendable, Hashable, Codable {
    /// The first epoch (0-based) of the phase.
    public var startEpoch: Int
    /// The learning rate in units `2^−9` (`C(Q(lr, 10), 10)`).
    public var learningRateCode: Int64
    /// `log2 g_scale` of constant quantization.
    public var gScaleBits: Int

    /// A phase.
    public init(startEpoch: Int, learningRateCode: Int64, gScaleBits: Int) {
      self.startEpoch = startEpoch
      self.learningRateCode = learningRateCode
      self.gScaleBits = gScaleBits
    }
  }

  /// The phases, by increasing start epoch (the first starts at 0).
  public var phases: [Phase]

  /// The official recipe's five phases over `epochs` epochs, with the base learning rate
  /// `numerator / denominator` (the recipe's 0.05 by default) times `1, 0.12, 0.06, 0.03, 0.03`.
  public static func official(epochs: Int, numerator: Int64 = 1, denominator: Int64 = 20)
    -> WAGEUBNSchedule
  {
    let factors: [Int64] = [100, 12, 6, 3, 3]
    let gScaleBits = [7, 7, 5, 3, 1]
    let tenths = [0, 3, 6, 8, 9]
    let phases = (0..<5).map { p in
      Phase(
        startEpoch: (tenths[p] * epochs + 9) / 10,
        learningRateCode: learningRateCode(
          numerator: numerator * factors[p], denominator: denominator * 100),
        gScaleBits: gScaleBits[p])
    }
    return WAGEUBNSchedule(phases: phases)
  }

  /// The official first phase for the whole run: g_scale 128 and the learning rate
  /// `numerator / denominator` (0.05, code 26, by default).
  public static func constant(numerator: Int64 = 1, denominator: Int64 = 20) -> WAGEUBNSchedule {
    WAGEUBNSchedule(
      phases: [official(epochs: 1, numerator: numerator, denominator: denominator).phases[0]])
  }

  /// The phase in force during `epoch` (the last phase whose start is not after it).
  public func phase(epoch: Int) -> Phase {
    phases.last { $0.startEpoch <= epoch } ?? phases[0]
  }

  /// The learning-rate quantization `C(Q(lr, k), k)` of `lr = numerator / denominator`:
  /// `clamp(round(lr · 2^(k−1)), ±(2^(k−1) − 1))` in units `2^(1−k)`, ties to even
  /// (spec §7 item 4: 0.05, 0.006, 0.003, 0.0015 → 26, 3, 2, 1 for k = 10).
  public static func learningRateCode(
    numerator: Int64, denominator: Int64, bits k: Int = 10, rounding: RoundingMode = .rndConv
  ) -> Int64 {
    precondition(k >= 2 && k <= 40 && denominator > 0, "2 <= k <= 40, positive denominator")
    precondition(numerator.magnitude < UInt64(1) << 40, "|numerator| < 2^40")
    let q = IntegerRounding.divide(numerator << Int64(k - 1), by: denominator, mode: rounding)
    return IntegerRounding.clamp(q, (1 << Int64(k - 1)) - 1).0
  }
}
