import FixedPoint

/// How the fixed-point scaling encoder treats each feature: the code format, the rounding and
/// overflow modes, and whether features are first scaled by a power of two.
public struct FixedPointScaling: Equatable, Sendable {
  /// Where each feature's scale comes from.
  public enum FeatureScale: String, CaseIterable, Sendable {
    /// Every feature keeps its own value.
    case none
    /// Feature `f` is divided by `2^e_f`, the smallest power of two strictly above the largest
    /// magnitude of the feature in the training split (`e_f = 0` for a feature that is 0 on
    /// every training sample), so every training value lies in (−1, 1). Dividing by a power
    /// of two moves the binary point: encoding `x / 2^e_f` in `sfixW_EnF` gives exactly the
    /// codes of encoding `x` in `sfixW_En(F − e_f)`, a shift in hardware.
    case powerOfTwo = "power-of-two"
  }

  /// The format every feature is encoded in (codes must fit 32 bits).
  public var format: FixedFormat
  /// How values between two codes are rounded (not ``RoundingMode/stochastic``).
  public var rounding: RoundingMode
  /// What happens to values outside the format's range.
  public var overflow: OverflowMode
  /// Whether features are scaled first.
  public var featureScale: FeatureScale

  /// A scaling into `format`, by default rounding half to even and saturating.
  public init(
    format: FixedFormat, rounding: RoundingMode = .rndConv, overflow: OverflowMode = .sat,
    featureScale: FeatureScale = .none
  ) {
    self.format = format
    self.rounding = rounding
    self.overflow = overflow
    self.featureScale = featureScale
  }

  /// Throws when the scaling cannot encode inputs: codes wider than 32 bits, `WRAP_SM` with an
  /// unsigned format, or stochastic rounding (inputs are encoded deterministically).
  public func validate() throws(DatasetError) {
    guard format.width + (format.isSigned ? 0 : 1) <= 32 else {
      throw .invalidParameter(
        "fixed-point input format \(format) is too wide: codes must fit 32 bits "
          + "(signed width at most 32, unsigned at most 31)")
    }
    guard rounding != .stochastic else {
      throw .invalidParameter("STOCHASTIC rounding is not offered for input encoding")
    }
    do {
      try format.validate(overflow: overflow)
    } catch {
      throw .invalidParameter(error.description)
    }
  }
}

/// Encodes each feature as a fixed-point code: the feature's exact value
/// `m · 10^−decimalPlaces` (optionally divided by a power of two fitted on the training split)
/// rounded once into the scaling's format with its rounding and overflow modes, exactly as
/// FixedPoint rounds the decimal text of the value (`Fixed("5.1", format: …)`).
///
/// The encoded inputs are the integer codes, one column per feature, each
/// ``FixedPointScaling/format``'s width wide; one-hot features (0/1) are encoded like numeric
/// ones. ``encode(_:events:)`` reports how many values overflowed (saturated or wrapped) and
/// how many were rounded.
public struct FixedPointEncoder: Equatable, Sendable {
  /// The format and modes.
  public let scaling: FixedPointScaling
  /// Each feature's scale exponent `e_f` (all 0 without feature scaling).
  public let scaleExponents: [Int]
  /// Each feature's decimal places (its integers mean `m · 10^−decimalPlaces`).
  public let decimalPlaces: [Int]

