import BinarizedNets
import Cosim
import Designs
import Foundation
import ModelFamilies
import NetlistIR
import Testing
import _TestSupport

/// A small random binarized net (integer, ternary and binary layers) through the whole
/// flow: every result source and Verilator agree bit for bit.
@Suite(
  .serialized, .tags(.verilator),
  .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct BinarizedNetCosimTests {
  @Test func allSourcesAgree() throws {
    var random = SeededRandom(seed: 31)
    let net = RandomBinarizedNets.make(
      input: .integers(bits: 4, signed: false), inputs: 6,
      layers: [(.integer(bits: 3), 10), (.ternary, 8), (.binary, 4)], using: &random)
    let design = try ModelFamilies.registry.load(Data(net.fileText().utf8), name: "bnn_small")
    let forms = try design.forms()
    let vectors = VectorGenerator.random(for: forms.optimized.netlist, count: 400, seed: 31)
    let sources = try StandardSources(design, forms: forms, vectorCount: vectors.count)
    #expect(sources.evaluators.map(\.sourceName) == ["model", "interp", "opt", "gates64"])
    let verdict = try Cosim.run(
      forms.optimized.netlist, vectors: vectors, seed: 31, evaluators: sources.evaluators,
      options: CosimOptions(verilator: CosimTestSupport.options))
    #expect(
      verdict.comparison.agree, "\(verdict.comparison.report(inputNames: [], outputNames: []))")
    #expect(Set(verdict.comparison.sources) == ["model", "interp", "opt", "gates64", "verilator"])
  }
}
