import BitCore

/// A 3×3 convolution stage: its geometry and its weights, a ``WAGEUBNDenseLayer`` of
/// `outputs` = output channels and `inputs` = `9·C` (row `o`, column `(u·3 + v)·C + c` is
/// the weight of input channel `c` at kernel row `u`, column `v`).
public struct WAGEUBNConvolutionLayer: Sendable, Hashable, Codable {
  /// Input height.
  public let height: Int
  /// Input width.
  public let width: Int
  /// Input channels.
  public let channels: Int
  /// Stride in both directions.
  public let stride: Int
  /// Zero padding on every border (0…2).
  public let padding: Int
  /// The weights (and their master copy and momentum).
  public var weights: WAGEUBNDenseLayer

  /// Output height.
  public var outputHeight: Int { (height + 2 * padding - 3) / stride + 1 }
  /// Output width.
  public var outputWidth: Int { (width + 2 * padding - 3) / stride + 1 }
}

/// A batch-norm stage: `γ` and `β` (each a ``WAGEUBNDenseLayer`` of one input and `channels`
/// outputs, whose `forward` codes are `Q(γ, 8)`, `Q(β, 8)` in units `2^−7` and whose master
/// and momentum follow the weights' quantized Momentum) and the running statistics.
public struct WAGEUBNBatchNormLayer: Sendable, Hashable, Codable {
  /// Channels.
  public let channels: Int
  /// `γ` (starts at 1).
  public var gamma: WAGEUBNDenseLayer
  /// `β` (starts at 0).
  public var beta: WAGEUBNDenseLayer
  /// ``BatchNormRunning/dyadic``: running `μ_q`, units `2^−15` (starts at 0).
  public var runningMean: [Int64]
  /// ``BatchNormRunning/dyadic``: running variance, units `2^−30` (starts at 1).
  public var runningVariance: [Int64]
  /// ``BatchNormRunning/float``: running mean (starts at 0).
  public var floatRunningMean: [Double]
  /// ``BatchNormRunning/float``: running variance (starts at 1).
  public var floatRunningVariance: [Double]

  /// A fresh stage of `channels` channels.
  init(channels: Int, arithmetic: WAGEUBNArithmetic, forwardBound: Int64) {
    self.channels = channels
    func parameter(_ value: Int64) -> WAGEUBNDenseLayer {
      let integer = arithmetic == .integer
      let master = [Int64](repeating: value << 23, count: channels)
      return WAGEUBNDenseLayer(
        inputs: 1, outputs: channels,
        forward: [Int64](repeating: min(value << 7, forwardBound), count: channels),
        master: integer ? master : [],
        momentum: integer ? [Int64](repeating: 0, count: channels) : [],
        floatMaster: integer ? [] : [Double](repeating: Double(value), count: channels),
        floatMomentum: integer ? [] : [Double](repeating: 0, count: channels))
    }
    gamma = parameter(1)
    beta = parameter(0)
    runningMean = [Int64](repeating: 0, count: channels)
    runningVariance = [Int64](repeating: 1 << 30, count: channels)
    floatRunningMean = [Double](repeating: 0, count: channels)
    floatRunningVariance = [Double](repeating: 1, count: channels)
  }

  /// The statistics evaluation divides by (the running ones, on the batch-norm grids).
  func evaluationStatistics(_ running: BatchNormRunning) -> BatchNormStatistics {
    switch running {
    case .dyadic:
      return BatchNormStatistics(
        mean: runningMean, std: runningVariance.map { BatchNormStatistics.std(ofVariance: $0) },
        variance: runningVariance)
    case .float:
      let limit = Double(Int64(1) << 62)
      func code(_ v: Double) -> Int64 {
        v.isFinite ? Int64(max(-limit, min(limit, v.rounded(.toNearestOrEven)))) : 0
      }
      return BatchNormStatistics(
        mean: floatRunningMean.map { code($0 * 0x1p15) },
        std: floatRunningVariance.map { code((max($0, 0) * 0x1p30).squareRoot()) },
        variance: floatRunningVariance.map { code($0 * 0x1p30) })
    }
  }

  /// Moves the running statistics towards one batch's.
  mutating func updateRunning(
    _ batch: BatchNormStatistics, _ running: BatchNormRunning, rounding: RoundingMode
  ) {
    for c in 0..<channels {
      switch running {
      case .dyadic:
        runningMean[c] +=
          IntegerRounding.shiftRight(
            batch.mean[c] - runningMean[c], by: 8, mode: rounding
          ).0
        runningVariance[c] +=
          IntegerRounding.shiftRight(
            batch.variance[c] - runningVariance[c], by: 8, mode: rounding
          ).0
      case .float:
        floatRunningMean[c] = 0.997 * floatRunningMean[c] + 0.003 * Double(batch.mean[c]) * 0x1p-15
        floatRunningVariance[c] =
          0.997 * floatRunningVariance[c] + 0.003 * Double(batch.variance[c]) * 0x1p-30
      }
    }
  }
}

/// One stage of a ``WAGEUBNNetwork``, with its parameters.
public enum WAGEUBNStage: Sendable, Hashable, Codable {
  /// `y = W·a` (units `2^−14` for activations in `2^−7`).
  case dense(WAGEUBNDenseLayer)
  /// A 3×3 convolution.
  case convolution(WAGEUBNConvolutionLayer)
  /// Batch norm (output units `2^−14`).
  case batchNorm(WAGEUBNBatchNormLayer)
  /// ReLU, then `Q(·, 8)` (units `2^−7`).
  case activation
  /// 2×2 max-pool, stride 2, over `height × width × channels` inputs.
  case maxPool(height: Int, width: Int, channels: Int)

  /// The weight tensor of a dense or convolution stage.
  var weights: WAGEUBNDenseLayer? {
    switch self {
    case .dense(let layer): return layer
    case .convolution(let layer): return layer.weights
    default: return nil
    }
  }

  /// Whether the stage has trained parameters.
  var hasParameters: Bool {
    switch self {
    case .dense, .convolution, .batchNorm: return true
    case .activation, .maxPool: return false
    }
  }
}
