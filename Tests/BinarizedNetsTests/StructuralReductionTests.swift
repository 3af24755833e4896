import Testing
import _TestSupport

@testable import BinarizedNets

/// ``BinarizedNet/reduced()``: a hand-checked net, and differentially on random sparse nets
/// (with and without an output affine) against the unreduced net on random inputs.
@Suite struct StructuralReductionTests {
  /// Layer 0 on 3 bit inputs: n0 = x0 + x1 ≥ 0 (kept), n1 has no weights and `≥ 1` (never
  /// fires: −1), n2 = x0 ≥ 5 (never: −1). Output: class 0 = n0 + n1 − n2, class 1 =
  /// −n0 + n1 + n2. Removing n1 and n2 adds 1·(−1) − 1·(−1) = 0 to class 0 and
  /// 1·(−1) + 1·(−1) = −2 to class 1; input 2 is read by nobody.
  @Test func constantNeuronsFoldIntoTheScores() throws {
    let net = try BinarizedNet(
      input: .bits, inputs: 3,
      layers: [
        DenseLayer(
          mode: .ternary, inputs: 3, outputs: 3, weights: [1, 1, 0, 0, 0, 0, 1, 0, 0],
          activations: [.atLeast(0), .atLeast(1), .atLeast(5)]),
        DenseLayer(
          mode: .binary, inputs: 3, outputs: 2, weights: [1, 1, -1, -1, 1, 1],
          activations: nil),
      ])
    let reduction = try net.reduced()
    #expect(reduction.constantNeurons == [2] && reduction.unreadNeurons == [0])
    #expect(reduction.unreadInputs == 1)
    let reduced = reduction.net
    #expect(reduced.layers.map(\.outputs) == [1, 2])
    #expect(reduced.layers[0].weights == [1, 1, 0] && reduced.layers[1].weights == [1, -1])
    #expect(reduced.outputAffine?.scale == [1, 1] && reduced.outputAffine?.offset == [0, -2])
    for bits in 0..<8 {
      let x = (0..<3).map { (bits >> $0) & 1 }
      #expect(reduced.referenceScores(x) == net.referenceScores(x), "x = \(x)")
    }
  }

  /// A constant neuron before a hidden layer moves that layer's thresholds; a neuron that
  /// nothing reads goes without folding; a layer keeps one (zero-weight) neuron.
  @Test func constantsMoveTheNextThresholds() throws {
    let net = try BinarizedNet(
      input: .bits, inputs: 2,
      layers: [
        DenseLayer(
          mode: .binary, inputs: 2, outputs: 3, weights: [1, 1, 1, -1, -1, 1],
          activations: [.constant(true), .atLeast(0), .atMost(0)]),
        DenseLayer(
          mode: .ternary, inputs: 3, outputs: 2, weights: [1, 1, 0, -1, 0, 1],
          activations: [.atLeast(1), .atMost(-1)]),
        DenseLayer(
          mode: .ternary, inputs: 2, outputs: 2, weights: [1, 0, 1, -1], activations: nil),
      ])
    let reduction = try net.reduced()
    // n0 of layer 0 is +1: layer 1's thresholds move by −1 and +1.
    #expect(reduction.constantNeurons[0] == 1)
    #expect(reduction.net.layers[1].activations == [.atLeast(0), .atMost(0)])
    for bits in 0..<4 {
      let x = [bits & 1, bits >> 1]
      #expect(reduction.net.referenceScores(x) == net.referenceScores(x))
    }
    // Every hidden neuron constant: one placeholder per layer, the scores unchanged.
    let dead = try BinarizedNet(
      input: .bits, inputs: 2,
      layers: [
        DenseLayer(
          mode: .binary, inputs: 2, outputs: 2, weights: [1, 1, 1, -1],
          activations: [.constant(true), .atLeast(9)]),
        DenseLayer(mode: .binary, inputs: 2, outputs: 2, weights: [1, 1, -1, 1], activations: nil),
      ])
    let gone = try dead.reduced()
    #expect(gone.net.layers[0].outputs == 1 && gone.net.layers[0].weights == [0, 0])
    #expect(gone.net.layers[1].weights == [0, 0] && gone.net.layers[1].mode == .ternary)
    #expect(gone.unreadInputs == 2)
    for bits in 0..<4 {
      let x = [bits & 1, bits >> 1]
      #expect(gone.net.referenceScores(x) == dead.referenceScores(x))
    }
  }

  /// Random nets with many zero weights, zero rows and constant neurons: the reduced net's
  /// scores equal the net's exactly (with an output affine: up to the factor 2^(E − E′)),
  /// it is never larger, and on these nets it is smaller.
  @Test(arguments: [false, true])
  func reducedNetsScoreAsTheirNets(affine: Bool) throws {
    var random = SeededRandom(seed: affine ? 7 : 5)
    var removedAny = false
    for trial in 0..<40 {
      let input: InputFormat =
        trial % 2 == 0 ? .bits : .integers(bits: 3, signed: trial % 4 == 1)
      var net = RandomBinarizedNets.make(
        input: input, inputs: 7,
        layers: [(input == .bits ? .ternary : .integer(bits: 3), 9), (.ternary, 8), (.ternary, 3)],
        using: &random)
      net = try Self.sparsified(net, using: &random)
      if affine {
        let parameters = RandomOutputAffines.make(classes: 3, .general, using: &random)
        net = try RandomOutputAffines.attach(parameters, to: net)
      }
      let reduction = try net.reduced()
      let reduced = reduction.net
      #expect(reduced.inputs == net.inputs && reduced.classes == net.classes)
      #expect(zip(reduced.layers, net.layers).allSatisfy { $0.outputs <= $1.outputs })
      removedAny = removedAny || reduced.layers.map(\.outputs) != net.layers.map(\.outputs)
      let shift = (net.fixedAffine?.exponent ?? 0) - (reduced.fixedAffine?.exponent ?? 0)
      #expect(shift >= 0)
      for _ in 0..<60 {
        let x = RandomBinarizedNets.sample(net, using: &random)
        let expected = net.referenceScores(x)
        let scores = reduced.referenceScores(x)
        #expect(scores.map { $0 << shift } == expected, "trial \(trial), x = \(x)")
        #expect(BinarizedNet.argmax(scores[...]) == BinarizedNet.argmax(expected[...]))
      }
    }
    #expect(removedAny)
  }

  /// `net` with about half of its weights zeroed and some rows all zero.
  static func sparsified(
    _ net: BinarizedNet, using random: inout SeededRandom
  ) throws -> BinarizedNet {
    let layers = net.layers.map { layer in
      var weights = layer.weights
      for o in 0..<layer.outputs {
        let emptyRow = Int.random(in: 0..<5, using: &random) == 0
        for i in 0..<layer.inputs where emptyRow || Bool.random(using: &random) {
          weights[o * layer.inputs + i] = 0
        }
      }
      return DenseLayer(
        mode: layer.mode == .binary ? .ternary : layer.mode, inputs: layer.inputs,
        outputs: layer.outputs, weights: weights, activations: layer.activations)
    }
    return try BinarizedNet(input: net.input, inputs: net.inputs, layers: layers)
  }
}
