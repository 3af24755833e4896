import Cosim
import Designs
import Foundation
import ModelFamilies
import NetlistIR
import NetlistSim
import Testing
import _TestSupport

/// The standard result sources of a design: which, in what order, and that they agree.
@Suite struct StandardSourcesTests {
  private func design(_ text: String) throws -> HardwareDesign {
    try ModelFamilies.registry.load(Data(text.utf8), name: "tiny")
  }

  @Test func aModelHasEverySourceAndTheyAgree() throws {
    let design = try design(Fixtures.tinyLogicNet)
    let forms = try design.forms()
    let sources = try StandardSources(design, forms: forms, vectorCount: 8)
    #expect(sources.evaluators.map(\.sourceName) == ["model", "interp", "opt", "gates64"])
    #expect(sources.skipped.isEmpty)
    let vectors = (0..<8).map { [BitVector(width: 3, truncating: UInt64($0))] }
    let outputs = try sources.evaluators.map { try $0.run(vectors) }
    for (evaluator, result) in zip(sources.evaluators, outputs) {
      #expect(result == outputs[0], "\(evaluator.sourceName) differs from model")
    }
  }

  @Test func aNetlistHasNoModelSource() throws {
    let design = try design(Fixtures.clockedAdder)
    let sources = try StandardSources(design, forms: try design.forms(), vectorCount: 10)
    #expect(sources.evaluators.map(\.sourceName) == ["interp", "opt", "gates64"])
  }

  @Test func interpretersAreSkippedAboveTheBudget() throws {
    let design = try design(Fixtures.tinyLogicNet)
    let forms = try design.forms()
    let original = forms.original.nodes.count
    let optimized = forms.optimized.netlist.nodes.count
    let vectors = StandardSources.interpreterBudget / original + 1
    let sources = try StandardSources(design, forms: forms, vectorCount: vectors)
    #expect(sources.evaluators.map(\.sourceName).first == "model")
    #expect(sources.evaluators.map(\.sourceName).last == "gates64")
    #expect(sources.skipped.first == "interp (\(original) nodes × \(vectors) vectors)")
    // A count whose product with the node count overflows is skipped, not a trap.
    let huge = try StandardSources(design, forms: forms, vectorCount: Int.max)
    #expect(huge.evaluators.map(\.sourceName) == ["model", "gates64"])
    #expect(
      huge.skipped == [
        "interp (\(original) nodes × \(Int.max) vectors)",
        "opt (\(optimized) nodes × \(Int.max) vectors)",
      ])
  }
}
