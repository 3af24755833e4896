import FixedPoint
import Testing

/// `../shared/spec/wageubn.md` §7 items 1–2.
@Suite struct WAGEUBNVectorTests {
  /// Item 1: Q([0.5, 1.5, 2.5, −0.5, −2.5] / 128, 8) · 128 = [0, 2, 2, 0, −2] (RNE ties).
  /// Q(x, 8) = 2^−7 · RNE(x · 2^7) with no clipping: quantize to F = 7 in a wide format.
  @Test func directQuantizationTies() throws {
    let grid = FixedFormat(signed: true, width: 32, fractionBits: 7)
    let inputs = ["0.5", "1.5", "2.5", "-0.5", "-2.5"].map { "\($0)e0" }
    // x / 128 as exact decimals, rounded once into the grid.
    let fromDecimals = try inputs.map { text -> BigInt in
      let scaled = try Fixed(text, format: FixedFormat(signed: true, width: 16, fractionBits: 1))
      return scaled.scaled(byPowerOfTwo: -7).quantized(to: grid, rounding: .rndConv).code
    }
    #expect(fromDecimals == [0, 2, 2, 0, -2])
    // The same through the array kernel: codes 1, 3, 5, −1, −5 in units of 2^−8.
    let array = FixedArray(
      codes: [1, 3, 5, -1, -5] as [Int64],
      format: FixedFormat(signed: true, width: 16, fractionBits: 8))
    var events = QuantizationEvents()
    let q = array.quantized(to: grid, rounding: .rndConv, overflow: .wrap, events: &events)
    #expect(q.int64Codes == [0, 2, 2, 0, -2])
    #expect(events.rounded == 5 && events.overflowed == 0)
    // And from doubles (0.5/128 etc. are exact binary fractions).
    let fromDoubles = try [0.5, 1.5, 2.5, -0.5, -2.5].map {
      try Fixed($0 / 128, format: grid, rounding: .rndConv).code
    }
    #expect(fromDoubles == [0, 2, 2, 0, -2])
  }

  /// Item 2: M = 741455 → exponent 19 by the exact rule, 20 by the official float32 path.
  @Test func shiftScaleRule() {
    #expect(ShiftScale.exponent(ofMaxMagnitude: 741455) == 19)
    #expect(ShiftScale.float32ReferenceExponent(ofMaxMagnitude: 741455) == 20)
    #expect(ShiftScale.exponent(ofMaxMagnitude: 0) == nil)
    // Neighbours of the √2 boundary: 2^19.5 ≈ 741455.2.
    #expect(ShiftScale.exponent(ofMaxMagnitude: 741456) == 20)
    #expect(ShiftScale.exponent(ofMaxMagnitude: 1) == 0)
    #expect(ShiftScale.exponent(ofMaxMagnitude: 2) == 1)
    #expect(ShiftScale.exponent(ofMaxMagnitude: 3) == 2)  // log2 3 ≈ 1.58
    // A tensor: max |code| = 741455 in units 2^−10 gives R = 2^(19 − 10).
    let tensor = FixedArray(
      codes: [3, -741455, 12] as [Int64],
      format: FixedFormat(signed: true, width: 24, fractionBits: 10))
    #expect(tensor.shiftScaleExponent == 9)
  }

  /// The spec's survey: for every M < 2^20 the float32 path agrees with the exact rule except
  /// at M = 741455.
  @Test func float32PathDisagreesOnlyAt741455() {
    var disagreements: [Int] = []
    for m in 1..<(1 << 20) {
      let big = BigInt(m)
      if ShiftScale.float32ReferenceExponent(ofMaxMagnitude: big)
        != ShiftScale.exponent(ofMaxMagnitude: big)
      {
        disagreements.append(m)
      }
    }
    #expect(disagreements == [741455])
  }

  /// The exact rule against the definition round(log2 M) evaluated with exact comparisons
  /// (M² against 2^(2b+1)) for every M below 2^16 and random wide M, and the float32 path
  /// against the exact rule wherever log2 M is not within float32 error of a half.
  @Test func exactRuleMatchesDefinition() {
    for m in 1..<(1 << 16) {
      let log2 = cLog2(Double(m))
      let expected = Int(log2.rounded(.toNearestOrEven))
      // Doubles resolve log2 M to ~1e-16; the √2 boundary is never that close for M < 2^16.
      #expect(ShiftScale.exponent(ofMaxMagnitude: BigInt(m)) == expected, "M = \(m)")
    }
    // Wide M: 2^k and 2^k·3/2 land on either side of the boundary.
    for k in [70, 200, 1000] {
      #expect(ShiftScale.exponent(ofMaxMagnitude: BigInt.powerOfTwo(k)) == k)
      #expect(ShiftScale.exponent(ofMaxMagnitude: (BigInt.powerOfTwo(k) * 3) >> 1) == k + 1)
      #expect(ShiftScale.exponent(ofMaxMagnitude: (BigInt.powerOfTwo(k) * 7) >> 3) == k)
    }
  }
}

#if canImport(Glibc)
  import Glibc
#endif

/// `log2` from the C library.
private func cLog2(_ x: Double) -> Double { log2(x) }
