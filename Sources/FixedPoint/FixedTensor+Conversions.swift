extension FixedTensor {
  /// The doubles `values` (row-major, one per element of `shape`), each rounded once into
  /// `format` exactly as ``Fixed/init(_:format:rounding:overflow:random:index:events:)``
  /// does; element `i` of a stochastic rounding uses word `firstIndex + i` of `random`.
  /// - Throws: ``FixedPointError/notFinite(_:)`` for the first NaN or infinity.
  public init(
    shape: [Int], values: [Double], format: FixedFormat, rounding: RoundingMode = .trn,
    overflow: OverflowMode = .wrap, random: CounterRNG? = nil, firstIndex: UInt64 = 0,
    events: inout QuantizationEvents
  ) throws(FixedPointError) {
    var codes: [BigInt] = []
    codes.reserveCapacity(values.count)
    for (i, value) in values.enumerated() {
      let x = try Fixed(
        value, format: format, rounding: rounding, overflow: overflow, random: random,
        index: firstIndex &+ UInt64(i), events: &events)
      codes.append(x.code)
    }
    self.init(shape: shape, array: FixedArray(trustedCodes: codes, format: format))
  }

  /// Every element as the nearest `Double` (ties to even; ``Fixed/doubleValue``), row-major.
  public var doubleValues: [Double] {
    let f = format.fractionBits
    if let codes = int64Codes, abs(f) <= 900 {
      // Codes of at most 53 bits convert exactly, and scaling by 2^−F is exact in this range.
      let scale = Double(sign: .plus, exponent: -f, significand: 1)
      let exact = Int64(1) << 53
      if codes.allSatisfy({ $0 > -exact && $0 < exact }) { return codes.map { Double($0) * scale } }
    }
    return array.map(\.doubleValue)
  }
}
