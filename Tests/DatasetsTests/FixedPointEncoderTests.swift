import Datasets
import FixedPoint
import Testing
import _TestSupport

/// The fixed-point scaling encoder against FixedPoint's exact decimal conversion: each
/// reference code comes from the decimal text of the (scaled) feature value, rounded by
/// `DecimalNumber`, independently of the encoder's array path and of its binary-point trick.
@Suite struct FixedPointEncoderTests {
  /// The exact decimal text of `m · 10^−places / 2^exponent` (`5^e / 10^e` for `e > 0`).
  static func scaledText(_ m: Int32, places: Int, exponent e: Int) -> String {
    if e > 0 { return "\(BigInt(Int(m)) * BigInt.power(5, e))e-\(places + e)" }
    return "\(BigInt(Int(m)) << -e)e-\(places)"
  }

  /// Whether `magnitude · 10^−places < 2^e`, by integer arithmetic on both sides.
  static func isBelow(_ magnitude: UInt32, places: Int, _ e: Int) -> Bool {
    let left = BigInt(Int64(magnitude)) << max(0, -e)
    let right = BigInt.power(10, places) << max(0, e)
    return left < right
  }

  /// Random matrices (columns with 0–3 decimal places, a one-hot column, an all-zero one, test
  /// values beyond the training range), random formats, every deterministic rounding and
  /// every overflow mode.
  @Test(arguments: FixedPointScaling.FeatureScale.allCases)
  func matchesTheDecimalReference(scale: FixedPointScaling.FeatureScale) throws {
    let seed: UInt64 = scale == .none ? 0xF1_0000 : 0xF1_0001
    var rng = SeededRandom(seed: seed)
    for trial in 0..<8 {
      let places = [0, 1, 2, 3, 0, 0]
      let spans: [ClosedRange<Int32>] = [
        -300...300, 0...99, -5...5, -100_000...2_000, 0...1, 0...0,
      ]
      let features = places.enumerated().map { c, d in
        c == 4
          ? FeatureColumn(name: "c4=x", kind: .oneHot(column: "c4", category: "x"))
          : FeatureColumn(name: "c\(c)", kind: .numeric(decimalPlaces: d))
      }
      func matrix(_ rows: Int, widen: Int32) -> IntMatrix {
        let values = (0..<rows).flatMap { _ in
          spans.enumerated().map { c, s -> Int32 in
            c >= 4
              ? Int32.random(in: s, using: &rng)
              : Int32.random(in: s.lowerBound * widen...s.upperBound * widen, using: &rng)
          }
        }
        return IntMatrix(rows: rows, columns: spans.count, values: values)
      }
      let train = matrix(9, widen: 1)
      let test = matrix(7, widen: 3)
      let signed = rng.next() % 3 != 0
      let width = 1 + Int(rng.next() % (signed ? 16 : 15))
      let format = FixedFormat(signed: signed, width: width, fractionBits: Int(rng.next() % 14) - 3)
      for rounding in RoundingMode.deterministic {
        for overflow in OverflowMode.allCases where overflow != .wrapSM || signed {
          let scaling = FixedPointScaling(
            format: format, rounding: rounding, overflow: overflow, featureScale: scale)
          let encoder = try FixedPointEncoder(fittedOn: train, features: features, scaling: scaling)
          let context = "seed \(seed) trial \(trial) \(format) \(rounding) \(overflow)"
          checkExponents(encoder, train, scale, context)
          for (name, inputs) in [("train", train), ("test", test)] {
            var events = QuantizationEvents()
            let codes = encoder.encode(inputs, events: &events)
            var expected = QuantizationEvents()
            for r in 0..<inputs.rows {
              for c in 0..<inputs.columns {
                let text = Self.scaledText(
                  inputs[r, c], places: places[c], exponent: encoder.scaleExponents[c])
                let want = try DecimalNumber(parsing: text).code(
                  in: format, rounding: rounding, overflow: overflow, events: &expected)
                if BigInt(Int(codes[r, c])) != want {
                  Issue.record(
                    "\(context) \(name) [\(r), \(c)] \(text): \(codes[r, c]) want \(want)")
                  return
                }
              }
            }
            #expect(events == expected, "\(context) \(name) events")
          }
        }
      }
    }
  }

