import BitCore

// Decoding of `checkpoint.json` and `report.json` files written before the `architecture` of
// the configuration, the `batchNormRunning` of the profile and the stages of the network
// existed (an MLP with `layers` only): those files mean an MLP of the recorded widths, the
// named profile's running statistics and dense stages with an activation between them. New
// files are written (synthesized `encode(to:)`) and read with every field.

extension WAGEUBNTrainingConfiguration {
  private enum Keys: String, CodingKey {
    case widths, profileName, profile, plan, schedule, arithmetic, seed, batchSize, epochs, bits
    case architecture
  }

  private enum ProfileKeys: String, CodingKey {
    case rounding, directRange, e1Clip, shiftExponent, stochasticForm, batchNormRunning
  }

  /// Decodes a configuration; a missing `architecture` is the MLP of `widths`, a missing
  /// `profile.batchNormRunning` that of the profile named `profileName` (`dyadic` when the
  /// name is unknown).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    let widths = try c.decode([Int].self, forKey: .widths)
    let profileName = try c.decode(String.self, forKey: .profileName)
    let p = try c.nestedContainer(keyedBy: ProfileKeys.self, forKey: .profile)
    let named = WAGEUBNProfile.named.first { $0.name == profileName }?.profile
    let profile = WAGEUBNProfile(
      rounding: try p.decode(RoundingMode.self, forKey: .rounding),
      directRange: try p.decode(DirectRange.self, forKey: .directRange),
      e1Clip: try p.decode(E1Clip.self, forKey: .e1Clip),
      shiftExponent: try p.decode(ShiftExponentRule.self, forKey: .shiftExponent),
      stochasticForm: try p.decode(StochasticForm.self, forKey: .stochasticForm),
      batchNormRunning: try p.decodeIfPresent(BatchNormRunning.self, forKey: .batchNormRunning)
        ?? named?.batchNormRunning ?? .dyadic)
    self.init(
      widths: widths, profileName: profileName, profile: profile,
      plan: try c.decode(AccumulatorPlan.self, forKey: .plan),
      schedule: try c.decode(WAGEUBNSchedule.self, forKey: .schedule),
      arithmetic: try c.decode(WAGEUBNArithmetic.self, forKey: .arithmetic),
      seed: try c.decode(UInt64.self, forKey: .seed),
      batchSize: try c.decode(Int.self, forKey: .batchSize),
      epochs: try c.decode(Int.self, forKey: .epochs),
      bits: try c.decode(WAGEUBNBitWidths.self, forKey: .bits),
      architecture: try c.decodeIfPresent(WAGEUBNArchitecture.self, forKey: .architecture))
  }
}

extension WAGEUBNNetwork {
  private enum Keys: String, CodingKey {
    case stages, arithmetic, input, layers
  }

  /// Decodes a network; one without `stages` (an MLP saved as its dense `layers`, input
  /// first) becomes those layers as dense stages with an activation between consecutive ones
  /// and the input `[1, 1, fan-in]`, as ``WAGEUBNArchitecture/mlp(_:)`` lays them out.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: Keys.self)
    arithmetic = try c.decode(WAGEUBNArithmetic.self, forKey: .arithmetic)
    if c.contains(.stages) || !c.contains(.layers) {
      stages = try c.decode([WAGEUBNStage].self, forKey: .stages)
      input = try c.decode([Int].self, forKey: .input)
      return
    }
    let layers = try c.decode([WAGEUBNDenseLayer].self, forKey: .layers)
    guard let first = layers.first,
      zip(layers, layers.dropFirst()).allSatisfy({ $0.outputs == $1.inputs })
    else {
      throw DecodingError.dataCorruptedError(
        forKey: .layers, in: c, debugDescription: "layers: an MLP needs chained dense layers")
    }
    var stages: [WAGEUBNStage] = []
    for layer in layers {
      if !stages.isEmpty { stages.append(.activation) }
      stages.append(.dense(layer))
    }
    self.stages = stages
    input = [1, 1, first.inputs]
  }
}
