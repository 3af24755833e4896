import FixedPoint
import IntegerTraining
import Testing

/// The quantizer vectors of `../shared/spec/wageubn.md` §7 (items 1, 2, 3 and 6), exactly.
@Suite struct SpecVectorTests {
  /// Decimals read exactly onto a 2^−40 grid (far finer than any quantizer step here).
  func tensor(_ values: [String]) throws -> FixedArray {
    let format = FixedFormat(signed: true, width: 64, fractionBits: 40)
    var events = QuantizationEvents()
    let codes = try values.map {
      try DecimalNumber(parsing: $0).code(
        in: format, rounding: .rndConv, overflow: .wrap, events: &events)
    }
    return FixedArray(codes: codes, format: format)
  }

  func ints(_ t: QuantizedTensor) -> [Int64] { t.codes.codes.map { Int64($0.description) ?? .max } }

  let pypi = [
    "0.00390625", "0.01171875", "0.01953125", "-0.00390625", "-0.01171875", "0.3", "-0.9", "1.7",
  ]
  let errors = ["0.3", "-0.02", "0.0049", "1.2", "-0.75", "0.00011", "-1.37"]

  @Test func directTiesToEven() throws {
    let x = FixedArray(
      codes: [1, 3, 5, -1, -5] as [Int64],
      format: FixedFormat(signed: true, width: 16, fractionBits: 8))
    let q = WAGEUBNQuantizer().direct(x, bits: 8)
    #expect(ints(q) == [0, 2, 2, 0, -2])
    #expect(q.exponent == -7)
    let away = WAGEUBNQuantizer(profile: WAGEUBNProfile(rounding: .rndInf)).direct(x, bits: 8)
    #expect(ints(away) == [1, 2, 3, -1, -3])
  }

  /// §7 item 4: the learning-rate codes C(Q(lr, 10), 10) of the official schedule.
  @Test func learningRateCodes() throws {
    let lr = try tensor(["0.05", "0.006", "0.003", "0.0015", "5"])
    let q = WAGEUBNQuantizer(profile: .hardware).direct(lr, bits: 10)
    #expect(ints(q) == [26, 3, 2, 1, 511] && q.exponent == -9 && q.codes.format.width == 10)
  }

  @Test func shiftExponentRule() {
    let x = FixedArray(
      codes: [741455, -3] as [Int64], format: FixedFormat(signed: true, width: 24, fractionBits: 0))
    #expect(WAGEUBNQuantizer(profile: .paper).shiftExponent(x) == 19)
    #expect(WAGEUBNQuantizer(profile: .officialCode).shiftExponent(x) == 20)
  }

  @Test func pypiDirectAndShift() throws {
    let x = try tensor(pypi)
    let paper = WAGEUBNQuantizer(profile: .paper).direct(x, bits: 8)
    #expect(ints(paper) == [0, 2, 2, 0, -2, 38, -115, 218])
    #expect(paper.codes.format.width == 9)
    let hw = WAGEUBNQuantizer(profile: .hardware).direct(x, bits: 8)
    #expect(ints(hw) == [0, 2, 2, 0, -2, 38, -115, 127])
    #expect(hw.events.overflowed == 1)
    let sq = WAGEUBNQuantizer().shift(x, bits: 8)
    #expect(sq.shiftExponent == 1 && sq.exponent == -6)
    #expect(ints(sq) == [0, 1, 1, 0, -1, 19, -58, 109])
  }

  @Test func errorQuantizers() throws {
    let e = try tensor(errors)
    let official = WAGEUBNQuantizer(profile: .officialCode).e1(e, bits: 8)
    #expect(official.shiftExponent == 0)
    #expect(ints(official) == [38, -3, 1, 128, -96, 0, -128])
    #expect(
      ints(WAGEUBNQuantizer(profile: .paper).e1(e, bits: 8)) == [38, -3, 1, 127, -96, 0, -127])
    #expect(ints(WAGEUBNQuantizer().shift(e, bits: 8)) == [38, -3, 1, 127, -96, 0, -127])
    let e2 = WAGEUBNQuantizer().e2(e, bits: 8)
    #expect(e2.exponent == -14)
    #expect(ints(e2) == [4864, -384, 80, 16256, -12288, 2, -16256])
    #expect(e2.coarse == [true, true, false, true, true, false, true])
  }

  /// A fine code of 2^(k−1) is the coarse code 1 (flag set); a code just below stays fine.
  @Test func e2FineTopIsCoarseOne() throws {
    let e = try tensor(["1", "0.0078", "-0.0077", "0.0078125"])
    let q = WAGEUBNQuantizer().e2(e, bits: 8)
    #expect(ints(q) == [16384 - 128, 128, -126, 128])
    #expect(q.coarse == [true, true, false, true])
  }

  @Test func constantQuantizationVector() throws {
    let g = try tensor(["3e-3", "-1e-3", "2.5e-4", "-4.9e-3", "0"])
    var seen: [Set<Int64>] = Array(repeating: [], count: 5)
    var sum = 0.0
    let runs = 2000
    for step in 0..<UInt32(runs) {
      let q = WAGEUBNQuantizer().constant(
        g, bits: 8, gScaleBits: 7, key: StochasticKey(seed: 7, step: step))
      #expect(q.shiftExponent == -8 && q.exponent == -14)
      for (i, c) in ints(q).enumerated() { seen[i].insert(c) }
      sum += Double(ints(q)[0])
    }
    #expect(seen == [[98, 99], [-32, -33], [8, 9], [-127], [0]])
    // 98.304: the fraction 0.304 has standard deviation √(0.304·0.696/2000) ≈ 0.0103; 5σ.
    #expect(abs(sum / Double(runs) - 98.304) < 0.052)
  }

  @Test func zeroTensorKeepsPreviousExponent() {
    let z = FixedArray(zeros: 3, format: FixedFormat(signed: true, width: 8, fractionBits: 4))
    let q = WAGEUBNQuantizer().shift(z, bits: 8, previousExponent: -3)
    #expect(q.zeroScale && q.shiftExponent == -3 && q.exponent == -10 && ints(q) == [0, 0, 0])
    let c = WAGEUBNQuantizer().constant(z, bits: 8, gScaleBits: 7, key: StochasticKey(seed: 1))
    #expect(c.zeroScale && ints(c) == [0, 0, 0])
  }

  @Test func clipIsExact() throws {
    let x = try tensor(["0.3", "-2", "0.9999", "1"])
    let c = WAGEUBNQuantizer().clip(x, bits: 8)
    #expect(c.exponent == -40)
    #expect(
      c.values
        == (try tensor(["0.3", "-0.9921875", "0.9921875", "0.9921875"])).reinterpretedForTest(
          c.values.format))
    #expect(c.events.overflowed == 3 && c.events.rounded == 0)
  }
}

extension FixedArray {
  /// The same values in `format` (exact).
  func reinterpretedForTest(_ format: FixedFormat) -> FixedArray {
    quantized(to: format, rounding: .trn, overflow: .wrap)
  }
}
