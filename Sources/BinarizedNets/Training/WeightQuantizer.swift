import FixedPoint
import TrainingCore

/// A layer's weights as the deployed net holds them: integers `q` and the positive per-layer
/// factor `scale` that makes `q·scale` the value training computes with (α for TWN,
/// 2^−(K−1) for int<K>, 1 otherwise). The factor never changes an output's sign or an
/// argmax, so the integer net leaves it out (hidden layers fold it into the thresholds).
struct QuantizedWeights: Sendable {
  /// `q[o·inputs + i]`.
  var integers: [Int16]
  /// The per-layer factor (> 0).
  var scale: Float
  /// `Float(q)·scale`, what the training forward pass multiplies with.
  var values: [Float] {
    let scale = scale
    return integers.withUnsafeBufferPointer { q in
      [Float](unsafeUninitializedCapacity: q.count) { out, count in
        for k in q.indices { out[k] = Float(q[k]) * scale }
        count = q.count
      }
    }
  }
}

/// Turns latent weights into quantized ones and routes the gradient back (the weight STE).
enum WeightQuantizer {
  /// TWN's threshold factor: Δ = 0.7·mean|W|.
  static let twnFactor: Float = 0.7

  /// The quantized weights of `latent` (`count` = outputs·inputs weights) under `mode`;
  /// with a pruning mask, the pruned weights are 0 and TWN's Δ and α are taken over the
  /// kept weights only.
  static func quantize(
    _ latent: [Float], count: Int, mode: TrainingWeights, pruned: [Bool]? = nil
  ) -> QuantizedWeights {
    guard let pruned else { return quantize(latent, count: count, mode: mode, kept: nil) }
    var q = quantize(latent, count: count, mode: mode, kept: pruned.map { !$0 })
    for k in pruned.indices where pruned[k] { q.integers[k] = 0 }
    return q
  }

  /// ``quantize(_:count:mode:pruned:)`` before the mask: `kept` (when given) limits TWN's
  /// statistics to the kept weights.
  private static func quantize(
    _ latent: [Float], count: Int, mode: TrainingWeights, kept: [Bool]?
  ) -> QuantizedWeights {
    switch mode {
    case .binary:
      let signs = latent.withUnsafeBufferPointer { w in
        [Int16](unsafeUninitializedCapacity: w.count) { out, count in
          for k in w.indices { out[k] = w[k] >= 0 ? 1 : -1 }
          count = w.count
        }
      }
      return QuantizedWeights(integers: signs, scale: 1)
    case .ternary:
      let delta = twnThreshold(
        kept.map { kept in latent.indices.filter { kept[$0] }.map { latent[$0] } } ?? latent)
      var above: Float = 0
      var n = 0
      let q: [Int16] = latent.indices.map { k in
        let w = latent[k]
        if kept?[k] ?? true, w > delta || w < -delta {
          above += abs(w)
          n += 1
          return w > 0 ? 1 : -1
        }
        return 0
      }
      return QuantizedWeights(integers: q, scale: n > 0 && above > 0 ? above / Float(n) : 1)
    case .ternaryPlinear, .complex:
      let q = (0..<count).map { k -> Int16 in
        (latent[k] > 0 ? 1 : 0) - (latent[count + k] > 0 ? 1 : 0)
      }
      return QuantizedWeights(integers: q, scale: 1)
    case .integer(let bits):
      return QuantizedWeights(
        integers: fixedPointCodes(latent, bits: bits),
        scale: Float(sign: .plus, exponent: 1 - bits, significand: 1))
    }
  }

  /// Δ = 0.7·mean|W| over the layer (the sum in weight order, in `Double`).
  static func twnThreshold(_ latent: [Float]) -> Float {
    let total = latent.reduce(0.0) { $0 + Double(abs($1)) }
    return Float(total / Double(max(latent.count, 1))) * twnFactor
  }

  /// The codes of `sfixK_En(K−1)` nearest each weight (RND_CONV, SAT), by FixedPoint's
  /// quantizer: each weight, clamped to ±2, is exact in 40 fraction bits when |w| ≥ 2^−16
  /// (a float32 there has an ulp ≥ 2^−39), and rounds to 0 either way when it is smaller.
  static func fixedPointCodes(_ latent: [Float], bits: Int) -> [Int16] {
    let wide = FixedFormat(signed: true, width: 48, fractionBits: 40)
    let codes = latent.map { w -> Int64 in
      Int64(Double(min(max(w, -2), 2)) * 0x1p40)
    }
    let target = FixedFormat(signed: true, width: bits, fractionBits: bits - 1)
    let rounded = FixedArray(codes: codes, format: wide).quantized(
      to: target, rounding: .rndConv, overflow: .sat)
    guard let out = rounded.int64Codes else { preconditionFailure("≤ 16-bit codes fit Int64") }
    return out.map { Int16($0) }
  }

  /// The gradient of the latent weights from `g`, the gradient of the weight values
  /// `q·scale` (`count` of them): straight through for binary, TWN and int<K>, through
  /// `tanh` for plinear (`dP = g·(1 − tanh²P)`, `dN = −g·(1 − tanh²N)`).
  static func latentGradient(
    _ g: [Float], latent: [Float], count: Int, mode: TrainingWeights
  ) -> [Float] {
    switch mode {
    case .binary, .ternary, .integer:
      return g
    case .ternaryPlinear, .complex:
      var out = [Float](repeating: 0, count: 2 * count)
      for k in 0..<count {
        let p = tanh(latent[k])
        let n = tanh(latent[count + k])
        out[k] = g[k] * (1 - p * p)
        out[count + k] = -g[k] * (1 - n * n)
      }
      return out
    }
  }

  /// Keeps latent weights in range after an update: binary, TWN and int<K> in [−1, 1]
  /// (BinaryConnect's clip); plinear's are squashed by `tanh` and stay free.
  static func clip(_ latent: inout [Float], mode: TrainingWeights) {
    guard mode != .ternaryPlinear, !mode.isComplex else { return }
    latent.withUnsafeMutableBufferPointer { w in
      for k in w.indices { w[k] = min(max(w[k], -1), 1) }
    }
  }

  /// tanh(x) = 1 − 2/(e^(2x) + 1) with ``BitCore/DeterministicMath`` (saturates to ±1).
  static func tanh(_ x: Float) -> Float {
    if x > 20 { return 1 }
    if x < -20 { return -1 }
    return 1 - 2 / (DeterministicMath.exp(2 * x) + 1)
  }
}
