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

/// A WAGEUBN multilayer perceptron: dense layers, ReLU and `Q(·, 8)` activations between
/// them, the last layer's accumulator as the logits of a float softmax loss.
///
/// Inputs are activation codes in units `2^−7` (`−127 … 127`). Weights start from a normal
/// sample of standard deviation `1/√fan-in` truncated at 2σ, quantized with `Q(·, 16)`
/// (spec §1.2 "W init"): sample `i` of layer `l` uses the next of
/// ``CounterRNG/normal(at:)`` of stream ``WAGEUBNStreams/weights`` (index `l`) whose
/// magnitude is at most 2.
public struct WAGEUBNNetwork: Sendable, Hashable, Codable {
  /// The layers, input first.
  public var layers: [WAGEUBNDenseLayer]
  /// Integer or float reference.
  public let arithmetic: WAGEUBNArithmetic

  /// A freshly initialised network of `widths` (input width first; at least two entries).
  public init(widths: [Int], seed: UInt64, arithmetic: WAGEUBNArithmetic, rounding: RoundingMode) {
    precondition(widths.count >= 2 && widths.allSatisfy { $0 >= 1 }, "widths of an MLP")
    self.arithmetic = arithmetic
    layers = (0..<widths.count - 1).map { l in
      let (n, m) = (widths[l], widths[l + 1])
      let rng = WAGEUBNStreams.weights.generator(seed: seed, index: l)
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
  }

  /// Input width first, class count last.
  public var widths: [Int] { [layers[0].inputs] + layers.map(\.outputs) }

  /// The predicted class of each of `count` samples (`inputs` row-major, `−127 … 127` codes):
  /// the first largest logit. Results do not depend on `threads`.
  public func predict(
    _ inputs: [Int8], count: Int, plan: AccumulatorPlan, profile: WAGEUBNProfile, threads: Int
  )
    -> [Int]
  {
    let quantizer = WAGEUBNQuantizer(profile: profile)
    let width = layers[0].inputs
    let classes = layers.last!.outputs
    var predictions: [Int] = []
    predictions.reserveCapacity(count)
    let block = 500
    for start in stride(from: 0, to: count, by: block) {
      let rows = min(block, count - start)
      var a = IntegerTensor(
        codes: inputs[start * width..<(start + rows) * width].map { Int64($0) }, exponent: -7)
      var events = AccumulatorEvents()
      for (l, layer) in layers.enumerated() {
        let y = product(
          a.codes, layer.forward, rows, layer.inputs, layer.outputs, .forward, plan, threads,
          &events)
        if l == layers.count - 1 {
          for r in 0..<rows {
            let z = y[r * classes..<(r + 1) * classes]
            predictions.append(
              z.indices.max { z[$0] < z[$1] || (z[$0] == z[$1] && $0 > $1) }! - r * classes)
          }
        } else {
          a =
            quantizer.direct(IntegerTensor(codes: y.map { max($0, 0) }, exponent: -14), bits: 8)
            .tensor
        }
      }
    }
    return predictions
  }

  /// The digest of the parameters (integer mode: `forward`, `master`, `momentum` codes of each
  /// layer as `Int64`; float mode: `forward` codes and the `Double` master and momentum),
  /// named `dense<l>.<field>`.
  public var weightsDigest: WeightsDigest {
    var digest = WeightsDigest()
    for (l, layer) in layers.enumerated() {
      let name = "dense\(l + 1)"
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
    return digest
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
