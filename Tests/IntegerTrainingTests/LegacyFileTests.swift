import Foundation
import IntegerTraining
import Testing

/// `checkpoint.json` and `report.json` written before the configuration had an
/// `architecture`, the profile a `batchNormRunning` and the network its stages decode with
/// the defaults those files meant: an MLP of the recorded widths, the named profile's running
/// statistics, dense stages with activations between them.
@Suite struct LegacyFileTests {
  /// A configuration as the older format wrote it (`officialCode`, 64-12-10, one epoch): the
  /// current one of such a run without the two fields, by hand.
  static let olderConfiguration = """
    {"arithmetic": "integer", "batchSize": 8, "bits": {"e1": 8, "e2": 8}, "epochs": 1,
     "plan": {"error": {"overflow": "WRAP", "width": 48},
              "forward": {"overflow": "WRAP", "width": 48},
              "gradient": {"overflow": "WRAP", "width": 48}},
     "profile": {"directRange": "unbounded", "e1Clip": "officialCode", "rounding": "RND_CONV",
                 "shiftExponent": "float32", "stochasticForm": "signMagnitude"},
     "profileName": "officialCode",
     "schedule": {"phases": [
       {"gScaleBits": 7, "learningRateCode": 26, "startEpoch": 0},
       {"gScaleBits": 7, "learningRateCode": 3, "startEpoch": 1},
       {"gScaleBits": 5, "learningRateCode": 2, "startEpoch": 1},
       {"gScaleBits": 3, "learningRateCode": 1, "startEpoch": 1},
       {"gScaleBits": 1, "learningRateCode": 1, "startEpoch": 1}]},
     "seed": 2, "widths": [64, 12, 10]}
    """

  /// `object` without `architecture` and `profile.batchNormRunning` in its configuration and
  /// with its network's dense stages as `layers`.
  static func makeLegacy(_ object: Any) -> Any {
    guard var top = object as? [String: Any] else { return object }
    if var configuration = top["configuration"] as? [String: Any] {
      configuration["architecture"] = nil
      if var profile = configuration["profile"] as? [String: Any] {
        profile["batchNormRunning"] = nil
        configuration["profile"] = profile
      }
      top["configuration"] = configuration
    }
    if var network = top["network"] as? [String: Any],
      let stages = network["stages"] as? [[String: Any]]
    {
      network["layers"] = stages.compactMap { ($0["dense"] as? [String: Any])?["_0"] }
      (network["stages"], network["input"]) = (nil, nil)
      top["network"] = network
    }
    return top
  }

  @Test(arguments: ["paper", "officialCode", "hardware"])
  func olderCheckpointsDecodeWithTheirDefaults(_ profileName: String) async throws {
    let profile = try #require(WAGEUBNProfile.named.first { $0.name == profileName }).profile
    let configuration = WAGEUBNTrainingConfiguration(
      widths: [16, 12, 3], profileName: profileName, profile: profile, plan: .reference,
      schedule: .constant(), arithmetic: .integer, seed: 11, batchSize: 7, epochs: 1)
    let run = try await WAGEUBNTraining.run(
      configuration, train: TrainingDeterminismTests.samples(40, stream: 0),
      test: TrainingDeterminismTests.samples(10, stream: 1), threads: 1
    ) { _, _, _, _ in }
    let state = WAGEUBNTrainingState(run)
    let current = try JSONSerialization.jsonObject(with: JSONEncoder().encode(state))
    let older = try JSONSerialization.data(withJSONObject: Self.makeLegacy(current))
    let text = String(decoding: older, as: UTF8.self)
    #expect(!text.contains("architecture") && !text.contains("batchNormRunning"))
    #expect(text.contains("\"layers\"") && !text.contains("\"stages\""))
    let decoded = try JSONDecoder().decode(WAGEUBNTrainingState.self, from: older)
    #expect(decoded == state)
    #expect(decoded.mismatch(with: configuration, trainCount: 40) != nil, "already 1 epoch")
    var longer = configuration
    longer.epochs = 2
    #expect(decoded.mismatch(with: longer, trainCount: 40) == nil)
  }

  @Test func theHandWrittenOlderConfigurationDecodes() throws {
    let decoded = try JSONDecoder().decode(
      WAGEUBNTrainingConfiguration.self, from: Data(Self.olderConfiguration.utf8))
    #expect(decoded.profile == .officialCode && decoded.profile.batchNormRunning == .float)
    #expect(decoded.architecture == .mlp([64, 12, 10]) && decoded.seed == 2)
    #expect(decoded.schedule == .official(epochs: 1))
  }

  @Test func aNetworkOfUnchainedLayersIsRefused() throws {
    let network = WAGEUBNNetwork(
      widths: [4, 3, 2], seed: 1, arithmetic: .integer, rounding: .rndConv)
    let current = try JSONSerialization.jsonObject(with: JSONEncoder().encode(["network": network]))
    guard var top = Self.makeLegacy(current) as? [String: Any],
      var object = top["network"] as? [String: Any],
      var layers = object["layers"] as? [Any]
    else {
      Issue.record("the legacy layout")
      return
    }
    layers.swapAt(0, 1)
    object["layers"] = layers
    top["network"] = object
    let data = try JSONSerialization.data(withJSONObject: top)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([String: WAGEUBNNetwork].self, from: data)
    }
  }
}
