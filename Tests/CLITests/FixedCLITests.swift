import FixedPoint
import Foundation
import Testing
import _TestSupport

/// End-to-end tests of `bittrue fixed` (build the CLI first: `swift build`).
@Suite struct FixedCLITests {
  func run(_ arguments: [String], stdin: String = "") throws -> CLI.Result {
    try CLI.run(["fixed"] + arguments, stdin: stdin)
  }

  @Test func info() throws {
    let r = try run(["info", "sfix16_En8"])
    #expect(r.status == 0)
    #expect(
      r.stdout == """
        format      sfix16_En8
        ap_fixed    fix<16,8>
        signed      yes
        width       16 bits (8 integer bits including the sign, 8 fraction bits)
        resolution  0.00390625 (2^-8)
        range       [-128, 127.99609375]
        codes       [-32768, 32767]

        """)
    let u = try run(["info", "ufix<8,10>"])
    #expect(u.stdout.contains("format      ufix8_E2\n"))
    #expect(u.stdout.contains("range       [0, 1020]\n"))
  }

  /// The ap_fixed overflow table of issue 2, every mode through the CLI.
  @Test(arguments: [
    ("SAT", "7\n-8\n7\n-8\n7\n"), ("SAT_ZERO", "0\n0\n0\n-8\n0\n"),
    ("SAT_SYM", "7\n-7\n7\n-7\n7\n"),
    ("WRAP", "3\n-3\n-1\n-8\n-7\n"), ("WRAP_SM", "-4\n2\n-1\n-8\n6\n"),
  ])
  func overflowTable(mode: String, expected: String) throws {
    let r = try run(
      ["cast", "--from", "sfix8_En0", "--to", "sfix4_En0", "--overflow", mode],
      stdin: "19\n-19\n31\n-8\n9\n")
    #expect(r.status == 0 && r.stdout == expected, "\(mode): \(r.stdout) \(r.stderr)")
  }

  /// Ties and near-ties for every deterministic rounding mode (values in units of 1).
  @Test(arguments: [
    ("TRN", "2 -3 3 -4 2 -3"), ("TRN_ZERO", "2 -2 3 -3 2 -2"), ("RND", "3 -2 4 -3 2 -3"),
    ("RND_ZERO", "2 -2 3 -3 2 -3"), ("RND_MIN_INF", "2 -3 3 -4 2 -3"),
    ("RND_INF", "3 -3 4 -4 2 -3"),
    ("RND_CONV", "2 -2 4 -4 2 -3"),
  ])
  func roundingModes(mode: String, expected: String) throws {
    let input = "2.5\n-2.5\n3.5\n-3.5\n2.25\n-2.75\n"
    let viaFrom = try run(
      ["cast", "--from", "sfix8_En2", "--to", "sfix8_En0", "--round", mode], stdin: input)
    let direct = try run(["cast", "--to", "sfix8_En0", "--round", mode.lowercased()], stdin: input)
    let want = expected.split(separator: " ").joined(separator: "\n") + "\n"
    #expect(viaFrom.stdout == want, "\(mode) --from: \(viaFrom.stdout)\(viaFrom.stderr)")
    #expect(direct.stdout == want, "\(mode): \(direct.stdout)\(direct.stderr)")
  }

  /// STOCHASTIC: line n of 0.5 → ufix1_En0 rounds up iff word n−1 of (seed, 0) is below 2^63.
  @Test func stochasticUsesDocumentedWords() throws {
    let lines = 200
    let r = try run(
      ["cast", "--to", "ufix1_En0", "--round", "STOCHASTIC", "--seed", "3"],
      stdin: String(repeating: "0.5\n", count: lines))
    let rng = CounterRNG(seed: 3, stream: 0)
    let expected = (0..<lines).map { rng.word(at: UInt64($0)) < (1 << 63) ? "1" : "0" }
    #expect(r.stdout == expected.joined(separator: "\n") + "\n")
    let ones = expected.filter { $0 == "1" }.count
    #expect(ones > 60 && ones < 140)
    let other = try run(
      ["cast", "--to", "ufix1_En0", "--round", "STOCHASTIC", "--seed", "4"],
      stdin: String(repeating: "0.5\n", count: lines))
    #expect(other.stdout != r.stdout)
  }

  @Test func rawAndHexOutput() throws {
    let input = "-0.375\n1.5\n"
    let raw = try run(["cast", "--to", "sfix6_En3", "--raw"], stdin: input)
    #expect(raw.stdout == "-3\n12\n")
    let hex = try run(["cast", "--to", "sfix6_En3", "--hex"], stdin: input)
    #expect(hex.stdout == "0x3d\n0x0c\n")
    let both = try run(["cast", "--to", "sfix6_En3", "--hex", "--raw"], stdin: input)
    #expect(both.status != 0 && both.stderr.contains("--raw and --hex cannot be combined"))
  }

  @Test func inputFile() throws {
    let dir = Paths.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let file = dir.appendingPathComponent("values.txt")
    try "1.0625\r\n-7.9\r\n".write(to: file, atomically: true, encoding: .utf8)
    let r = try run(
      ["cast", "--to", "sfix8_En4", "--round", "RND", "--overflow", "SAT", "--input", file.path])
    #expect(r.stdout == "1.0625\n-7.875\n")
    let missing = try run([
      "cast", "--to", "sfix8_En4", "--input", dir.appendingPathComponent("no").path,
    ])
    #expect(missing.status != 0 && missing.stderr.contains("cannot read input file"))
  }

  @Test func errorsNameTheLineAndPrintNothing() throws {
    let inexact = try run(
      ["cast", "--from", "sfix8_En4", "--to", "sfix4_En0"], stdin: "1\n2\n0.1\n")
    #expect(inexact.status == 1)
    #expect(inexact.stdout.isEmpty)
    #expect(
      inexact.stderr
        == "Error: <stdin>:3: 0.1 is not exactly representable in sfix8_En4 (resolution 0.0625)\n")
    let range = try run(["cast", "--from", "sfix8_En4", "--to", "sfix4_En0"], stdin: "8\n")
    #expect(
      range.stderr == "Error: <stdin>:1: 8 is outside the range of sfix8_En4 [-8, 7.9375]\n")
    let junk = try run(["cast", "--to", "sfix4_En0"], stdin: "1\n\n2\n")
    #expect(junk.stderr == "Error: <stdin>:2: empty line\n" && junk.stdout.isEmpty)
    let word = try run(["cast", "--to", "sfix4_En0"], stdin: "1\nabc\n")
    #expect(word.stderr == "Error: <stdin>:2: 'abc' is not a decimal number\n")
    let format = try run(["cast", "--to", "sfix4En0"], stdin: "1\n")
    #expect(format.status != 0 && format.stderr.contains("malformed fixed-point format 'sfix4En0'"))
    let mode = try run(["cast", "--to", "sfix4_En0", "--round", "NEAREST"], stdin: "1\n")
    #expect(mode.status != 0 && mode.stderr.contains("unknown rounding mode 'NEAREST'"))
    let sm = try run(["cast", "--to", "ufix4_En0", "--overflow", "WRAP_SM"], stdin: "1\n")
    #expect(sm.stderr == "Error: overflow mode WRAP_SM needs a signed format, not ufix4_En0\n")
  }

  @Test func evalFullPrecision() throws {
    let input = "1.5,-0.25\n-8,7.9375\n"
    let add = try run(
      ["eval", "--op", "add", "--a", "sfix8_En4", "--b", "sfix8_En4"], stdin: input)
    #expect(add.stdout == "1.25\n-0.0625\n")
    let sub = try run(
      ["eval", "--op", "sub", "--a", "sfix8_En4", "--b", "sfix8_En4"], stdin: input)
    #expect(sub.stdout == "1.75\n-15.9375\n")
    let mul = try run(
      ["eval", "--op", "mul", "--a", "sfix8_En4", "--b", "sfix8_En4"], stdin: input)
    #expect(mul.stdout == "-0.375\n-63.5\n")
    let format = try run([
      "eval", "--op", "add", "--a", "ufix8_En0", "--b", "sfix8_En4", "--print-format",
    ])
    #expect(format.stdout == "sfix14_En4\n")
    let mulFormat = try run([
      "eval", "--op", "mul", "--a", "ufix<8,8>", "--b", "fix<8,2>", "--print-format",
    ])
    #expect(mulFormat.stdout == "sfix16_En6\n")
    let subFormat = try run([
      "eval", "--op", "sub", "--a", "ufix8_En0", "--b", "ufix8_En0", "--print-format",
    ])
    #expect(subFormat.stdout == "sfix9_En0\n")
  }

  @Test func evalWithTarget() throws {
    let div = try run(
      [
        "eval", "--op", "div", "--a", "sfix8_En0", "--b", "sfix8_En0", "--to", "sfix8_En6",
        "--round", "RND_CONV",
      ],
      stdin: "1,3\n-1,3\n5,-4\n5,-2\n")
    // 5 / −2 = −2.5 lies outside sfix8_En6 [−2, 1.984375]: WRAP gives −160 + 256 = 96 → 1.5.
    #expect(div.stdout == "0.328125\n-0.328125\n-1.25\n1.5\n")
    let sat = try run(
      [
        "eval", "--op", "mul", "--a", "sfix8_En4", "--b", "sfix8_En4", "--to", "sfix8_En4",
        "--overflow", "SAT", "--hex",
      ],
      stdin: "7.5,7.5\n0.0625,0.5\n")
    #expect(sat.stdout == "0x7f\n0x00\n")
    let rnd = try run(
      [
        "eval", "--op", "mul", "--a", "sfix8_En4", "--b", "sfix8_En4", "--to", "sfix8_En4",
        "--round", "RND", "--raw",
      ],
      stdin: "0.0625,0.5\n")
    #expect(rnd.stdout == "1\n")
    let noTarget = try run(
      ["eval", "--op", "div", "--a", "sfix8_En0", "--b", "sfix8_En0"], stdin: "1,3\n")
    #expect(noTarget.status != 0 && noTarget.stderr.contains("--op div needs --to"))
  }

  @Test func evalErrors() throws {
    let args = ["eval", "--op", "div", "--a", "sfix8_En4", "--b", "sfix8_En4", "--to", "sfix8_En4"]
    let zero = try run(args, stdin: "1,1\n1,0\n")
    #expect(zero.stderr == "Error: <stdin>:2: division by zero\n" && zero.stdout.isEmpty)
    let inexact = try run(args, stdin: "1,1\n2,3\n1, 0.01\n")
    #expect(
      inexact.stderr
        == "Error: <stdin>:3: b: 0.01 is not exactly representable in sfix8_En4 (resolution 0.0625)\n"
    )
    let shape = try run(args, stdin: "1;2\n")
    #expect(shape.stderr == "Error: <stdin>:1: expected 'a,b', got '1;2'\n")
  }

  @Test func helpTeaches() throws {
    let r = try run(["--help"])
    #expect(r.status == 0)
    for needle in ["sfix16_En8", "fix<W,I>", "RND_CONV", "WRAP_SM", "Examples:"] {
      #expect(r.stdout.contains(needle), "missing \(needle)")
    }
    let cast = try run(["cast", "--help"])
    #expect(cast.stdout.contains("numpy.random.Philox(key=[seed, 0])"))
  }
}
