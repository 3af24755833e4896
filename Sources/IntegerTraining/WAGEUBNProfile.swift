import BitCore

/// Which exponent the shift scale `R(x) = 2^round(log2 max|x|)` uses (spec ambiguity A12).
public enum ShiftExponentRule: String, CaseIterable, Sendable, Codable {
  /// The exact integer rule of `ShiftScale` (`M² ≥ 2^(2b+1)` rounds up).
  case exact
  /// The official code's `round(log(M) / log(2))` in float32 (differs at rare boundaries
  /// such as `M = 741455`).
  case float32
}

/// How far the error quantizer E1 clips (spec ambiguity A4).
public enum E1Clip: String, CaseIterable, Sendable, Codable {
  /// `±(2^(k−1) − 1)`: the paper's and PyPI's shift quantization, a true k-bit code.
  case symmetric
  /// `±2^(k−1)`: the official code's `clamp(·, −1, 1)`, a (k+1)-bit code.
  case officialCode
}

/// Whether direct quantization Q keeps an unbounded integer part (spec ambiguity A2).
public enum DirectRange: String, CaseIterable, Sendable, Codable {
  /// No clipping: "k bits" fixes only the step `2^(1−k)` (official code, PyPI `directquant`).
  case unbounded
  /// Saturate to the declared k-bit code, `±(2^(k−1) − 1)` (a hardware register of k bits).
  case saturate
}

/// Which stochastic rounding of constant quantization (spec §1.1 SR, ambiguity A11).
public enum StochasticForm: String, CaseIterable, Sendable, Codable {
  /// `sign(x)·(⌊|x|⌋ + Bernoulli(frac |x|))`: the magnitude is rounded (official code).
  case signMagnitude
  /// `⌊x⌋ + Bernoulli(x − ⌊x⌋)` on the signed value (PyPI's floor-based `sround`); the same
  /// distribution, a different use of the random words for negative values.
  case floor
}

/// How batch norm keeps the running statistics evaluation uses (spec ambiguity A5).
public enum BatchNormRunning: String, CaseIterable, Sendable, Codable {
  /// Integer EMAs with the power-of-two decay `1 − 2^−8` of `μ_q` (units `2^−15`) and of the
  /// variance (units `2^−30`), each step `r += round((b − r)/2^8)` (a deviation from the
  /// code's 0.997).
  case dyadic
  /// `Double` EMAs with the official decay 0.997 of the batch's `μ_q` and variance, put onto
  /// the grids (`μ` rounded to `2^−15`, `σ` the nearest `2^−15` step to `√var`) only when
  /// evaluating: the official code's float running statistics.
  case float
}

/// Every choice the WAGEUBN spec leaves open for the quantizers, as named options; the three
/// profiles group them (`../shared/spec/wageubn.md` §3).
///
/// | option | `paper` | `officialCode` | `hardware` |
/// |---|---|---|---|
/// | ``rounding`` (A3) | `RND_CONV` | `RND_CONV` | `RND_CONV` |
/// | ``directRange`` (A2) | unbounded | unbounded | saturate to k bits |
/// | ``e1Clip`` (A4) | ±(2^(k−1)−1) | ±2^(k−1) | ±(2^(k−1)−1) |
/// | ``shiftExponent`` (A12) | exact | float32 | exact |
/// | ``stochasticForm`` (A11) | sign-magnitude | sign-magnitude | sign-magnitude |
/// | ``batchNormRunning`` (A5) | dyadic | float | dyadic |
///
/// Batch norm's batch statistics are exact in every profile (A5); its backward pass is the
/// textbook one on the quantized values (A6, ``WAGEUBNQuantizer/batchNormBackward(_:normalized:gamma:std:)``);
/// ``directRange`` also decides whether `x̂`, `Q(γ, 8)`, `Q(β, 8)` and their gradients
/// saturate (A2).
///
/// In every profile an all-zero tensor (A10) quantizes to zeros, keeps the caller's previous
/// shift exponent and is flagged (``QuantizedTensor/zeroScale``).
public struct WAGEUBNProfile: Sendable, Hashable, Codable {
  /// The rounding of every deterministic quantizer (A3): ties to even, or e.g. `RND_INF`
  /// (half away from zero).
  public var rounding: RoundingMode
  /// Whether direct quantization saturates (A2).
  public var directRange: DirectRange
  /// E1's clip (A4).
  public var e1Clip: E1Clip
  /// The rule for the exponent of `R(x)` (A12).
  public var shiftExponent: ShiftExponentRule
  /// The stochastic rounding of constant quantization (A11).
  public var stochasticForm: StochasticForm
  /// Batch norm's running statistics (A5).
  public var batchNormRunning: BatchNormRunning

  /// The bound of batch norm's forward codes `Q(γ, 8)`, `Q(β, 8)`: ±127 when direct
  /// quantization saturates, none otherwise.
  public var batchNormForwardBound: Int64 { directRange == .saturate ? 127 : .max }

  /// A profile with every option given.
  public init(
    rounding: RoundingMode = .rndConv, directRange: DirectRange = .unbounded,
    e1Clip: E1Clip = .symmetric, shiftExponent: ShiftExponentRule = .exact,
    stochasticForm: StochasticForm = .signMagnitude, batchNormRunning: BatchNormRunning = .dyadic
  ) {
    self.rounding = rounding
    self.directRange = directRange
    self.e1Clip = e1Clip
    self.shiftExponent = shiftExponent
    self.stochasticForm = stochasticForm
    self.batchNormRunning = batchNormRunning
  }

  /// The paper's reading: true k-bit shift quantization, exact exponents, unbounded Q.
  public static let paper = WAGEUBNProfile()
  /// The authors' TensorFlow code: E1 clips to ±2^(k−1), R's exponent in float32, float
  /// running statistics.
  public static let officialCode = WAGEUBNProfile(
    e1Clip: .officialCode, shiftExponent: .float32, batchNormRunning: .float)
  /// A datapath of declared widths: direct quantization saturates to k bits.
  public static let hardware = WAGEUBNProfile(directRange: .saturate)

  /// The profiles by name, as the CLI spells them.
  public static let named: [(name: String, profile: WAGEUBNProfile)] = [
    ("paper", .paper), ("officialCode", .officialCode), ("hardware", .hardware),
  ]
}
