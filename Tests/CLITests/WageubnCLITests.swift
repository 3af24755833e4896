import Foundation
import Testing
import _TestSupport

/// End-to-end tests of `bittrue wageubn quantize` (build the CLI first: `swift build`).
@Suite struct WageubnCLITests {
  func run(_ arguments: [String], stdin: String) throws -> CLI.Result {
    try CLI.run(["wageubn", "quantize"] + arguments, stdin: stdin)
  }

  let pypi = "0.00390625\n0.01171875\n0.01953125\n-0.00390625\n-0.01171875\n0.3\n-0.9\n1.7\n"
  let errors = "0.3\n-0.02\n0.0049\n1.2\n-0.75\n0.00011\n-1.37\n"

  /// Codes of the spec's §4 vectors times the unit, as the CLI prints them.
  func decimals(_ codes: [Int], unit: Double) -> String {
    codes.map { c -> String in
      let v = Double(c) * unit
      var s = v == v.rounded() ? String(Int(v)) : String(v)
      if s == "-0" { s = "0" }
      return s
    }.joined(separator: "\n") + "\n"
  }

  @Test func directAndShiftVectors() throws {
    let direct = try run(["--quantizer", "direct", "--bits", "8"], stdin: pypi)
    #expect(direct.status == 0)
    #expect(direct.stdout == decimals([0, 2, 2, 0, -2, 38, -115, 218], unit: 1.0 / 128))
    #expect(direct.stderr == "exponent -7, 8 rounded, 0 clipped\n")
    let hardware = try run(
      ["--quantizer", "direct", "--bits", "8", "--profile", "hardware"], stdin: pypi)
    #expect(hardware.stdout == decimals([0, 2, 2, 0, -2, 38, -115, 127], unit: 1.0 / 128))
    let shift = try run(["--quantizer", "shift", "--bits", "8"], stdin: pypi)
    #expect(shift.stdout == decimals([0, 1, 1, 0, -1, 19, -58, 109], unit: 1.0 / 64))
    #expect(shift.stderr.hasPrefix("exponent -6, R = 2^1,"))
  }

  @Test func errorVectors() throws {
    let e1 = try run(
      ["--quantizer", "e1", "--bits", "8", "--profile", "officialCode"], stdin: errors)
    #expect(e1.stdout == decimals([38, -3, 1, 128, -96, 0, -128], unit: 1.0 / 128))
    let e2 = try run(["--quantizer", "e2", "--bits", "8", "--json"], stdin: errors)
    #expect(e2.status == 0)
    #expect(e2.stdout.contains("\"exponent\" : -14"))
    let codes = ["4864", "-384", "80", "16256", "-12288", "2", "-16256"]
    #expect(e2.stdout.contains(codes.map { "\"\($0)\"" }.joined(separator: ",\n    ")))
  }

  /// The same seed gives the same lines; the codes are the admissible ones of spec §4.
  @Test func constantIsSeeded() throws {
    let input = "3e-3\n-1e-3\n2.5e-4\n-4.9e-3\n0\n"
    let a = try run(["--quantizer", "const", "--bits", "8", "--seed", "7"], stdin: input)
    let b = try run(["--quantizer", "const", "--bits", "8", "--seed", "7"], stdin: input)
    #expect(a.status == 0 && a.stdout == b.stdout)
    let lines = a.stdout.split(separator: "\n").map { Double($0)! * 16384 }
    #expect(lines.count == 5)
    #expect([98.0, 99].contains(lines[0]) && [-32.0, -33].contains(lines[1]))
    #expect([8.0, 9].contains(lines[2]) && lines[3] == -127 && lines[4] == 0)
  }

  @Test func badInputIsOneLine() throws {
    let r = try run(["--quantizer", "shift", "--bits", "8"], stdin: "0.5\nabc\n")
    #expect(r.status != 0 && r.stdout.isEmpty)
    #expect(r.stderr.hasPrefix("Error: <stdin>:2: ") || r.stderr.contains("<stdin>:2:"))
    #expect(r.stderr.split(separator: "\n").count == 1)
    let bits = try run(["--quantizer", "shift", "--bits", "99"], stdin: "1\n")
    #expect(bits.status != 0 && bits.stderr.contains("--bits must be 2 to 32"))
  }

  @Test func helpHasExamples() throws {
    let r = try CLI.run(["wageubn", "quantize", "--help"])
    #expect(r.status == 0 && r.stdout.contains("Examples:") && r.stdout.contains("--quantizer"))
  }
}
