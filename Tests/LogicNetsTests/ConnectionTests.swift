import Testing
import _TestSupport

@testable import LogicNets

@Suite struct ConnectionTests {
  /// The spec's [run] example: difflogic's LogicLayer(10, 12, connections='unique') uses the
  /// 5 even pairs, the 4 odd pairs and the first 3 distance-2 pairs (assigned in random order).
  @Test func uniqueTenToTwelveUsesTheSpecPairSet() throws {
    let c = try LayerConnections.draw(.unique, inputs: 10, outputs: 12, seed: 7, layer: 0)
    let pairs = Set(zip(c.a, c.b).map { "\($0.0),\($0.1)" })
    let expected: Set<String> = [
      "0,1", "2,3", "4,5", "6,7", "8,9", "1,2", "3,4", "5,6", "7,8", "0,2", "1,3", "2,4",
    ]
    #expect(pairs == expected)
    #expect(c.a.count == 12)
    // The spec's run drew this assignment with torch; our order comes from CounterRNG, so
    // only the set (and a < b) is shared.
    #expect(zip(c.a, c.b).allSatisfy { $0.0 < $0.1 })
  }

  @Test func uniqueCandidatesFollowDifflogicsOrder() {
    let (a, b) = LayerConnections.uniqueCandidates(inputs: 6, needed: 8)
    #expect(a == [0, 2, 4, 1, 3, 0, 1, 2])
    #expect(b == [1, 3, 5, 2, 4, 2, 3, 4])
  }

  @Test func uniqueRejectsTooFewPairs() {
    #expect(throws: LogicNetsError.tooFewUniquePairs(layer: 2, inputs: 4, outputs: 7)) {
      try LayerConnections.draw(.unique, inputs: 4, outputs: 7, seed: 0, layer: 2)
    }
  }

  @Test(arguments: [(10, 5), (10, 12), (7, 64), (400, 8000), (64, 64)])
  func randomSchemeHasBalancedFanOut(inputs: Int, outputs: Int) throws {
    let c = try LayerConnections.draw(.random, inputs: inputs, outputs: outputs, seed: 3, layer: 1)
    var uses = [Int](repeating: 0, count: inputs)
    for i in c.a + c.b { uses[Int(i)] += 1 }
    let low = 2 * outputs / inputs
    let high = (2 * outputs + inputs - 1) / inputs
    #expect(uses.allSatisfy { $0 >= low && $0 <= high && $0 >= 1 }, "uses \(uses.prefix(20))")
    #expect(uses.reduce(0, +) == 2 * outputs)
  }

  @Test func randomSchemeIsSeededPerLayer() throws {
    let first = try LayerConnections.draw(.random, inputs: 50, outputs: 40, seed: 9, layer: 0)
    let again = try LayerConnections.draw(.random, inputs: 50, outputs: 40, seed: 9, layer: 0)
    let otherLayer = try LayerConnections.draw(.random, inputs: 50, outputs: 40, seed: 9, layer: 1)
    let otherSeed = try LayerConnections.draw(.random, inputs: 50, outputs: 40, seed: 10, layer: 0)
    #expect(first == again)
    #expect(first != otherLayer)
    #expect(first != otherSeed)
  }

  @Test func tooFewNeuronsIsAnError() {
    let error = LogicNetsError.tooFewNeurons(layer: 0, inputs: 9, outputs: 4)
    #expect(throws: error) {
      try LayerConnections.draw(.random, inputs: 9, outputs: 4, seed: 0, layer: 0)
    }
    #expect(error.description == "layer 0: 4 neurons cannot use all 9 inputs (need at least 5)")
  }

  @Test func residualInitFavoursThePassThroughGate() throws {
    let config = LogicNetConfig(
      inputs: 4, layerWidths: [4, 2], classes: 2, tau: 1, initialization: .residual(z: 5))
    let model = try LogicNetModel(config: config)
    #expect(model.layers.allSatisfy { $0.hardGates.allSatisfy { $0 == 3 } })
    let p = GateSoftmax.softmax(SIMD16(model.layers[0].logits[0..<16]))
    #expect(p[3] > 0.9 && p[3] < 0.91)
  }
}
