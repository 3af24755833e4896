import BinarizedNets
import Cosim
import Foundation
import ModelFamilies
import ModelLowering
import NetlistIR
import NetlistSim
import Testing
import _TestSupport

/// A small binarized net (ternary then binary layer) folded at three choices: one (PE, SIMD)
/// dividing every layer, one that needs padding, and a per-layer folding whose second layer
/// is the slower one (so the first waits on the double buffer). The model, the
/// transaction-level interp/opt/gates64 sources and Verilator's streaming harness agree
/// sample by sample, and the accept and done cycle of every sample, fed back to back, equal
/// the cycle model's schedule.
struct FoldedCosimTests {
  static func net() -> BinarizedNet {
    var random = SeededRandom(seed: 1414)
    return RandomBinarizedNets.make(
      input: .bits, inputs: 20, layers: [(.ternary, 10), (.binary, 4)], using: &random)
  }

  static let foldings: [([Int], [Int])] = [([2], [5]), ([4], [3]), ([5, 1], [4, 3])]

  static func vectors(_ net: BinarizedNet, count: Int) -> [[BitVector]] {
    var random = SeededRandom(seed: 1415)
    return (0..<count).map { _ in
      [BitVector(width: net.sampleBits, words: [random.next()])]
    }
  }

  @Test(arguments: foldings)
  func swiftSourcesAgreeWithTheModel(pe: [Int], simd: [Int]) throws {
    let net = Self.net()
    let design = try FoldedBinarizedDesign(net, pe: pe, simd: simd, name: "folded")
    let vectors = Self.vectors(net, count: 60)
    let sources = try design.evaluators()
    let expected = try sources[0].run(vectors)
    for source in sources.dropFirst() {
      #expect(try source.run(vectors) == expected, "\(source.sourceName) at PE \(pe) SIMD \(simd)")
    }
    let measured = try design.measuredSchedule(vectors)
    let model = design.cycleModel
    #expect(measured == model.schedule(samples: vectors.count))
    #expect(measured.latencies.first == model.cyclesPerSample)
    #expect(measured.intervals.last == model.initiationInterval)
    #expect(model.initiationInterval < model.cyclesPerSample)
  }

  @Test func theCycleModelCountsFoldsAndPadding() throws {
    let model = try FoldedNetLowering.foldings(Self.net(), pe: 4, simd: 3)
    // Layer 0: ⌈10/4⌉ = 3 neuron folds × ⌈20/3⌉ = 7 synapse folds; layer 1: 1 × ⌈10/3⌉ = 4.
    #expect(model.layers.map(\.computeCycles) == [21, 4])
    #expect(model.cyclesPerSample == 1 + 22 + 5)
    #expect(model.initiationInterval == 22)
  }

  @Test func perLayerFoldingsAndTheirSchedule() throws {
    let model = try FoldedNetLowering.foldings(Self.net(), pe: [5, 1], simd: [4, 3])
    // Layer 0: 2 × 5 folds (11 cycles); layer 1: 4 × 4 (17 cycles), the bottleneck.
    #expect(model.layers.map(\.pe) == [5, 1])
    #expect(model.layers.map(\.simd) == [4, 3])
    #expect(model.layerCycles == [11, 17])
    // Sample 1 waits in layer 0's output register until layer 1 takes it in cycle 28.
    let schedule = model.schedule(samples: 3)
    #expect(schedule == FoldedSchedule(accepted: [0, 11, 28], done: [28, 45, 62]))
    #expect(schedule.latencies == [29, 35, 35])
    #expect(schedule.intervals == [11, 17])
  }

  @Test func badPerLayerFoldingsNameTheLayer() throws {
    let net = Self.net()
    let cases: [([Int], [Int], String)] = [
      ([1, 2, 3], [1], "--pe has 3 values for 2 dense layers (give one, or one per layer)"),
      ([1], [1, 2, 3], "--simd has 3 values for 2 dense layers (give one, or one per layer)"),
      ([11, 1], [4], "layer 0: PE 11 exceeds its 10 neurons"),
      ([2], [4, 11], "layer 1: SIMD 11 exceeds its 10 inputs"),
      ([0, 1], [4], "layer 0: PE and SIMD must be at least 1 (got 0, 4)"),
      ([0], [4], "--pe and --simd must be at least 1 (got 0, 4)"),
    ]
    for (pe, simd, message) in cases {
      #expect(throws: FoldingError.badFolding(message)) {
        try FoldedNetLowering.foldings(net, pe: pe, simd: simd)
      }
    }
    // One value for all layers is reduced to each layer's size, as before.
    #expect(try FoldedNetLowering.foldings(net, pe: [11], simd: [30]).layers.map(\.pe) == [10, 4])
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
  func verilatorAgreesPerTransaction(pe: [Int], simd: [Int]) throws {
    let net = Self.net()
    let name = "folded_" + (pe + simd).map(String.init).joined(separator: "_")
    let design = try FoldedBinarizedDesign(net, pe: pe, simd: simd, name: name)
    let vectors = Self.vectors(net, count: 50)
    let verdict = try Cosim.run(
      design.forms.optimized.netlist, vectors: vectors, seed: 1415,
      evaluators: try design.evaluators(),
      options: CosimOptions(verilator: CosimTestSupport.options, streaming: StreamingPorts()))
    #expect(
      verdict.comparison.agree, "\(verdict.comparison.report(inputNames: [], outputNames: []))")
    #expect(Set(verdict.comparison.sources) == ["model", "interp", "opt", "gates64", "verilator"])
    let schedule = design.cycleModel.schedule(samples: vectors.count)
    #expect(FoldedSchedule(accepted: verdict.acceptedCycles, done: verdict.doneCycles) == schedule)
    #expect(verdict.harnessCycles == schedule.done.last! + 1)
  }
}
