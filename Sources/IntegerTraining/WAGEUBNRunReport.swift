import FixedPoint

/// One row of the format map: how a tensor is held and quantized (spec §6, "per-tensor
/// format map").
public struct FormatMapRow: Sendable, Hashable, Codable {
  /// `W_q`, `A`, `E2` …
  public var tensor: String
  /// The container, e.g. `int8`, `int15 (flag format)`, `48-bit WRAP`.
  public var container: String
  /// The step: `2^-7`, `R·2^-14` …
  public var step: String
  /// The clip range in codes, or `none`.
  public var clip: String
  /// The quantizer and its rounding.
  public var quantizer: String
  /// `integer` or `float`.
  public var arithmetic: String
}

/// Everything `bittrue wageubn report` shows, as written to `report.json` by a training run.
public struct WAGEUBNRunReport: Sendable, Codable {
  /// `bittrue-wageubn-run`.
  public var format = "bittrue-wageubn-run"
  /// 1.
  public var version = 1
  /// The data set's name.
  public var dataset: String
  /// The configuration that decided the result.
  public var configuration: WAGEUBNTrainingConfiguration
  /// The format of every tensor.
  public var formatMap: [FormatMapRow]
  /// Per layer: accumulators, tensors (with R exponents per step), updates.
  public var layers: [LayerStatistics]
  /// One record per epoch.
  public var epochs: [WAGEUBNEpochRecord]
  /// Final test accuracy.
  public var testAccuracy: Double
  /// The final parameters' digest.
  public var weightsDigest: String
  /// Seconds of training steps.
  public var stepSeconds: Double
  /// The thread count of the run (results do not depend on it).
  public var threads: Int

  /// The report of `run` on `dataset`.
  public init(
    run: WAGEUBNRun, dataset: String, testAccuracy: Double, weightsDigest: String, threads: Int
  ) {
    self.dataset = dataset
    configuration = run.configuration
    formatMap = Self.formatMap(run.configuration)
    layers = run.model.statistics
    epochs = run.epochs
    self.testAccuracy = testAccuracy
    self.weightsDigest = weightsDigest
    stepSeconds = run.stepSeconds
    self.threads = threads
  }

  /// Seconds of training steps per epoch.
  public var secondsPerEpoch: Double { stepSeconds / Double(max(configuration.epochs, 1)) }

