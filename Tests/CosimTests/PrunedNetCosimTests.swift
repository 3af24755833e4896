import BinarizedNets
import Cosim
import Designs
import Foundation
import ModelFamilies
import NetlistIR
import Testing
import _TestSupport

/// A small trained net, magnitude-pruned, fine-tuned and structurally reduced
/// (`bittrue bnn prune`'s library path), through the whole flow: every result source and
/// Verilator agree bit for bit on the reduced net.
@Suite(
  .serialized, .tags(.verilator),
  .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct PrunedNetCosimTests {
  @Test func reducedPrunedNetAgrees() async throws {
    var random = SeededRandom(seed: 23)
    var values: [Int] = []
    var labels: [Int] = []
    for _ in 0..<150 {
      let x = (0..<6).map { _ in Int.random(in: 0...7, using: &random) }
      values += x
      labels.append(x[0] + x[1] > x[2] + x[3] ? (x[4] > x[5] ? 2 : 1) : 0)
    }
    let data = try BnnDataset(inputs: 6, values: values, labels: labels)
    let config = BnnTrainingConfig(
      input: .integers(bits: 3, signed: false), inputs: 6,
      layers: [
        DenseLayerSpec(weights: .integer(bits: 3), outputs: 12),
        DenseLayerSpec(weights: .binary, outputs: 8),
        DenseLayerSpec(weights: .ternary, outputs: 3),
      ], seed: 5, epochs: 3, batchSize: 16, learningRate: 0.02, threads: 2)
    var trainer = try BnnTrainer(config: config)
    let pruned = try await trainer.train(on: data).bestModel.state.pruned(sparsity: 0.7)
    var tune = pruned.config
    tune.epochs = 1
    var tuner = try BnnTrainer(config: tune, resuming: pruned)
    let net = try await tuner.train(on: data).bestModel.state.exportNet().reduced().net
    #expect(net.layers.allSatisfy { $0.weights.contains(0) })
    let design = try ModelFamilies.registry.load(Data(net.fileText().utf8), name: "bnn_pruned")
    let forms = try design.forms()
    let vectors = VectorGenerator.random(for: forms.optimized.netlist, count: 300, seed: 23)
    let sources = try StandardSources(design, forms: forms, vectorCount: vectors.count)
    let verdict = try Cosim.run(
      forms.optimized.netlist, vectors: vectors, seed: 23, evaluators: sources.evaluators,
      options: CosimOptions(verilator: CosimTestSupport.options))
    #expect(
      verdict.comparison.agree, "\(verdict.comparison.report(inputNames: [], outputNames: []))")
    #expect(Set(verdict.comparison.sources) == ["model", "interp", "opt", "gates64", "verilator"])
  }
}
