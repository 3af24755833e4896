import Foundation
import Testing
import _TestSupport

@testable import BinarizedNets

/// The pieces of binarized training: the sign estimators, the weight quantizers, the batch
/// norm's backward pass and the row-parallel products, each against a separate reference.
@Suite struct TrainingPiecesTests {
  @Test func steIsTheHardtanhWindow() {
    let ste = SignEstimator.ste
    #expect(ste.derivative(at: 0) == 1 && ste.derivative(at: -1) == 1 && ste.derivative(at: 1) == 1)
    #expect(ste.derivative(at: 1.0001) == 0 && ste.derivative(at: -3) == 0)
  }

  @Test func resteFollowsItsPowerAndThreshold() {
    // o = 1 is the STE with window t.
    let flat = SignEstimator.reste(power: 1, threshold: 1.5)
    #expect(flat.derivative(at: 1.4) == 1 && flat.derivative(at: -1.5) == 1)
    #expect(flat.derivative(at: 1.6) == 0)
    // o = 3: (1/3)·|y|^(−2/3) inside t, clamped at |y| = 0.1 near zero.
    let sharp = SignEstimator.reste(power: 3, threshold: 1.5)
    for y: Float in [0.5, -0.8, 1.2, 0.25] {
      let expected = Float(pow(Double(abs(y)), -2.0 / 3) / 3)
      #expect(abs(sharp.derivative(at: y) - expected) < 1e-5 * expected, "y = \(y)")
    }
    let atFloor = Float(pow(0.1, -2.0 / 3) / 3)
    #expect(abs(sharp.derivative(at: 0) - atFloor) < 1e-5 * atFloor)
    #expect(abs(sharp.derivative(at: 0.05) - atFloor) < 1e-5 * atFloor)
    #expect(sharp.derivative(at: 1.51) == 0 && sharp.derivative(at: -2) == 0)
  }

  @Test func twnThresholdAndScale() {
    let w: [Float] = [0.1, -0.5, 0.9, -0.05, 0.2, 0]
    // mean|W| = 1.75/6, Δ = 0.7·that ≈ 0.204: only −0.5 and 0.9 survive; α = 0.7.
    #expect(abs(WeightQuantizer.twnThreshold(w) - 0.7 * 1.75 / 6) < 1e-6)
    let q = WeightQuantizer.quantize(w, count: 6, mode: .ternary)
    #expect(q.integers == [0, -1, 1, 0, 0, 0])
    #expect(abs(q.scale - 0.7) < 1e-6)
  }

  @Test func binaryAndPlinearWeights() {
    let w: [Float] = [0.3, -0.2, 0, -0.7]
    #expect(WeightQuantizer.quantize(w, count: 4, mode: .binary).integers == [1, -1, 1, -1])
    // posNet − negNet: P = [0.3, −0.2, 0.5, 0.1], N = [−0.1, 0.4, 0.2, 0.0].
    let pn: [Float] = [0.3, -0.2, 0.5, 0.1, -0.1, 0.4, 0.2, 0]
    let q = WeightQuantizer.quantize(pn, count: 4, mode: .ternaryPlinear)
    #expect(q.integers == [1, -1, 0, 1] && q.scale == 1)
    // The gradient goes through tanh: dP = g·(1 − tanh²P), dN = −g·(1 − tanh²N).
    let g = WeightQuantizer.latentGradient(
      [1, 2, 3, 4], latent: pn, count: 4, mode: .ternaryPlinear)
    for k in 0..<4 {
      let p = Float(tanh(Double(pn[k])))
      let n = Float(tanh(Double(pn[4 + k])))
      #expect(abs(g[k] - Float(k + 1) * (1 - p * p)) < 1e-5)
      #expect(abs(g[4 + k] + Float(k + 1) * (1 - n * n)) < 1e-5)
    }
  }

  @Test func integerWeightsRoundToNearestEvenAndSaturate() {
    // sfix4_En3: codes −8…7 for values −1…0.875 in steps of 1/8.
    let w: [Float] = [0.3, 0.3125, 0.4375, 1.0, -1.0, -0.0624, 0.0625, 1e-30, -0.9999]
    let q = WeightQuantizer.quantize(w, count: w.count, mode: .integer(bits: 4))
    #expect(q.integers == [2, 2, 4, 7, -8, 0, 0, 0, -8])
    #expect(q.scale == 0.125)
  }

