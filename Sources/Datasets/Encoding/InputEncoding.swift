/// How a data set's integer features become model inputs.
///
/// Encoders that learn anything from the data (thresholds, scales) learn it from the
/// training split only, except the raw encoder's port widths, which must carry every sample.
public enum InputEncoding: Equatable, Sendable {
  /// The features' integers unchanged (see ``RawIntegerEncoder``).
  case raw
  /// `thresholds` bits per numeric feature, bit `j` = (value > threshold `j`), and one bit
  /// per one-hot feature (see ``ThermometerEncoder``); one threshold is plain binarisation.
  case thermometer(thresholds: Int, placement: ThresholdPlacement)
  /// Each feature's exact value rounded once into a fixed-point format (see
  /// ``FixedPointEncoder``).
  case fixedPoint(FixedPointScaling)

  /// The largest number of thresholds per feature.
  public static let maxThresholds = 1024
}

/// The encoded inputs of a set of samples.
public enum EncodedInputs: Equatable, Sendable {
  /// Integer inputs, one column per feature: the features' integers (raw) or their
  /// fixed-point codes.
  case integers(IntMatrix)
  /// Bit inputs, one column per input bit.
  case bits(BitMatrix)
}

/// An ``InputEncoding`` fitted to a data set, ready to encode samples.
public enum FittedEncoder: Sendable {
  /// Raw integers.
  case raw(RawIntegerEncoder)
  /// Thermometer bits.
  case thermometer(ThermometerEncoder)
  /// Fixed-point codes.
  case fixedPoint(FixedPointEncoder)

  /// Fits `encoding` to `dataset` (thresholds and scales from its training samples).
  public init(_ encoding: InputEncoding, fittedOn dataset: Dataset) throws {
    switch encoding {
    case .raw:
      self = .raw(RawIntegerEncoder(covering: [dataset.train.inputs, dataset.test.inputs]))
    case .thermometer(let count, let placement):
      self = .thermometer(
        try ThermometerEncoder(
          fittedOn: dataset.train.inputs, features: dataset.features,
          thresholdsPerFeature: count, placement: placement))
    case .fixedPoint(let scaling):
      self = .fixedPoint(
        try FixedPointEncoder(
          fittedOn: dataset.train.inputs, features: dataset.features, scaling: scaling))
    }
  }

  /// The number of input bits one encoded sample occupies.
  public var inputBitCount: Int {
    switch self {
    case .raw(let encoder): return encoder.inputBitCount
    case .thermometer(let encoder): return encoder.inputBitCount
    case .fixedPoint(let encoder): return encoder.inputBitCount
    }
  }

  /// Encodes samples (rows of the data set's feature matrix).
  public func encode(_ inputs: IntMatrix) -> EncodedInputs {
    switch self {
    case .raw(let encoder): return .integers(encoder.encode(inputs))
    case .thermometer(let encoder): return .bits(encoder.encode(inputs))
    case .fixedPoint(let encoder): return .integers(encoder.encode(inputs))
    }
  }
}
