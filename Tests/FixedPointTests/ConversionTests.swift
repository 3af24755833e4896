import FixedPoint
import Testing
import _TestSupport

@Suite struct ConversionTests {
  let f = FixedFormat(signed: true, width: 16, fractionBits: 8)

  @Test func exactDecimals() throws {
    #expect(try Fixed(exactly: "-12.375", format: f).code == -3168)
    #expect(throws: FixedPointError.self) { try Fixed(exactly: "1e-2", format: f) }
    #expect(try Fixed(exactly: "25e-2", format: f).code == 64)
    #expect(try Fixed(exactly: ".5", format: f).description == "0.5")
    #expect(try Fixed(exactly: "2.", format: f).description == "2")
    #expect(try Fixed(exactly: "+7.5E1", format: f).description == "75")
    #expect(try Fixed(exactly: "0.00390625", format: f).code == 1)
    #expect(try Fixed(exactly: "-128", format: f).code == -32768)
    #expect(try Fixed(exactly: "-0", format: f).description == "0")
  }

  @Test func exactnessErrorsArePinned() {
    #expect(throws: FixedPointError.notExactlyRepresentable("0.1", f)) {
      try Fixed(exactly: "0.1", format: f)
    }
    #expect(
      FixedPointError.notExactlyRepresentable("0.1", f).description
        == "0.1 is not exactly representable in sfix16_En8 (resolution 0.00390625)")
    #expect(throws: FixedPointError.outOfRange("128", f)) { try Fixed(exactly: "128", format: f) }
    #expect(
      FixedPointError.outOfRange("128", f).description
        == "128 is outside the range of sfix16_En8 [-128, 127.99609375]")
    for bad in ["", "-", ".", "1..2", "1e", "e5", "0x10", "1,5", "nan", "inf", " 1", "1e+"] {
      #expect(throws: FixedPointError.malformedDecimal(bad)) { try Fixed(exactly: bad, format: f) }
    }
    #expect(FixedPointError.malformedDecimal("abc").description == "'abc' is not a decimal number")
    #expect(throws: FixedPointError.decimalExponentTooLarge("1e9999999")) {
      try Fixed("1e9999999", format: f)
    }
  }

  /// A decimal is an exact rational rounded once: no double rounding through binary.
  @Test func roundsOnce() throws {
    let g = FixedFormat(signed: true, width: 8, fractionBits: 1)
    // 0.25000000000000000001 is just above the tie 0.25 between 0 and 0.5.
    #expect(try Fixed("0.25000000000000000001", format: g, rounding: .rndConv).description == "0.5")
    #expect(try Fixed("0.25", format: g, rounding: .rndConv).description == "0")
    #expect(try Fixed("0.75", format: g, rounding: .rndConv).description == "1")
    #expect(try Fixed("-0.25", format: g, rounding: .rnd).description == "0")
    #expect(try Fixed("-0.25", format: g, rounding: .rndInf).description == "-0.5")
    #expect(try Fixed("1000", format: g, rounding: .trn, overflow: .sat).description == "63.5")
    #expect(try Fixed("0.3333", format: g, rounding: .rnd).code == 1)
    #expect(try Fixed("0.3333", format: g, rounding: .trn).code == 0)
  }

  @Test func printsExactDecimalHexAndBinary() throws {
    let x = Fixed(code: -3, format: FixedFormat(signed: true, width: 6, fractionBits: 3))
    #expect(x.description == "-0.375")
    #expect(x.hexBits == "0x3d")
    #expect(x.binaryBits == "0b111101")
    let wide = Fixed(
      code: BigInt.powerOfTwo(100) + 1,
      format: FixedFormat(signed: false, width: 101, fractionBits: 100))
    #expect(
      wide.description == "1."
        + "0000000000000000000000000000007888609052210118054117285652827862296732064351090230047702789306640625"
    )
    #expect(wide.hexBits == "0x10000000000000000000000001")
    let tiny = Fixed(code: 1, format: FixedFormat(signed: true, width: 2, fractionBits: 30))
    #expect(tiny.description == "0.000000000931322574615478515625")
    let coarse = Fixed(code: -5, format: FixedFormat(signed: true, width: 4, fractionBits: -3))
    #expect(coarse.description == "-40")
  }

  /// Random doubles convert exactly into a format that holds them and back unchanged; the
  /// nearest double of random wide values matches Swift's correctly rounded string parser.
  @Test func doubles() throws {
    var rng = SeededRandom(seed: 31)
    let wide = FixedFormat(signed: true, width: 2300, fractionBits: 1150)
    for _ in 0..<2000 {
      let d = Double(bitPattern: rng.next())
      guard d.isFinite else { continue }
      let x = try Fixed(d, format: wide)
      #expect(x.doubleValue == d, "double \(d)")
    }
    for _ in 0..<500 {
      let format = FixedFormat(signed: true, width: 90, fractionBits: Int(rng.next() % 1300) - 200)
      let code = TestValues.randomCode(format, &rng)
      let x = Fixed(code: code, format: format)
      #expect(x.doubleValue == Double(x.description)!, "code \(code.hex) in \(format)")
    }
    #expect(throws: FixedPointError.notFinite(.infinity)) {
      try Fixed(Double.infinity, format: wide)
    }
    #expect(try Fixed(0.1, format: f, rounding: .rndConv).code == 26)  // 25.6000000000000014…
    #expect(
      try Fixed(
        -2.5, format: FixedFormat(signed: true, width: 8, fractionBits: 0), rounding: .rndConv
      ).code == -2)
  }

  @Test func valueEqualityAcrossFormats() throws {
    let a = try Fixed(exactly: "0.5", format: FixedFormat(signed: false, width: 1, fractionBits: 1))
    let b = try Fixed(exactly: "0.5", format: f)
    #expect(a == b)
    #expect(a.hashValue == b.hashValue)
    #expect(!a.isIdentical(to: b))
    #expect(try Fixed(exactly: "-1", format: f) < a)
  }

  @Test func shifts() throws {
    let g = FixedFormat(signed: true, width: 8, fractionBits: 2)
    let x = try Fixed(exactly: "-5.25", format: g)  // code −21 = 0b1110_1011
    #expect((x << 2).code == -84)
    #expect((x << 3).code == 88)  // 0b0101_1000: bits shifted out are lost
    #expect((x >> 2).code == -6)  // ⌊−21 / 4⌋
    #expect(x.scaled(byPowerOfTwo: 5).description == "-168")
    #expect(x.scaled(byPowerOfTwo: -3).description == "-0.65625")
  }
}