  @Test func batchNormBackwardMatchesFiniteDifferences() {
    var random = SeededRandom(seed: 11)
    let (samples, outputs) = (6, 3)
    let z = (0..<(samples * outputs)).map { _ in Float.random(in: -2...2, using: &random) }
    let c = (0..<(samples * outputs)).map { _ in Float.random(in: -1...1, using: &random) }
    var layer = BnnLayerState(
      latent: [], gamma: [1.5, -0.7, 0.3], beta: [0.2, 0, -0.4], runningMean: [0, 0, 0],
      runningVariance: [1, 1, 1], m: [], v: [])
    // L = Σ c·y as a function of z, in Double through the same Float forward.
    func loss(_ z: [Float]) -> Double {
      var y = z
      var copy = layer
      _ = BatchNormTraining.forward(&y, samples: samples, outputs: outputs, layer: &copy)
      return zip(c, y).reduce(0) { $0 + Double($1.0) * Double($1.1) }
    }
    var y = z
    let saved = BatchNormTraining.forward(&y, samples: samples, outputs: outputs, layer: &layer)
    var dz = c
    let (dGamma, dBeta) = saved.backward(
      &dz, samples: samples, outputs: outputs, gamma: layer.gamma)
    let h: Float = 1e-2
    for k in z.indices {
      var plus = z
      var minus = z
      plus[k] += h
      minus[k] -= h
      let numeric = (loss(plus) - loss(minus)) / Double(plus[k] - minus[k])
      #expect(abs(numeric - Double(dz[k])) < 2e-3, "dz[\(k)]: \(numeric) vs \(dz[k])")
    }
    for o in 0..<outputs {
      var g = 0.0
      var b = 0.0
      for s in 0..<samples {
        g += Double(c[s * outputs + o]) * Double(saved.normalized[s * outputs + o])
        b += Double(c[s * outputs + o])
      }
      #expect(abs(g - Double(dGamma[o])) < 1e-5 && abs(b - Double(dBeta[o])) < 1e-5)
    }
  }

  @Test func productsMatchPlainLoopsForAnyThreadCount() async {
    var random = SeededRandom(seed: 3)
    let (samples, inputs, outputs) = (7, 5, 4)
    let x = (0..<(samples * inputs)).map { _ in Float(Int.random(in: -3...3, using: &random)) }
    let w = (0..<(outputs * inputs)).map { _ in Float(Int.random(in: -2...2, using: &random)) }
    let d = (0..<(samples * outputs)).map { _ in Float(Int.random(in: -4...4, using: &random)) }
    for threads in [1, 2, 3] {
      let z = DenseProducts.forward(
        x, w, samples: samples, inputs: inputs, outputs: outputs, threads: threads)
      let g = DenseProducts.weightGradient(
        d, x, samples: samples, inputs: inputs, outputs: outputs, threads: threads)
      let dx = DenseProducts.inputGradient(
        d, w, samples: samples, inputs: inputs, outputs: outputs, threads: threads)
      for s in 0..<samples {
        for o in 0..<outputs {
          let sum = (0..<inputs).reduce(Float(0)) { $0 + w[o * inputs + $1] * x[s * inputs + $1] }
          #expect(z[s * outputs + o] == sum)
        }
        for i in 0..<inputs {
          let sum = (0..<outputs).reduce(Float(0)) { $0 + d[s * outputs + $1] * w[$1 * inputs + i] }
          #expect(dx[s * inputs + i] == sum)
        }
      }
      for o in 0..<outputs {
        for i in 0..<inputs {
          let sum = (0..<samples).reduce(Float(0)) { $0 + d[$1 * outputs + o] * x[$1 * inputs + i] }
          #expect(g[o * inputs + i] == sum)
        }
      }
    }
  }

  @Test func layerListsParseAndBadOnesSayWhy() throws {
    let specs = try DenseLayerSpec.parseList("int16:32,binary:32,plinear:8,ternary:10")
    #expect(specs.map(\.weights) == [.integer(bits: 16), .binary, .ternaryPlinear, .ternary])
    #expect(specs.map(\.outputs) == [32, 32, 8, 10])
    #expect(
      throws: BnnTrainingError.invalidOption(
        "--layers: unknown weights 'int17' (expected binary, ternary, plinear, complex or "
          + "int2…int16)")
    ) {
      try DenseLayerSpec.parseList("int17:4")
    }
    #expect(throws: BnnTrainingError.self) { try DenseLayerSpec.parseList("binary:0") }
    #expect(throws: BnnTrainingError.self) { try DenseLayerSpec.parseList("binary") }
    let bitsNet = BnnTrainingConfig(
      input: .bits, inputs: 4, layers: [DenseLayerSpec(weights: .integer(bits: 4), outputs: 2)])
    #expect(throws: BnnTrainingError.self) { try bitsNet.validate() }
  }
}
