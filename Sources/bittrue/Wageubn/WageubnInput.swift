import BitTrue

/// Reads the decimals of `wageubn quantize` onto one exact dyadic grid.
enum WageubnInput {
  /// The largest fraction or integer bit count a value may need (about 19,000 digits).
  static let bitLimit = 1 << 16

  /// The decimals on standard input as one tensor with `F` fraction bits, `F` = 8 per
  /// fraction digit + 2k + 16: a decimal with d fraction digits that is not a rounding tie of
  /// a grid with p fraction bits lies at least 2^−(3.33d + p) from every tie, and the grids
  /// of the quantizers have p ≤ 2k + 4d + 4 fraction bits, so the 2^−F grid preserves every
  /// deterministic rounding decision.
  static func read(bits k: Int) throws -> FixedArray {
    let input = try InputLines(path: nil)
    var decimals: [DecimalNumber] = []
    var fractionDigits = 0
    var integerBits = 1
    for (i, line) in input.lines.enumerated() {
      let d = try input.decimal(line, at: i)
      let digits = d.significand.description.count
      fractionDigits = max(fractionDigits, -d.exponent)
      integerBits = max(integerBits, 4 * (digits + max(0, d.exponent)) + 2)
      if 8 * fractionDigits > bitLimit || integerBits > bitLimit {
        throw input.error(at: i, "too many digits (at most \(bitLimit / 8))")
      }
      decimals.append(d)
    }
    let f = 8 * fractionDigits + 2 * k + 16
    let format = FixedFormat(signed: true, width: f + integerBits, fractionBits: f)
    var events = QuantizationEvents()
    let codes = decimals.map {
      $0.code(in: format, rounding: .rndConv, overflow: .wrap, events: &events)
    }
    return FixedArray(codes: codes, format: format)
  }
}
