import BinarizedNets
import ModelLowering
import NetlistIR
import NetlistPasses
import NetlistSim
import Testing
import _TestSupport

/// The lowered output affine (shift-and-add constant multiplications, argmax on the exact
/// integer scores) against the plain integer reference, as lowered, optimised and
/// bit-blasted.
@Suite struct BinarizedNetAffineLoweringTests {
  static let shapes: [(InputFormat, Int, [(WeightMode, Int)])] = [
    (.bits, 11, [(.binary, 7), (.ternary, 5)]),
    (.integers(bits: 4, signed: false), 5, [(.integer(bits: 3), 6), (.binary, 4)]),
    (.integers(bits: 3, signed: true), 4, [(.integer(bits: 4), 3)]),
  ]

  static func check(_ net: BinarizedNet, samples: [[Int]]) throws {
    let netlist = BinarizedNetLowering.lower(net)
    let optimized = try HardwareFlow.optimize(netlist).netlist
    let gates = try HardwareFlow.gateLevel(optimized).netlist
    let vectors = samples.map { [BinarizedNetLoweringTests.vector(net, $0)] }
    for candidate in [netlist, optimized, gates] {
      let results = try ReferenceInterpreter(candidate).run(vectors)
      for (sample, result) in zip(samples, results) {
        let scores = net.referenceScores(sample)
        #expect(result.dropLast().map { $0.width } == scores.map { _ in net.scoreWidth })
        #expect(result.dropLast().map { $0.intValue(.signed)! } == scores, "\(sample)")
        #expect(result.last!.intValue(.unsigned)! == BinarizedNet.argmax(scores[...]))
      }
    }
  }

  @Test(arguments: RandomOutputAffines.Profile.allCases, 0..<3)
  func netlistMatchesTheReference(profile: RandomOutputAffines.Profile, shape: Int) throws {
    var random = SeededRandom(seed: UInt64(400 + shape))
    let (input, inputs, layers) = Self.shapes[shape]
    let plain = RandomBinarizedNets.make(
      input: input, inputs: inputs, layers: layers, using: &random)
    let affine = RandomOutputAffines.make(classes: plain.classes, profile, using: &random)
    let net = try RandomOutputAffines.attach(affine, to: plain)
    try Self.check(
      net, samples: (0..<120).map { _ in RandomBinarizedNets.sample(net, using: &random) })
  }

  /// Factors whose signed-digit forms have long runs of ones, alternating bits, and both
  /// signs; every input of a 6-input bit net.
  @Test func constantMultiplicationsAreExact() throws {
    let factors: [Float] = [
      16_777_215, -16_777_215, 11_184_810, -5_592_405, 7, -9, 1, -1, 0, 12_582_912,
    ]
    var random = SeededRandom(seed: 9)
    let plain = RandomBinarizedNets.make(
      input: .bits, inputs: 6, layers: [(.ternary, factors.count)], using: &random)
    let offsets = factors.indices.map { Float($0 % 3) - 1 }
    let net = try RandomOutputAffines.attach(
      try OutputAffine(scale: factors, offset: offsets), to: plain)
    try Self.check(net, samples: (0..<64).map { s in (0..<6).map { (s >> $0) & 1 } })
  }

  /// A class whose weights are all zero has dot 0: its scale, however large, adds nothing
  /// and the score ports stay as narrow as the other classes need.
  @Test func zeroRowsIgnoreTheirScale() throws {
    let layer = DenseLayer(
      mode: .ternary, inputs: 3, outputs: 2, weights: [1, -1, 1, 0, 0, 0], activations: nil)
    let net = try BinarizedNet(
      input: .bits, inputs: 3, layers: [layer],
      outputAffine: try OutputAffine(scale: [1, 1_099_511_627_776], offset: [0, -1]))
    #expect(net.scoreWidth == 3)
    try Self.check(net, samples: (0..<8).map { s in (0..<3).map { (s >> $0) & 1 } })
  }
}
