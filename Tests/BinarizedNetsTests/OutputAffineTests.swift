import BinarizedNets
import FixedPoint
import Testing
import _TestSupport

/// The exact output affine against an independent rational computation: every float32 times
/// 2^149 is an integer, so `R_c = (scale_c·dot_c + offset_c)·2^149` is a big integer, and
/// the net's integer scores must be `R_c·2^(E − 149)` with the same first-largest class.
@Suite struct OutputAffineTests {
  static let shapes: [(InputFormat, Int, [(WeightMode, Int)])] = [
    (.bits, 13, [(.binary, 9), (.ternary, 5)]),
    (.integers(bits: 4, signed: false), 6, [(.integer(bits: 3), 8), (.binary, 6)]),
    (.integers(bits: 5, signed: true), 5, [(.ternary, 4)]),
  ]

  /// `x·2^149` from the float's significand (in [1, 2)) and exponent properties:
  /// `significand·2^(exponent + 149)`, an integer.
  static func scaled(_ x: Float) -> BigInt {
    if x == 0 { return BigInt(0) }
    let k = Int(x.exponent) + 149
    let head = min(k, 23)
    let m = BigInt(Int(Double(x.significand) * Double(sign: .plus, exponent: head, significand: 1)))
    let magnitude = m << (k - head)
    return x.sign == .minus ? -magnitude : magnitude
  }

  static func firstLargest(_ xs: [BigInt]) -> Int {
    var best = 0
    for i in xs.indices where xs[best] < xs[i] { best = i }
    return best
  }

  @Test(arguments: RandomOutputAffines.Profile.allCases, 0..<3)
  func scoresAreTheExactRealScores(profile: RandomOutputAffines.Profile, shape: Int) throws {
    var random = SeededRandom(seed: UInt64(300 + shape))
    let (input, inputs, layers) = Self.shapes[shape]
    let plain = RandomBinarizedNets.make(
      input: input, inputs: inputs, layers: layers, using: &random)
    var ties = 0
    for round in 0..<8 {
      let affine = RandomOutputAffines.make(classes: plain.classes, profile, using: &random)
      let net = try RandomOutputAffines.attach(affine, to: plain)
      let fixed = try #require(net.fixedAffine)
      let integers = fixed.factors + fixed.offsets
      #expect(integers.allSatisfy { $0 == 0 } || integers.contains { $0 & 1 == 1 })
      #expect(
        net.scoreWidth == Int.bitWidth - fixed.bound.leadingZeroBitCount + 1 || fixed.bound == 0)
      let packed = PackedBinarizedNet(net)
      for _ in 0..<40 {
        let sample = RandomBinarizedNets.sample(net, using: &random)
        let dots = plain.referenceScores(sample)
        let scores = net.referenceScores(sample)
        let real = dots.indices.map {
          Self.scaled(affine.scale[$0]) * BigInt(dots[$0]) + Self.scaled(affine.offset[$0])
        }
        for c in scores.indices {
          #expect(BigInt(scores[c]) << (149 - fixed.exponent) == real[c], "round \(round)")
          #expect(abs(scores[c]) <= fixed.bound)
        }
        let predicted = BinarizedNet.argmax(scores[...])
        #expect(predicted == Self.firstLargest(real), "round \(round): \(scores)")
        if Set(scores).count < scores.count { ties += 1 }
        let run = packed.run(sample, samples: 1)
        #expect(run.scores == scores && run.predicted == [predicted])
      }
    }
    if profile == .ties { #expect(ties > 0, "the tie profile must produce ties") }
  }

  @Test func negativeScalesReverseTheOrder() throws {
    let layer = DenseLayer(
      mode: .binary, inputs: 2, outputs: 2, weights: [1, 1, 1, 1], activations: nil)
    let net = try BinarizedNet(
      input: .bits, inputs: 2, layers: [layer],
      outputAffine: try OutputAffine(scale: [-0.5, 0.25], offset: [0.125, 0]))
    // E = 3: A = [−4, 2], B = [1, 0]; dots are equal (−2, 0 or 2).
    #expect(net.fixedAffine?.exponent == 3)
    #expect(net.fixedAffine?.factors == [-4, 2] && net.fixedAffine?.offsets == [1, 0])
    #expect(net.referenceScores([1, 1]) == [-7, 4])
    #expect(net.referenceScores([0, 0]) == [9, -4])
    // dot 0: scores 1 and 0.
    #expect(net.referenceScores([1, 0]) == [1, 0])
    #expect(net.scoreWidth == 5)
  }

  @Test func equalRealScoresTieToTheLowestClass() throws {
    let layer = DenseLayer(
      mode: .binary, inputs: 1, outputs: 3, weights: [1, -1, 1], activations: nil)
    // Input +1: class 0 scores 0.75 + 0.25 = 1, class 1 scores −1, class 2 scores
    // 1.5 − 0.5 = 1, a tie of real scores.
    let net = try BinarizedNet(
      input: .bits, inputs: 1, layers: [layer],
      outputAffine: try OutputAffine(scale: [0.75, 1, 1.5], offset: [0.25, 0, -0.5]))
    let scores = net.referenceScores([1])
    #expect(scores[0] == scores[2] && scores[0] > scores[1])
    #expect(BinarizedNet.argmax(scores[...]) == 0)
  }

  @Test func allZeroParametersGiveZeroScores() throws {
    var random = SeededRandom(seed: 8)
    let plain = RandomBinarizedNets.make(
      input: .bits, inputs: 5, layers: [(.binary, 3)], using: &random)
    let net = try RandomOutputAffines.attach(
      try OutputAffine(scale: [0, -0.0, 0], offset: [0, 0, -0.0]), to: plain)
    #expect(net.fixedAffine?.exponent == 0 && net.scoreWidth == 2)
    #expect(net.referenceScores([1, 0, 1, 1, 0]) == [0, 0, 0])
  }
}
