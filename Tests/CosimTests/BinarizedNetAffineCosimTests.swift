import BinarizedNets
import Cosim
import Designs
import Foundation
import ModelFamilies
import NetlistIR
import Testing
import _TestSupport

/// A random net with a random output affine of each profile through the whole flow: the
/// model (exact integer scores), the interpreters, the gate-level evaluator and Verilator
/// agree bit for bit.
@Suite(
  .serialized, .tags(.verilator),
  .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct BinarizedNetAffineCosimTests {
  @Test(arguments: [RandomOutputAffines.Profile.ties, .general])
  func allSourcesAgree(profile: RandomOutputAffines.Profile) throws {
    var random = SeededRandom(seed: 41)
    let plain = RandomBinarizedNets.make(
      input: .integers(bits: 3, signed: true), inputs: 5,
      layers: [(.integer(bits: 3), 8), (.binary, 4)], using: &random)
    let affine = RandomOutputAffines.make(classes: plain.classes, profile, using: &random)
    let net = try RandomOutputAffines.attach(affine, to: plain)
    let design = try ModelFamilies.registry.load(Data(net.fileText().utf8), name: "bnn_affine")
    let forms = try design.forms()
    let vectors = VectorGenerator.random(for: forms.optimized.netlist, count: 300, seed: 41)
    let sources = try StandardSources(design, forms: forms, vectorCount: vectors.count)
    let verdict = try Cosim.run(
      forms.optimized.netlist, vectors: vectors, seed: 41, evaluators: sources.evaluators,
      options: CosimOptions(verilator: CosimTestSupport.options))
    #expect(
      verdict.comparison.agree, "\(verdict.comparison.report(inputNames: [], outputNames: []))")
    #expect(Set(verdict.comparison.sources) == ["model", "interp", "opt", "gates64", "verilator"])
  }
}
