import BitCore
import IntegerTraining
import Testing

/// Whole runs: the same seed gives the same parameters for any thread count, in both
/// arithmetics; a tiny separable task is learnt.
@Suite struct TrainingDeterminismTests {
  /// 240 samples of 16 codes, 3 classes: class c lights features 5c…5c+4.
  static func samples(_ count: Int, stream: UInt64) -> WAGEUBNSamples {
    let rng = CounterRNG(seed: 1, stream: stream)
    var codes: [Int8] = []
    var labels: [Int] = []
    for s in 0..<count {
      let label = s % 3
      labels.append(label)
      for i in 0..<16 {
        let noise = Int(rng.integer(at: UInt64(s * 16 + i), below: 40))
        codes.append(Int8(i / 5 == label ? 80 + noise : noise))
      }
    }
    return WAGEUBNSamples(codes: codes, labels: labels, features: 16)
  }

  func run(_ arithmetic: WAGEUBNArithmetic, profile: String, threads: Int, seed: UInt64 = 4)
    async throws -> WAGEUBNRun
  {
    let named = WAGEUBNProfile.named.first { $0.name == profile }!.profile
    let configuration = WAGEUBNTrainingConfiguration(
      widths: [16, 12, 3], profileName: profile, profile: named,
      plan: profile == "hardware" ? .hardware : .reference, schedule: .constant(),
      arithmetic: arithmetic, seed: seed, batchSize: 2, epochs: 6)
    return try await WAGEUBNTraining.run(
      configuration, train: Self.samples(240, stream: 0), test: Self.samples(60, stream: 1),
      threads: threads
    ) { _, _, _, _ in }
  }

  @Test(arguments: ["paper", "hardware"]) func threadsDoNotChangeTheDigest(profile: String)
    async throws
  {
    for arithmetic in WAGEUBNArithmetic.allCases {
      let one = try await run(arithmetic, profile: profile, threads: 1)
      let two = try await run(arithmetic, profile: profile, threads: 2)
      #expect(one.model.network == two.model.network)
      #expect(
        one.model.network.weightsDigest.hexDigest == two.model.network.weightsDigest.hexDigest)
      #expect(one.model.statistics == two.model.statistics)
      #expect(one.epochs.map(\.testAccuracy) == two.epochs.map(\.testAccuracy))
      #expect(one.epochs.last!.testAccuracy > 0.6, "\(arithmetic) learns the task")
      guard arithmetic == .integer else { continue }
      let other = try await run(arithmetic, profile: profile, threads: 2, seed: 5)
      #expect(
        other.model.network.weightsDigest.hexDigest != one.model.network.weightsDigest.hexDigest)
    }
  }

  /// The float reference's `Double` products equal the integer ones (the 8-bit products are
  /// exact in `Double`): the same first-step loss, gradient codes and exponents.
  @Test func floatProductsEqualTheIntegerOnes() {
    let widths = [16, 12, 3]
    let data = Self.samples(8, stream: 2)
    var losses: [Double] = []
    var tensors: [[String: TensorRecord]] = []
    for arithmetic in WAGEUBNArithmetic.allCases {
      var network = WAGEUBNNetwork(
        widths: widths, seed: 9, arithmetic: arithmetic, rounding: .rndConv)
      var statistics = (0..<2).map {
        LayerStatistics(
          name: "d\($0)", inputs: widths[$0], outputs: widths[$0 + 1], plan: .reference,
          isFirst: $0 == 0)
      }
      let context = WAGEUBNStepContext(
        quantizer: WAGEUBNQuantizer(), plan: .reference,
        phase: WAGEUBNSchedule.constant().phases[0], step: 0, stochasticSeed: 1, threads: 1)
      losses.append(
        network.step(
          inputs: data.codes.map { Int64($0) }, labels: data.labels, context: context,
          statistics: &statistics))
      tensors.append(contentsOf: statistics.map(\.tensors))
    }
    #expect(losses[0] == losses[1])
    #expect(Array(tensors[0..<2]) == Array(tensors[2..<4]))
  }
}
