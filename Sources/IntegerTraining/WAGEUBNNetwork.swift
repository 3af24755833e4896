import BitCore
import FixedPoint
import TrainingCore

/// How a ``WAGEUBNNetwork`` computes: exactly in integers, or the float reference.
public enum WAGEUBNArithmetic: String, Sendable, Hashable, Codable, CaseIterable {
  /// Integers throughout: declared-width accumulators, the 24-bit master weight and the
  /// 13-bit momentum of spec §2.3.
  case integer
  /// The same graph in `Double`, fake-quantized by the same quantizers (W_q, A, E1, E2, G
  /// and the learning rate), with unbounded `Double` products and an unquantized `Double`
  /// master weight and momentum: what a floating-point fake-quant implementation computes.
  case floatReference = "float"
}

/// The parameters of one dense layer `y = W·a` (no bias, as in the official convolutions).
public struct WAGEUBNDenseLayer: Sendable, Hashable, Codable {
  /// Fan-in.
  public let inputs: Int
  /// Fan-out.
  public let outputs: Int
  /// The forward weight `W_q = C(Q(W, 8), 8)`, row-major `[outputs, inputs]`, units `2^−7`.
  public var forward: [Int64]
  /// Integer mode: the master weight, units `2^−23` (`Q(W, 24)`).
  public var master: [Int64]
  /// Integer mode: the momentum, units `2^−12` (`Q(Acc, 13)`).
  public var momentum: [Int64]
  /// Float mode: the master weight.
  public var floatMaster: [Double]
  /// Float mode: the momentum.
  public var floatMomentum: [Double]
}

/// A WAGEUBN network: a sequence of stages (``WAGEUBNStage``: dense, 3×3 convolution, batch
/// norm, ReLU with `Q(·, 8)`, 2×2 max-pool) ending in a dense stage whose accumulator gives
/// the logits of a float softmax loss.
///
/// Inputs are activation codes in units `2^−7` (`−127 … 127`), channel-last per sample.
/// Weights start from a normal sample of standard deviation `1/√fan-in` truncated at 2σ,
/// quantized with `Q(·, 16)` (spec §1.2 "W init"): sample `i` of weight stage `l` (dense and
/// convolution stages counted together, input first) uses the next of
/// ``CounterRNG/normal(at:)`` of stream ``WAGEUBNStreams/weights`` (index `l`) whose
/// magnitude is at most 2. Batch norm starts at `γ = 1`, `β = 0`.
public struct WAGEUBNNetwork: Sendable, Hashable, Codable {
  /// The stages, input first.
  public var stages: [WAGEUBNStage]
  /// Integer or float reference.
  public let arithmetic: WAGEUBNArithmetic
  /// `[height, width, channels]` of one input sample.
  public let input: [Int]

  /// A freshly initialised multilayer perceptron of `widths` (input width first; at least two
  /// entries): ``WAGEUBNArchitecture/mlp(_:)``.
  public init(widths: [Int], seed: UInt64, arithmetic: WAGEUBNArithmetic, rounding: RoundingMode) {
    precondition(widths.count >= 2 && widths.allSatisfy { $0 >= 1 }, "widths of an MLP")
    self.init(
      architecture: .mlp(widths), seed: seed, arithmetic: arithmetic, rounding: rounding,
      batchNormBound: .max)
  }

  /// A freshly initialised network of a valid `architecture`; `batchNormBound` bounds the
  /// `Q(γ, 8)` codes (127 when the profile saturates, ``DirectRange/saturate``).
  public init(
    architecture: WAGEUBNArchitecture, seed: UInt64, arithmetic: WAGEUBNArithmetic,
    rounding: RoundingMode, batchNormBound: Int64
  ) {
    guard case .success(let shapes) = architecture.shapes() else {
      preconditionFailure("a valid architecture")
    }
    self.arithmetic = arithmetic
    input = architecture.input
    var stages: [WAGEUBNStage] = []
    var weightIndex = 0
    for (s, stage) in architecture.stages.enumerated() {
      let (h, w, c) = (shapes[s][0], shapes[s][1], shapes[s][2])
      switch stage {
      case .dense(let outputs):
        stages.append(
          .dense(
            Self.freshWeights(
              inputs: h * w * c, outputs: outputs, index: weightIndex, seed: seed,
              arithmetic: arithmetic, rounding: rounding)))
        weightIndex += 1
      case .convolution(let channels, let stride, let padding):
        let weights = Self.freshWeights(
          inputs: 9 * c, outputs: channels, index: weightIndex, seed: seed,
          arithmetic: arithmetic, rounding: rounding)
        stages.append(
          .convolution(
            WAGEUBNConvolutionLayer(
              height: h, width: w, channels: c, stride: stride, padding: padding,
              weights: weights)))
        weightIndex += 1
      case .batchNorm:
        stages.append(
          .batchNorm(
            WAGEUBNBatchNormLayer(channels: c, arithmetic: arithmetic, forwardBound: batchNormBound)
          ))
      case .activation:
        stages.append(.activation)
      case .maxPool:
        stages.append(.maxPool(height: h, width: w, channels: c))
      }
    }
    self.stages = stages
  }