  /// Fits the encoder on the rows of `training` (scale exponents from them alone); `features`
  /// describes the columns.
  /// - Throws: ``DatasetError/invalidParameter(_:)`` when the scaling is invalid (see
  ///   ``FixedPointScaling/validate()``).
  public init(fittedOn training: IntMatrix, features: [FeatureColumn], scaling: FixedPointScaling)
    throws(DatasetError)
  {
    try scaling.validate()
    precondition(features.count == training.columns, "one description per column")
    self.scaling = scaling
    decimalPlaces = features.map(\.decimalPlaces)
    switch scaling.featureScale {
    case .none:
      scaleExponents = [Int](repeating: 0, count: training.columns)
    case .powerOfTwo:
      var largest = [UInt32](repeating: 0, count: training.columns)
      for r in 0..<training.rows {
        for (c, value) in training.row(r).enumerated() {
          largest[c] = max(largest[c], value.magnitude)
        }
      }
      scaleExponents = (0..<training.columns).map { c in
        Self.exponent(aboveMagnitude: largest[c], decimalPlaces: features[c].decimalPlaces)
      }
    }
  }

  /// The smallest `e` with `magnitude · 10^−decimalPlaces < 2^e`; 0 for a zero magnitude.
  static func exponent(aboveMagnitude magnitude: UInt32, decimalPlaces: Int) -> Int {
    if magnitude == 0 { return 0 }
    let m = BigInt(Int64(magnitude))
    let power = BigInt.power(10, decimalPlaces)
    func isBelow(_ e: Int) -> Bool { e >= 0 ? m < power << e : m << -e < power }
    // 2^e · 10^d < 2^(bitLength(m) − 1) ≤ m here, so the search starts below the answer.
    var e = m.bitLength - power.bitLength - 1
    while !isBelow(e) { e += 1 }
    return e
  }

  /// Number of features the encoder was fitted on.
  public var featureCount: Int { scaleExponents.count }

  /// Input bits per sample: the format's width for every feature.
  public var inputBitCount: Int { featureCount * scaling.format.width }

  /// The format whose codes feature `f`'s unscaled values get: the scaling's format with the
  /// binary point moved by `e_f`.
  package func codeFormat(ofFeature f: Int) -> FixedFormat {
    let format = scaling.format
    return FixedFormat(
      signed: format.isSigned, width: format.width,
      fractionBits: format.fractionBits - scaleExponents[f])
  }

  /// The codes of `inputs` (same feature count as the training matrix).
  public func encode(_ inputs: IntMatrix) -> IntMatrix {
    var events = QuantizationEvents()
    return encode(inputs, events: &events)
  }

  /// The codes of `inputs`, adding what rounding and overflow did to `events`.
  public func encode(_ inputs: IntMatrix, events: inout QuantizationEvents) -> IntMatrix {
    precondition(inputs.columns == featureCount, "feature count differs from the fitted one")
    let columns = inputs.columns
    let integers = FixedFormat(signed: true, width: 32, fractionBits: 0)
    let values = inputs.values
    var codes = [Int32](repeating: 0, count: values.count)
    for f in 0..<columns {
      let column = FixedArray(
        codes: (0..<inputs.rows).map { Int64(values[$0 * columns + f]) }, format: integers)
      let encoded = encode(column, feature: f, &events).int64Codes!
      for r in 0..<inputs.rows { codes[r * columns + f] = Int32(truncatingIfNeeded: encoded[r]) }
    }
    return IntMatrix(rows: inputs.rows, columns: columns, values: codes)
  }

  /// One feature's integers (`m`, read as `sfix32_En0`) as codes of ``codeFormat(ofFeature:)``.
  private func encode(_ column: FixedArray, feature f: Int, _ events: inout QuantizationEvents)
    -> FixedArray
  {
    let target = codeFormat(ofFeature: f)
    let places = decimalPlaces[f]
    if places == 0 {
      return column.quantized(
        to: target, rounding: scaling.rounding, overflow: scaling.overflow, events: &events)
    }
    // m / 10^d, rounded once (the divisor is never zero).
    let power = BigInt.power(10, places)
    let divisor = FixedArray(
      repeating: Fixed(
        code: power, format: FixedFormat(signed: false, width: power.bitLength, fractionBits: 0)),
      count: column.count)
    return try! column.divided(
      by: divisor, to: target, rounding: scaling.rounding, overflow: scaling.overflow,
      events: &events)
  }
}
