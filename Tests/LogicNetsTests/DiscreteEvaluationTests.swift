import Testing
import _TestSupport

@testable import LogicNets

/// A random valid discrete net.
func randomDiscreteNet(
  inputs: Int, widths: [Int], classes: Int, using rng: inout SeededRandom
) -> DiscreteLogicNet {
  var previous = inputs
  var layers: [DiscreteLogicNet.Layer] = []
  for width in widths {
    let n = previous
    layers.append(
      DiscreteLogicNet.Layer(
        gates: (0..<width).map { _ in GateFunction(table: UInt8.random(in: 0...15, using: &rng)) },
        a: (0..<width).map { _ in Int32.random(in: 0..<Int32(n), using: &rng) },
        b: (0..<width).map { _ in Int32.random(in: 0..<Int32(n), using: &rng) }))
    previous = width
  }
  return DiscreteLogicNet(inputs: inputs, layers: layers, classes: classes, tau: 10)
}

@Suite struct DiscreteEvaluationTests {
  /// The 64-lane evaluation against a naive Bool evaluation written here, sample by sample,
  /// over sample counts around word boundaries.
  @Test(arguments: [1, 63, 64, 65, 200])
  func packedCountsEqualNaiveBooleanCounts(samples: Int) {
    let seed: UInt64 = 0xD15C_0000 + UInt64(samples)
    var rng = SeededRandom(seed: seed)
    let net = randomDiscreteNet(inputs: 13, widths: [40, 30, 24], classes: 4, using: &rng)
    let bits = (0..<samples * 13).map { _ in UInt8.random(in: 0...1, using: &rng) }
    let counts = net.counts(BitMatrix(sampleMajor: bits, features: 13))
    for s in 0..<samples {
      var values = (0..<13).map { bits[s * 13 + $0] == 1 }
      for layer in net.layers {
        var next: [Bool] = []
        for j in 0..<layer.count {
          let x = values[Int(layer.a[j])]
          let y = values[Int(layer.b[j])]
          let row = (x ? 2 : 0) + (y ? 1 : 0)
          next.append((Int(layer.gates[j].table) >> (3 - row)) & 1 == 1)
        }
        values = next
      }
      for c in 0..<4 {
        let expected = values[c * 6..<(c + 1) * 6].filter { $0 }.count
        let got = Int(counts[s * 4 + c])
        #expect(got == expected, "seed 0x\(String(seed, radix: 16)) sample \(s) class \(c)")
        if got != expected { return }
      }
      let sample = (0..<13).map { bits[s * 13 + $0] == 1 }
      #expect(net.counts(sample) == (0..<4).map { Int(counts[s * 4 + $0]) })
    }
  }

  @Test func validatedNamesTheFirstProblem() {
    let layer = DiscreteLogicNet.Layer(gates: [1, 2], a: [0, 1], b: [1, 2])
    let net = DiscreteLogicNet(inputs: 2, layers: [layer], classes: 2, tau: 1)
    #expect(
      throws: LogicNetsError.indexOutOfRange(layer: 0, neuron: 1, field: "b", value: 2, limit: 2)
    ) {
      try net.validated()
    }
    var odd = net
    odd.layers = [DiscreteLogicNet.Layer(gates: [1, 2], a: [0, 1], b: [1, 0])]
    odd.classes = 3
    #expect(throws: LogicNetsError.groupSumNotDivisible(neurons: 2, classes: 3)) {
      try odd.validated()
    }
    odd.classes = 2
    #expect(throws: Never.self) { try odd.validated() }
  }

  @Test func argmaxTiesGoToTheLowestClass() {
    #expect(DiscreteLogicNet.firstArgmax([3, 5, 5, 1, 2, 2, 2, 2], classes: 4) == [1, 0])
  }

  /// The relaxed model in eval mode on 0/1 inputs is the discretised net: every neuron's
  /// collapsed one-hot gate evaluates to its truth table.
  @Test func discretizedModelUsesTheArgmaxGate() throws {
    let config = LogicNetConfig(inputs: 6, layerWidths: [12, 8], classes: 2, tau: 1, seed: 4)
    let model = try LogicNetModel(config: config)
    let net = model.discretized()
    for (l, layer) in model.layers.enumerated() {
      for j in 0..<layer.outputs {
        let logits = layer.logits[16 * j..<16 * j + 16]
        let top = logits.max()!
        #expect(
          Int(net.layers[l].gates[j].table) == logits.firstIndex(of: top)! - logits.startIndex)
      }
    }
  }
}
