import FixedPoint
import Testing

@Suite struct FormatTests {
  @Test(arguments: [
    ("sfix16_En8", true, 16, 8), ("ufix8_En0", false, 8, 0), ("sfix8_E2", true, 8, -2),
    ("ufix8", false, 8, 0), ("fix<16,8>", true, 16, 8), ("ufix<8,8>", false, 8, 0),
    ("fix<8,-2>", true, 8, 10), ("fix<8,12>", true, 8, -4), ("ap_fixed<18,6>", true, 18, 12),
    ("ap_ufixed<4,1>", false, 4, 3), (" fix< 16 , 8 > ", true, 16, 8),
    ("sfix1024_En1000", true, 1024, 1000),
    ("ufix3_En9", false, 3, 9),
  ])
  func parsesBothNotations(text: String, signed: Bool, width: Int, fractionBits: Int) throws {
    let f = try FixedFormat(parsing: text)
    #expect(f == FixedFormat(signed: signed, width: width, fractionBits: fractionBits))
    #expect(try FixedFormat(parsing: f.description) == f)
    #expect(try FixedFormat(parsing: f.apFixedNotation) == f)
  }

  @Test func printsBothNotations() throws {
    #expect(FixedFormat(signed: true, width: 16, fractionBits: 8).description == "sfix16_En8")
    #expect(FixedFormat(signed: false, width: 8, fractionBits: 0).description == "ufix8_En0")
    #expect(FixedFormat(signed: true, width: 8, fractionBits: -2).description == "sfix8_E2")
    #expect(FixedFormat(signed: true, width: 16, fractionBits: 8).apFixedNotation == "fix<16,8>")
    #expect(FixedFormat(signed: false, width: 8, fractionBits: 10).apFixedNotation == "ufix<8,-2>")
  }

  @Test(arguments: [
    "", "sfix", "sfix0_En2", "fix16_En8", "sfix16En8", "sfix16_En", "sfix16_En-3", "sfix16_Ex8",
    "fix<16>", "fix<16,8", "fix<,8>", "fix<16,8,2>", "ufix<a,b>", "SFIX16_En8", "sfix16_En8x",
  ])
  func rejectsMalformed(text: String) {
    #expect(throws: FixedPointError.self) { try FixedFormat(parsing: text) }
  }

  @Test func malformedMessageListsAcceptedForms() {
    let error = FixedPointError.malformedFormat("sfix16En8")
    #expect(
      error.description
        == "malformed fixed-point format 'sfix16En8'; accepted forms: sfix<W>_En<F>, ufix<W>_En<F>, "
        + "sfix<W>_E<-F>, fix<W,I>, ufix<W,I> (e.g. sfix16_En8, ufix8_En0, sfix8_E2, fix<16,8>, ufix<8,8>)"
    )
    #expect(throws: FixedPointError.malformedFormat("sfix16En8")) {
      try FixedFormat(parsing: "sfix16En8")
    }
    #expect(throws: FixedPointError.formatOutOfLimits("sfix99999999_En0")) {
      try FixedFormat(parsing: "sfix99999999_En0")
    }
    #expect(throws: FixedPointError.formatOutOfLimits("sfix0_En2")) {
      try FixedFormat(parsing: "sfix0_En2")
    }
  }

  @Test func rangesAndResolution() throws {
    let f = try FixedFormat(parsing: "sfix8_En4")
    #expect(f.minValue.description == "-8")
    #expect(f.maxValue.description == "7.9375")
    #expect(f.resolution.description == "0.0625")
    #expect(f.integerBits == 4)
    let u = try FixedFormat(parsing: "ufix4_E3")
    #expect(u.maxValue.description == "120")
    #expect(u.resolution.description == "8")
    let one = try FixedFormat(parsing: "sfix1_En0")
    #expect(one.minValue.description == "-1" && one.maxValue.description == "0")
  }

  /// Growth examples worked by hand from ap_fixed's rules.
  @Test func growthRules() throws {
    func f(_ s: String) throws -> FixedFormat { try FixedFormat(parsing: s) }
    #expect(FixedFormat.sum(try f("fix<16,8>"), try f("fix<12,4>")) == (try f("fix<17,9>")))
    #expect(FixedFormat.sum(try f("ufix<8,8>"), try f("ufix<8,8>")) == (try f("ufix<9,9>")))
    #expect(FixedFormat.sum(try f("ufix<8,8>"), try f("fix<8,8>")) == (try f("fix<10,10>")))
    #expect(FixedFormat.difference(try f("ufix<8,8>"), try f("ufix<8,8>")) == (try f("fix<9,9>")))
    #expect(FixedFormat.difference(try f("ufix<8,8>"), try f("fix<8,8>")) == (try f("fix<10,10>")))
    #expect(FixedFormat.product(try f("ufix<8,8>"), try f("fix<8,2>")) == (try f("fix<16,10>")))
    #expect(FixedFormat.sum(try f("sfix8_E2"), try f("ufix4_En6")) == (try f("sfix17_En6")))
  }

  @Test func modeNames() throws {
    #expect(try RoundingMode(parsing: "rnd_conv") == .rndConv)
    #expect(try OverflowMode(parsing: "SAT_SYM") == .satSym)
    #expect(
      FixedPointError.unknownRoundingMode("RND_UP").description
        == "unknown rounding mode 'RND_UP'; accepted: TRN, TRN_ZERO, RND, RND_ZERO, RND_MIN_INF, "
        + "RND_INF, RND_CONV, STOCHASTIC")
    #expect(
      FixedPointError.unknownOverflowMode("CLAMP").description
        == "unknown overflow mode 'CLAMP'; accepted: WRAP, SAT, SAT_ZERO, SAT_SYM, WRAP_SM")
  }
}