  /// Exponents by their definition: 0 without scaling or for an all-zero feature, else the
  /// smallest `e` with `max |x| < 2^e` over the training rows.
  func checkExponents(
    _ encoder: FixedPointEncoder, _ train: IntMatrix, _ scale: FixedPointScaling.FeatureScale,
    _ context: String
  ) {
    for c in 0..<train.columns {
      let e = encoder.scaleExponents[c]
      let largest = train.column(c).map(\.magnitude).max()!
      if scale == .none || largest == 0 {
        #expect(e == 0, "\(context) column \(c) exponent")
      } else {
        let places = encoder.decimalPlaces[c]
        #expect(
          Self.isBelow(largest, places: places, e) && !Self.isBelow(largest, places: places, e - 1),
          "\(context) column \(c) exponent \(e)")
      }
    }
  }

  @Test func invalidScalingsHavePinnedMessages() {
    let m = IntMatrix(rows: 1, columns: 1, values: [3])
    let features = [FeatureColumn(name: "x", kind: .numeric(decimalPlaces: 0))]
    let cases: [(FixedPointScaling, String)] = [
      (
        FixedPointScaling(format: FixedFormat(signed: false, width: 32, fractionBits: 0)),
        "fixed-point input format ufix32_En0 is too wide: codes must fit 32 bits "
          + "(signed width at most 32, unsigned at most 31)"
      ),
      (
        FixedPointScaling(
          format: FixedFormat(signed: true, width: 8, fractionBits: 4), rounding: .stochastic),
        "STOCHASTIC rounding is not offered for input encoding"
      ),
      (
        FixedPointScaling(
          format: FixedFormat(signed: false, width: 8, fractionBits: 4), overflow: .wrapSM),
        "overflow mode WRAP_SM needs a signed format, not ufix8_En4"
      ),
    ]
    for (scaling, message) in cases {
      #expect(throws: DatasetError.invalidParameter(message)) {
        try FixedPointEncoder(fittedOn: m, features: features, scaling: scaling)
      }
    }
    #expect(throws: Never.self) {
      try FixedPointEncoder(
        fittedOn: m, features: features,
        scaling: FixedPointScaling(format: FixedFormat(signed: true, width: 32, fractionBits: 0)))
    }
  }

  @Test func fittedEncoderOnACSV() throws {
    let dir = TempFolder()
    let rows = (0..<20).map { "\(Double($0) * 0.25),\($0 % 2)" }.joined(separator: "\n")
    let path = try dir.write("quarters.csv", "x,label\n" + rows + "\n")
    let data = try DatasetLoader.load(DatasetRequest(source: path, dataDirectory: "."))
    let scaling = FixedPointScaling(
      format: FixedFormat(signed: false, width: 6, fractionBits: 2), featureScale: .powerOfTwo)
    let fitted = try FittedEncoder(.fixedPoint(scaling), fittedOn: data)
    #expect(fitted.inputBitCount == 6)
    guard case .fixedPoint(let encoder) = fitted,
      case .integers(let codes) = fitted.encode(
        data.test.inputs)
    else {
      Issue.record("a fixed-point encoder encodes integers")
      return
    }
    // The training maximum is 4.75 (stored as 475 at two places): 4 ≤ 4.75 < 8 = 2^3.
    #expect(data.train.inputs.values.max() == 475)
    #expect(encoder.scaleExponents == [3])
    // x / 8 in ufix6_En2: code = round_conv(x / 2), e.g. 0.75 → 0, 1.25 → 1, 4.5 → 2.
    let expected = data.test.inputs.values.map { m -> Int32 in
      let quarters = m / 25  // x = quarters / 4; code = x / 8 · 4 = quarters / 8
      let floor = quarters / 8
      let rest = quarters % 8
      return floor + (rest > 4 || (rest == 4 && floor % 2 == 1) ? 1 : 0)
    }
    #expect(codes.values == expected)
    #expect(codes == encoder.encode(data.test.inputs))
  }
}