  /// The initial weights of weight stage `index` (`[outputs, inputs]`).
  static func freshWeights(
    inputs n: Int, outputs m: Int, index: Int, seed: UInt64, arithmetic: WAGEUBNArithmetic,
    rounding: RoundingMode
  ) -> WAGEUBNDenseLayer {
    let rng = WAGEUBNStreams.weights.generator(seed: seed, index: index)
    let scale = 1 / Double(n).squareRoot()
    var draw: UInt64 = 0
    let codes16 = (0..<n * m).map { _ -> Int64 in
      var z = rng.normal(at: draw)
      draw += 1
      while abs(z) > 2 {
        z = rng.normal(at: draw)
        draw += 1
      }
      return Int64((z * scale * 32768).rounded(.toNearestOrEven))
    }
    let master = codes16.map { $0 << 8 }
    let forward = master.map { QuantizedMomentum.forwardWeight($0, rounding: rounding) }
    let integer = arithmetic == .integer
    return WAGEUBNDenseLayer(
      inputs: n, outputs: m, forward: forward, master: integer ? master : [],
      momentum: integer ? [Int64](repeating: 0, count: n * m) : [],
      floatMaster: integer ? [] : codes16.map { Double($0) * 0x1p-15 },
      floatMomentum: integer ? [] : [Double](repeating: 0, count: n * m))
  }

  /// The weight tensors of the dense and convolution stages, input first.
  public var layers: [WAGEUBNDenseLayer] { stages.compactMap(\.weights) }

  /// Input width first, then the outputs of each dense or convolution stage (an MLP's
  /// widths).
  public var widths: [Int] { [layers[0].inputs] + layers.map(\.outputs) }

  /// Every `Double` parameter of the float reference is finite (always true in integers).
  public var parametersFinite: Bool {
    stages.allSatisfy { stage in
      switch stage {
      case .dense(let layer): return layer.floatMaster.allSatisfy(\.isFinite)
      case .convolution(let layer): return layer.weights.floatMaster.allSatisfy(\.isFinite)
      case .batchNorm(let layer):
        return layer.gamma.floatMaster.allSatisfy(\.isFinite)
          && layer.beta.floatMaster.allSatisfy(\.isFinite)
      case .activation, .maxPool: return true
      }
    }
  }

  /// The predicted class of each of `count` samples (`inputs` row-major, `−127 … 127` codes):
  /// the first largest logit. Batch norm uses the running statistics. Results do not depend
  /// on `threads`.
  public func predict(
    _ inputs: [Int8], count: Int, plan: AccumulatorPlan, profile: WAGEUBNProfile, threads: Int
  )
    -> [Int]
  {
    let width = input.reduce(1, *)
    let classes = layers.last!.outputs
    let context = WAGEUBNForwardContext(
      quantizer: WAGEUBNQuantizer(profile: profile), plan: plan, threads: threads, step: 0,
      training: false)
    var statistics = emptyStatistics(plan: plan)
    var predictions: [Int] = []
    predictions.reserveCapacity(count)
    let block = stages.contains { if case .convolution = $0 { true } else { false } } ? 100 : 500
    for start in stride(from: 0, to: count, by: block) {
      let rows = min(block, count - start)
      let a = IntegerTensor(
        codes: inputs[start * width..<(start + rows) * width].map { Int64($0) }, exponent: -7)
      var none: WAGEUBNCapture? = nil
      var noTraces: [StageTrace]? = nil
      let y = forward(a, rows: rows, context, &statistics, &noTraces, &none).codes
      for r in 0..<rows {
        let z = y[r * classes..<(r + 1) * classes]
        predictions.append(
          z.indices.max { z[$0] < z[$1] || (z[$0] == z[$1] && $0 > $1) }! - r * classes)
      }
    }
    return predictions
  }