  /// The format map of a configuration.
  public static func formatMap(_ c: WAGEUBNTrainingConfiguration) -> [FormatMapRow] {
    let integer = c.arithmetic == .integer
    let rounding = c.profile.rounding.rawValue
    let saturate = c.profile.directRange == .saturate
    let k1 = c.bits.e1
    let k2 = c.bits.e2
    let e1Half = 1 << (k1 - 1)
    let e1Bound = c.profile.e1Clip == .symmetric ? "±\(e1Half - 1)" : "±\(e1Half)"
    let mode = integer ? "integer" : "float"
    func acc(_ a: Accumulator) -> String {
      integer ? "\(a.width)-bit \(a.overflow.rawValue)" : "Double"
    }
    let batchNorm =
      c.architecture.stages.contains(.batchNorm)
      ? [
        FormatMapRow(
          tensor: "BN μ, σ", container: "int64 (exact Int128 sums)", step: "2^-15",
          clip: "none", quantizer: "Q(μ,16) \(rounding); σ nearest to √var, ties up; ε = 2^-15",
          arithmetic: "integer"),
        FormatMapRow(
          tensor: "BN x̂", container: saturate ? "int8" : "unbounded", step: "2^-7",
          clip: saturate ? "±127" : "none", quantizer: "Q((x−μ)/(σ+ε),8) \(rounding)",
          arithmetic: "integer"),
        FormatMapRow(
          tensor: "BN γ, β", container: saturate ? "int8" : "unbounded", step: "2^-7",
          clip: saturate ? "±127" : "none", quantizer: "Q(γ,8), Q(β,8) \(rounding)",
          arithmetic: mode),
        FormatMapRow(
          tensor: "BN dX", container: "int64", step: "2^-23 × E1 step", clip: "none",
          quantizer: "textbook backward on x̂, γ, σ+ε (A6) \(rounding)", arithmetic: "integer"),
        FormatMapRow(
          tensor: "BN g_γ, g_β", container: saturate ? "int15" : "unbounded", step: "2^-14",
          clip: saturate ? "±16383" : "none", quantizer: "Q(g,15) \(rounding)",
          arithmetic: "integer"),
      ] : []
    return [
      FormatMapRow(
        tensor: "input", container: "uint7", step: "2^-7", clip: "0…127",
        quantizer: "min(127, round(128·x/max x))", arithmetic: "integer"),
      FormatMapRow(
        tensor: "W_q", container: "int8", step: "2^-7", clip: "±127",
        quantizer: "C(Q(W,8),8) \(rounding)", arithmetic: mode),
      FormatMapRow(
        tensor: "W (master)", container: integer ? "int24" : "Double",
        step: integer ? "2^-23" : "—",
        clip: integer && saturate ? "±(2^23-1)" : "none",
        quantizer: integer ? "Q(W,24) (exact: never rounds)" : "none", arithmetic: mode),
      FormatMapRow(
        tensor: "Acc (momentum)", container: integer ? "int13" : "Double",
        step: integer ? "2^-12" : "—", clip: integer && saturate ? "±4095" : "none",
        quantizer: integer ? "Q(Acc,13) \(rounding)" : "none", arithmetic: mode),
      FormatMapRow(
        tensor: "y = W_q·A", container: acc(c.plan.forward), step: "2^-14", clip: "register",
        quantizer: "none (accumulator)", arithmetic: mode),
      FormatMapRow(
        tensor: "A (hidden)", container: saturate ? "int8" : "unbounded", step: "2^-7",
        clip: saturate ? "0…127" : "none", quantizer: "Q(ReLU(y),8) \(rounding)",
        arithmetic: mode),
      FormatMapRow(
        tensor: "logits", container: "float", step: "—", clip: "none",
        quantizer: "y·2^-14 as Float, softmax cross-entropy", arithmetic: "float"),
      FormatMapRow(
        tensor: "dL/dlogits", container: "int64", step: "2^-30", clip: "none",
        quantizer: "round to 2^-30 (ties to even)", arithmetic: "integer"),
      FormatMapRow(
        tensor: "E2", container: "int\(2 * k2 - 1) (flag + sign + \(k2 - 1) bits)",
        step: "R·2^-\(2 * k2 - 2) | R·2^-\(k2 - 1)",
        clip: "±\((1 << (k2 - 1)) - 1)·\(1 << (k2 - 1))", quantizer: "E2 flag format, R per tensor",
        arithmetic: mode),
      FormatMapRow(
        tensor: "E2·W_q", container: acc(c.plan.error), step: "R·2^-\(2 * k2 + 5)",
        clip: "register",
        quantizer: "none (accumulator)", arithmetic: mode),
      FormatMapRow(
        tensor: "E1", container: c.profile.e1Clip == .symmetric ? "int\(k1)" : "int\(k1 + 1)",
        step: "R·2^-\(k1 - 1)", clip: e1Bound, quantizer: "SQ(e,\(k1)) \(rounding), R per tensor",
        arithmetic: mode),
      FormatMapRow(
        tensor: "E2ᵀ·A", container: acc(c.plan.gradient), step: "R·2^-\(2 * k2 + 5)",
        clip: "register",
        quantizer: "none (accumulator)", arithmetic: mode),
      FormatMapRow(
        tensor: "G", container: "int8", step: "2^-14", clip: "±(g_scale-1)",
        quantizer: "constant quantization, stochastic (\(c.profile.stochasticForm.rawValue))",
        arithmetic: mode),
      FormatMapRow(
        tensor: "lr", container: "int10", step: "2^-9", clip: "±511",
        quantizer: "C(Q(lr,10),10) RND_CONV", arithmetic: mode),
    ] + batchNorm
  }
}
