import BitCore
import Foundation
import IntegerTraining
import Testing

/// Whole runs of a small CNN (convolution, batch norm, ReLU, max-pool, dense): thread-count
/// independence in both arithmetics, the float reference's products equal to the integer
/// ones, learning, and `Codable` round trips.
@Suite struct ConvolutionNetworkTests {
  /// 6×6 grey images, 3 classes: class c lights rows 2c and 2c + 1, plus noise.
  static func samples(_ count: Int, stream: UInt64) -> WAGEUBNSamples {
    let rng = CounterRNG(seed: 2, stream: stream)
    var codes: [Int8] = []
    var labels: [Int] = []
    for s in 0..<count {
      let label = s % 3
      labels.append(label)
      for i in 0..<36 {
        let noise = Int(rng.integer(at: UInt64(s * 36 + i), below: 40))
        codes.append(Int8(i / 12 == label ? 80 + noise : noise))
      }
    }
    return WAGEUBNSamples(codes: codes, labels: labels, features: 36)
  }

  static let architecture = WAGEUBNArchitecture(
    input: [6, 6, 1],
    stages: [
      .convolution(channels: 4, stride: 1, padding: 1), .batchNorm, .activation, .maxPool,
      .convolution(channels: 4, stride: 2, padding: 1), .batchNorm, .activation,
      .dense(outputs: 3),
    ], name: "test-cnn")

  func run(_ arithmetic: WAGEUBNArithmetic, profile: String, threads: Int, seed: UInt64 = 4)
    async throws -> WAGEUBNRun
  {
    let named = WAGEUBNProfile.named.first { $0.name == profile }!.profile
    let configuration = WAGEUBNTrainingConfiguration(
      widths: [36, 3], profileName: profile, profile: named,
      plan: profile == "hardware" ? .hardware : .reference,
      schedule: .constant(numerator: 1, denominator: 2), arithmetic: arithmetic, seed: seed,
      batchSize: 4, epochs: 3, architecture: Self.architecture)
    return try await WAGEUBNTraining.run(
      configuration, train: Self.samples(96, stream: 0), test: Self.samples(30, stream: 1),
      threads: threads
    ) { _, _, _, _ in }
  }

