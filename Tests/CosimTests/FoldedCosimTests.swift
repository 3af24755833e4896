import BinarizedNets
import Cosim
import Foundation
import ModelFamilies
import ModelLowering
import NetlistIR
import NetlistSim
import Testing
import _TestSupport

/// A small binarized net (ternary then binary layer) folded at two (PE, SIMD) choices, one
/// dividing every layer and one that needs padding: the model, the transaction-level
/// interp/opt/gates64 sources and Verilator's streaming harness agree sample by sample, and
/// the cycles per sample equal the cycle model.
struct FoldedCosimTests {
  static func net() -> BinarizedNet {
    var random = SeededRandom(seed: 1414)
    return RandomBinarizedNets.make(
      input: .bits, inputs: 20, layers: [(.ternary, 10), (.binary, 4)], using: &random)
  }

  static let foldings = [(pe: 2, simd: 5), (pe: 4, simd: 3)]

  static func vectors(_ net: BinarizedNet, count: Int) -> [[BitVector]] {
    var random = SeededRandom(seed: 1415)
    return (0..<count).map { _ in
      [BitVector(width: net.sampleBits, words: [random.next()])]
    }
  }

  @Test(arguments: foldings)
  func swiftSourcesAgreeWithTheModel(pe: Int, simd: Int) throws {
    let net = Self.net()
    let design = try FoldedBinarizedDesign(net, pe: pe, simd: simd, name: "folded")
    let vectors = Self.vectors(net, count: 60)
    let sources = try design.evaluators()
    let expected = try sources[0].run(vectors)
    for source in sources.dropFirst() {
      #expect(try source.run(vectors) == expected, "\(source.sourceName) at PE \(pe) SIMD \(simd)")
    }
    let cycles = try design.measuredCycles(vectors)
    #expect(Set(cycles) == [design.cycleModel.cyclesPerSample])
  }

  @Test func theCycleModelCountsFoldsAndPadding() throws {
    let model = try FoldedNetLowering.foldings(Self.net(), pe: 4, simd: 3)
    // Layer 0: ⌈10/4⌉ = 3 neuron folds × ⌈20/3⌉ = 7 synapse folds; layer 1: 1 × ⌈10/3⌉ = 4.
    #expect(model.layers.map(\.computeCycles) == [21, 4])
    #expect(model.cyclesPerSample == 1 + 22 + 5)
  }

  @Test func unsupportedNetsNameTheLayer() {
    var random = SeededRandom(seed: 3)
    let net = RandomBinarizedNets.make(
      input: .integers(bits: 4, signed: false), inputs: 4,
      layers: [(.integer(bits: 3), 3), (.binary, 2)],
      using: &random)
    #expect(
      throws: FoldingError.unsupported(
        "layer 0 reads integer inputs (not folded yet); use --arch unrolled")
    ) {
      try FoldedNetLowering.foldings(net, pe: 1, simd: 1)
    }
  }

  @Test(
    .tags(.verilator), .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"),
    arguments: foldings)
  func verilatorAgreesPerTransaction(pe: Int, simd: Int) throws {
    let net = Self.net()
    let design = try FoldedBinarizedDesign(net, pe: pe, simd: simd, name: "folded_\(pe)_\(simd)")
    let vectors = Self.vectors(net, count: 80)
    let verdict = try Cosim.run(
      design.forms.optimized.netlist, vectors: vectors, seed: 1415,
      evaluators: try design.evaluators(),
      options: CosimOptions(verilator: CosimTestSupport.options, streaming: StreamingPorts()))
    #expect(
      verdict.comparison.agree, "\(verdict.comparison.report(inputNames: [], outputNames: []))")
    #expect(Set(verdict.comparison.sources) == ["model", "interp", "opt", "gates64", "verilator"])
    #expect(verdict.harnessCycles == vectors.count * design.cycleModel.cyclesPerSample)
  }
}