  /// The digest of the parameters, stage by stage: for the weights of `dense<l>` and
  /// `conv<l>` (integer mode) `.forward`, `.master`, `.momentum` codes as `Int64`, (float
  /// mode) `.forward` codes and the `Double` master and momentum; for `bn<l>` the same of
  /// `.gamma` and `.beta` and the running statistics (`.running`).
  public var weightsDigest: WeightsDigest {
    var digest = WeightsDigest()
    func append(_ name: String, _ layer: WAGEUBNDenseLayer) {
      digest.append(name + ".forward", layer.forward)
      switch arithmetic {
      case .integer:
        digest.append(name + ".master", layer.master)
        digest.append(name + ".momentum", layer.momentum)
      case .floatReference:
        digest.append(name + ".master", doubles: layer.floatMaster)
        digest.append(name + ".momentum", doubles: layer.floatMomentum)
      }
    }
    for (s, stage) in stages.enumerated() {
      let name = stageNames[s]
      switch stage {
      case .dense(let layer): append(name, layer)
      case .convolution(let layer): append(name, layer.weights)
      case .batchNorm(let layer):
        append(name + ".gamma", layer.gamma)
        append(name + ".beta", layer.beta)
        digest.append(name + ".running", layer.runningMean + layer.runningVariance)
        digest.append(
          name + ".floatRunning", doubles: layer.floatRunningMean + layer.floatRunningVariance)
      case .activation, .maxPool: break
      }
    }
    return digest
  }

  /// Each stage's name: `dense<l>`, `conv<l>`, `bn<l>` (numbered per kind from 1),
  /// `relu<l>`, `pool<l>`.
  public var stageNames: [String] {
    var counts: [String: Int] = [:]
    return stages.map { stage in
      let kind: String
      switch stage {
      case .dense: kind = "dense"
      case .convolution: kind = "conv"
      case .batchNorm: kind = "bn"
      case .activation: kind = "relu"
      case .maxPool: kind = "pool"
      }
      counts[kind, default: 0] += 1
      return kind + String(counts[kind]!)
    }
  }

  /// Empty counters, one per stage with parameters (dense, convolution, batch norm), in
  /// order; the first such stage has no `error` accumulator, batch norm none at all (its
  /// sums are exact `Int128`).
  public func emptyStatistics(plan: AccumulatorPlan) -> [LayerStatistics] {
    let names = stageNames
    var result: [LayerStatistics] = []
    for (s, stage) in stages.enumerated() where stage.hasParameters {
      switch stage {
      case .batchNorm(let layer):
        var record = LayerStatistics(
          name: names[s], inputs: layer.channels, outputs: layer.channels, plan: plan,
          isFirst: true)
        record.accumulators = [:]
        result.append(record)
      default:
        let weights = stage.weights!
        result.append(
          LayerStatistics(
            name: names[s], inputs: weights.inputs, outputs: weights.outputs, plan: plan,
            isFirst: result.isEmpty))
      }
    }
    return result
  }
}

/// The random streams of WAGEUBN training (family 2).
public enum WAGEUBNStreams {
  /// Initial weights, indexed by layer.
  public static let weights = RandomStream(
    family: .integerTraining, purpose: 1, name: "initial weights", index: "layer")
  /// The epoch shuffle, indexed by epoch.
  public static let shuffle = RandomStream(
    family: .integerTraining, purpose: 2, name: "epoch shuffle", index: "epoch")
  /// Word 0 is the seed of every ``StochasticKey`` (so their `step << 32 | tensor` streams
  /// never meet the registry's).
  public static let stochasticSeed = RandomStream(
    family: .integerTraining, purpose: 3, name: "stochastic-rounding seed", index: "0")
  /// The registry.
  public static let registry = RandomStreamRegistry([weights, shuffle, stochasticSeed])
}
