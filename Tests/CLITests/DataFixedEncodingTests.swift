import Datasets
import Foundation
import Testing
import _TestSupport

/// `bittrue data info … --encoding fixed`: the fixed-point scaling encoder on the bundled
/// digits (pixel values 0 … 16), with the expected codes and events worked out here in plain
/// integer arithmetic from the loaded split.
@Suite struct DataFixedEncodingTests {
  static func run(_ arguments: [String]) throws -> CLI.Result {
    try CLI.run(arguments, environment: ["BITTRUE_DATA": ""], currentDirectory: Paths.packageRoot)
  }

  /// The digits split the CLI uses (default split seed).
  static func digits() throws -> Dataset {
    try DatasetLoader.load(
      DatasetRequest(source: "digits", dataDirectory: Paths.bundledData.path))
  }

  /// `v / 2^k` rounded half to even (`k ≥ 0`, `v ≥ 0`).
  static func roundHalfEven(_ v: Int, shiftedRightBy k: Int) -> Int {
    if k == 0 { return v }
    let floor = v >> k
    let rest = v & ((1 << k) - 1)
    let half = 1 << (k - 1)
    return floor + (rest > half || (rest == half && floor % 2 == 1) ? 1 : 0)
  }

  /// `ufix8_En4`: value 16 needs code 256 and saturates to 255; 0 … 15 are exact.
  @Test func textReportCountsSaturatedValues() throws {
    let r = try Self.run(["data", "info", "digits", "--encoding", "fixed", "--format", "ufix8_En4"])
    #expect(r.status == 0, "\(r.stderr)")
    let data = try Self.digits()
    let trainSixteens = data.train.inputs.values.filter { $0 == 16 }.count
    let testSixteens = data.test.inputs.values.filter { $0 == 16 }.count
    #expect(trainSixteens > 0 && testSixteens > 0)
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains("encoding: fixed-point ufix8_En4, RND_CONV, SAT"))
    #expect(lines.contains("input bits: 512"))
    #expect(
      lines.contains(
        "train quantization: 91968 values, \(trainSixteens) overflowed, 0 rounded, max 9 bits"))
    #expect(
      lines.contains(
        "test quantization: 23040 values, \(testSixteens) overflowed, 0 rounded, max 9 bits"))
  }

  /// Power-of-two feature scaling into `ufix8_En4`: feature `f` with training maximum `M > 0`
  /// gets `e = bitLength(M)` and code `round_half_even(v · 2^(4 − e))`; nothing overflows.
  @Test func powerOfTwoScalingJSON() throws {
    let r = try Self.run([
      "data", "info", "digits", "--encoding", "fixed", "--format", "ufix<8,4>", "--feature-scale",
      "power-of-two", "--round", "rnd_conv", "--json",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let data = try Self.digits()
    let columns = data.train.inputs.columns
    let exponents = (0..<columns).map { c in
      let largest = data.train.inputs.column(c).max()!
      return largest == 0 ? 0 : 32 - largest.leadingZeroBitCount
    }
    func events(_ m: IntMatrix) -> [String: Int] {
      var rounded = 0
      var widest = 1
      for r in 0..<m.rows {
        for c in 0..<columns {
          let v = Int(m[r, c])
          let e = exponents[c]
          let code = e <= 4 ? v << (4 - e) : Self.roundHalfEven(v, shiftedRightBy: e - 4)
          if e > 4 && v & ((1 << (e - 4)) - 1) != 0 { rounded += 1 }
          widest = max(widest, code == 0 ? 1 : Int.bitWidth - code.leadingZeroBitCount)
        }
      }
      return ["count": m.values.count, "overflowed": 0, "rounded": rounded, "maxBitLength": widest]
    }
    let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    let encoding = object?["encoding"] as? [String: Any]
    #expect(encoding?["kind"] as? String == "fixed" && encoding?["inputBits"] as? Int == 512)
    let fixed = encoding?["fixedPoint"] as? [String: Any]
    #expect(fixed?["format"] as? String == "ufix8_En4")
    #expect(fixed?["rounding"] as? String == "RND_CONV" && fixed?["overflow"] as? String == "SAT")
    #expect(fixed?["featureScale"] as? String == "power-of-two")
    #expect(fixed?["scaleExponents"] as? [Int] == exponents)
    #expect(fixed?["train"] as? [String: Int] == events(data.train.inputs))
    #expect(fixed?["test"] as? [String: Int] == events(data.test.inputs))
  }

  @Test func errorsGiveOneLineAndANonZeroExit() throws {
    let usage: [([String], String)] = [
      (
        ["data", "info", "digits", "--format", "ufix8_En4"],
        "Error: --format, --round, --overflow and --feature-scale need --encoding fixed"
      ),
      (
        ["data", "info", "digits", "--encoding", "fixed"],
        "Error: --encoding fixed needs --format (e.g. --format ufix8_En4)"
      ),
    ]
    for (arguments, first) in usage {
      let r = try Self.run(arguments)
      #expect(r.status == 64, "\(arguments)")
      #expect(r.stderr.split(separator: "\n").first.map(String.init) == first)
      #expect(r.stdout == "")
    }
    let failures: [([String], String)] = [
      (
        ["--format", "ufix40_En0"],
        "Error: fixed-point input format ufix40_En0 is too wide: codes must fit 32 bits "
          + "(signed width at most 32, unsigned at most 31)\n"
      ),
      (
        ["--format", "sfix8_En4", "--round", "STOCHASTIC"],
        "Error: STOCHASTIC rounding is not offered for input encoding\n"
      ),
      (
        ["--format", "ufix8_En4", "--overflow", "WRAP_SM"],
        "Error: overflow mode WRAP_SM needs a signed format, not ufix8_En4\n"
      ),
    ]
    for (options, message) in failures {
      let r = try Self.run(["data", "info", "digits", "--encoding", "fixed"] + options)
      #expect(r.status == 1, "\(options)")
      #expect(r.stderr == message)
      #expect(r.stdout == "")
    }
    let malformed = try Self.run([
      "data", "info", "digits", "--encoding", "fixed", "--format", "u8.4",
    ])
    #expect(malformed.status == 64)
    #expect(malformed.stderr.contains("malformed fixed-point format 'u8.4'"))
  }

  /// `data export` writes the codes, with the feature names as the header.
  @Test func exportWritesCodes() throws {
    let dir = Paths.temporaryDirectory("bittrue-fixed-export")
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try Self.run([
      "data", "export", "digits", "--encoding", "fixed", "--format", "sfix6_En1", "--overflow",
      "WRAP", "--out", dir.path,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let test = try String(contentsOf: dir.appendingPathComponent("test.csv"), encoding: .utf8)
    let rows = test.split(separator: "\n").dropFirst().map { $0.split(separator: ",") }
    let data = try Self.digits()
    // v · 2 in 6-bit two's complement: 0 … 31 stay, 32 (v = 16) wraps to −32.
    let expected = (0..<data.test.count).map { r in
      data.test.inputs.row(r).map { v in v == 16 ? "-32" : String(v * 2) }
        + [String(data.test.labels[r])]
    }
    #expect(rows.map { $0.map(String.init) } == expected)
  }
}
