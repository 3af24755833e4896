import Foundation
import Testing
import _TestSupport

@testable import LogicNets

/// An independent Double implementation of difflogic's training-mode loss: softmax over each
/// neuron's 16 logits mixing difflogic's relaxed expressions, GroupSum / tau, mean softmax
/// cross-entropy.
private func referenceLoss(_ model: LogicNetModel, logits: [[Double]], data: LogicDataset)
  -> Double
{
  let config = model.config
  var total = 0.0
  for s in 0..<data.count {
    var x = (0..<data.inputs).map { Double(data.values[s * data.inputs + $0]) }
    for (l, layer) in model.layers.enumerated() {
      x = (0..<layer.outputs).map { j in
        let w = logits[l][16 * j..<16 * j + 16]
        let top = w.max()!
        let e = w.map { Foundation.exp($0 - top) }
        let sum = e.reduce(0, +)
        let a = x[Int(layer.connections.a[j])]
        let b = x[Int(layer.connections.b[j])]
        var y = 0.0
        for g in 0..<16 { y += e[g] / sum * GateFunction(table: UInt8(g)).relaxed(a, b) }
        return y
      }
    }
    let group = x.count / config.classes
    let z = (0..<config.classes).map { c in
      x[c * group..<(c + 1) * group].reduce(0, +) / Double(config.tau)
    }
    let top = z.max()!
    let logSum = Foundation.log(z.map { Foundation.exp($0 - top) }.reduce(0, +)) + top
    total += logSum - z[Int(data.labels[s])]
  }
  return total / Double(data.count)
}

@Suite struct GradientTests {
  private func smallProblem(seed: UInt64, gradFactor: Float = 1) throws -> (
    LogicNetModel, LogicDataset
  ) {
    let config = LogicNetConfig(
      inputs: 6, layerWidths: [10, 8, 4], classes: 2, tau: 2, connections: .random, seed: seed,
      gradFactor: gradFactor)
    let model = try LogicNetModel(config: config)
    var rng = SeededRandom(seed: seed)
    let values = (0..<11 * 6).map { _ in Float.random(in: 0...1, using: &rng) }
    let labels = (0..<11).map { _ in Int32.random(in: 0...1, using: &rng) }
    return (model, try LogicDataset(values: values, inputs: 6, labels: labels))
  }

  /// Every logit's gradient against central finite differences of the Double reference.
  @Test(arguments: [8, 16])
  func logitGradientsMatchFiniteDifferences(tileWidth: Int) async throws {
    let seed: UInt64 = 0x6AD_0001
    let (model, data) = try smallProblem(seed: seed)
    var trainer = try LogicNetTrainer(
      model: model,
      options: TrainingOptions(iterations: 0, threads: 2, partitions: 3, tileWidth: tileWidth))
    let (loss, grads) = try await trainer.gradients(batch: Array(0..<data.count), data: data)
    let base = model.layers.map { $0.logits.map(Double.init) }
    #expect(abs(loss - referenceLoss(model, logits: base, data: data)) < 1e-5)
    let h = 1e-4
    var worst = 0.0
    for l in 0..<base.count {
      for i in 0..<base[l].count {
        var plus = base
        var minus = base
        plus[l][i] += h
        minus[l][i] -= h
        let numeric =
          (referenceLoss(model, logits: plus, data: data)
            - referenceLoss(model, logits: minus, data: data)) / (2 * h)
        let error = abs(Double(grads[l][i]) - numeric)
        worst = max(worst, error)
        #expect(
          error < 2e-6 + 1e-3 * abs(numeric),
          "seed 0x\(String(seed, radix: 16)) layer \(l) logit \(i)")
      }
    }
    #expect(worst < 1e-5, "worst \(worst)")
  }

  /// grad_factor f multiplies what a layer passes to its input: with 3 layers the logit
  /// gradients scale by f², f, 1 from the first layer to the last.
  @Test func gradFactorScalesGradientsPerLayerDepth() async throws {
    let (plain, data) = try smallProblem(seed: 11)
    let (boosted, _) = try smallProblem(seed: 11, gradFactor: 2)
    let batch = Array(0..<data.count)
    let options = TrainingOptions(iterations: 0)
    var plainTrainer = try LogicNetTrainer(model: plain, options: options)
    var boostedTrainer = try LogicNetTrainer(model: boosted, options: options)
    let g1 = try await plainTrainer.gradients(
      batch: batch, data: data)
    let g2 = try await boostedTrainer.gradients(
      batch: batch, data: data)
    for (l, scale) in [(0, Float(4)), (1, 2), (2, 1)] {
      for i in 0..<g1.logits[l].count {
        let expected = g1.logits[l][i] * scale
        #expect(abs(g2.logits[l][i] - expected) <= 1e-6 + 1e-5 * abs(expected), "layer \(l) \(i)")
      }
    }
  }
}