  @Test(arguments: ["paper", "hardware"])
  func threadsDoNotChangeTheDigest(profile: String) async throws {
    for arithmetic in WAGEUBNArithmetic.allCases {
      let one = try await run(arithmetic, profile: profile, threads: 1)
      let two = try await run(arithmetic, profile: profile, threads: 2)
      #expect(one.model.network == two.model.network)
      #expect(
        one.model.network.weightsDigest.hexDigest == two.model.network.weightsDigest.hexDigest)
      #expect(one.model.statistics == two.model.statistics)
      // Evaluation uses the running statistics, which move slowly (decay 1 − 2^−8 or 0.997)
      // over these 72 steps: the loss shows the learning.
      #expect(
        one.epochs.last!.loss < 0.75 * one.epochs[0].loss, "\(arithmetic) \(profile) learns")
      #expect(one.model.statistics.map(\.name) == ["conv1", "bn1", "conv2", "bn2", "dense1"])
      #expect(one.model.statistics[0].accumulators["error"] == nil)
      #expect(one.model.statistics[1].tensors["dX"]!.events.count > 0)
      guard arithmetic == .integer else { continue }
      #expect(one.model.statistics[2].accumulators["error"]!.events.additions > 0)
      let other = try await run(arithmetic, profile: profile, threads: 2, seed: 5)
      #expect(
        other.model.network.weightsDigest.hexDigest != one.model.network.weightsDigest.hexDigest)
    }
  }

  /// The float reference's `Double` products equal the integer ones: the same first-step
  /// loss and quantized tensors (the parameters then differ only in the optimizer state).
  @Test func floatProductsEqualTheIntegerOnes() {
    let data = Self.samples(8, stream: 2)
    var losses: [Double] = []
    var tensors: [[[String: TensorRecord]]] = []
    for arithmetic in WAGEUBNArithmetic.allCases {
      var network = WAGEUBNNetwork(
        architecture: Self.architecture, seed: 9, arithmetic: arithmetic, rounding: .rndConv,
        batchNormBound: .max)
      var statistics = network.emptyStatistics(plan: .reference)
      let context = WAGEUBNStepContext(
        quantizer: WAGEUBNQuantizer(), plan: .reference,
        phase: WAGEUBNSchedule.constant().phases[0], step: 0, stochasticSeed: 1, threads: 1)
      losses.append(
        network.step(
          inputs: data.codes.map { Int64($0) }, labels: data.labels, context: context,
          statistics: &statistics))
      tensors.append(statistics.map(\.tensors))
    }
    #expect(losses[0] == losses[1])
    #expect(tensors[0] == tensors[1])
    #expect(tensors[0][0]["G"]!.events.count == 4 * 9)
  }

  /// A network (and its configuration) survive a JSON round trip unchanged: checkpoints can
  /// encode the whole network.
  @Test func networksAreCodable() async throws {
    let trained = try await run(.integer, profile: "paper", threads: 1)
    let data = try JSONEncoder().encode(trained.model.network)
    let decoded = try JSONDecoder().decode(WAGEUBNNetwork.self, from: data)
    #expect(decoded == trained.model.network)
    #expect(decoded.weightsDigest.hexDigest == trained.model.network.weightsDigest.hexDigest)
    let configuration = try JSONDecoder().decode(
      WAGEUBNTrainingConfiguration.self, from: JSONEncoder().encode(trained.configuration))
    #expect(configuration == trained.configuration)
  }

  /// The LeNet-style CNN on a few synthetic 28×28 images: the same digest for one and two
  /// threads, in both arithmetics.
  @Test func lenetDoesNotDependOnThreads() async throws {
    let rng = CounterRNG(seed: 3, stream: 0)
    let count = 12
    let codes = (0..<count * 784).map { Int8(rng.integer(at: UInt64($0), below: 128)) }
    let samples = WAGEUBNSamples(
      codes: codes, labels: (0..<count).map { $0 % 10 }, features: 784)
    for arithmetic in WAGEUBNArithmetic.allCases {
      var digests: [String] = []
      for threads in [1, 2] {
        let configuration = WAGEUBNTrainingConfiguration(
          widths: [784, 10], profileName: "paper", profile: .paper, plan: .reference,
          schedule: .constant(), arithmetic: arithmetic, seed: 1, batchSize: 6, epochs: 1,
          architecture: .lenet)
        let run = try await WAGEUBNTraining.run(
          configuration, train: samples, test: samples, threads: threads
        ) { _, _, _, _ in }
        digests.append(run.model.network.weightsDigest.hexDigest)
      }
      #expect(digests[0] == digests[1], "\(arithmetic)")
    }
  }

  @Test func architecturesAreChecked() throws {
    let shapes = try WAGEUBNArchitecture.lenet.shapes().get()
    #expect(shapes.last == [1, 1, 10])
    #expect(shapes[4] == [14, 14, 16] && shapes[8] == [7, 7, 32])
    #expect(
      WAGEUBNArchitecture.mlp([4, 3, 2]).stages == [
        .dense(outputs: 3), .activation, .dense(outputs: 2),
      ])
    let bad = WAGEUBNArchitecture(
      input: [2, 2, 1], stages: [.maxPool, .maxPool, .dense(outputs: 2)], name: "x")
    #expect(throws: WAGEUBNArchitectureError.self) { try bad.shapes().get() }
    let noDense = WAGEUBNArchitecture(input: [4, 4, 1], stages: [.batchNorm], name: "x")
    #expect(throws: WAGEUBNArchitectureError.self) { try noDense.shapes().get() }
  }
}
