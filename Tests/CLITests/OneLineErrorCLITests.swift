import Foundation
import Testing
import _TestSupport

/// Every error is one `Error:` line on standard error (issue 11): argument errors without
/// ArgumentParser's help and usage lines, negative values read as values, unclear defaults
/// refused, sizes bounded before anything is allocated, long input lines shortened.
@Suite struct OneLineErrorCLITests {
  @Test(
    arguments: [
      (["fixed", "cast"], "Error: Missing expected argument '--to <format>'\n"),
      (["fixed", "bogus"], "Error: Unexpected argument 'bogus'\n"),
      (["bogus"], "Error: Unexpected argument 'bogus'\n"),
      (["fixed", "info", "u8.4"], nil),
      (["fixed", "cast", "--to", "sfix8_En4", "--nope"], nil),
      (
        ["fixed", "cast", "--to", "sfix8_En4", "--seed", "-1"],
        "Error: The value '-1' is invalid for '--seed <n>'\n"
      ),
      (["cosim", "x.nl", "--vectors", "-5"], "Error: --vectors must not be negative\n"),
      (
        ["cosim", "x.nl", "--vectors", "9223372036854775807"],
        "Error: --vectors must be at most 1000000 (got 9223372036854775807)\n"
      ),
      (
        ["cosim", "x.nl", "--vectors", "1e8"],
        "Error: The value '1e8' is invalid for '--vectors <vectors>'\n"
      ),
      (
        ["logic", "eval", "--model", "net.json"],
        "Error: name the samples: --inputs FILE or --dataset NAME\n"
      ),
    ] as [([String], String?)])
  func argumentErrorsAreOneLine(arguments: [String], expected: String?) throws {
    let r = try CLI.run(arguments)
    #expect(r.status == 64, "\(arguments): \(r.stderr)")
    #expect(r.stdout == "")
    #expect(r.stderr.hasPrefix("Error: "))
    #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    if let expected { #expect(r.stderr == expected) }
  }

  /// A negative number after an option is its value, whatever the option's type.
  @Test func negativeValuesReachTheOption() throws {
    let r = try CLI.run(
      ["logic", "train", "--dataset", "digits", "--validation", "-3", "--iterations", "1"])
    #expect(r.status == 64)
    #expect(r.stderr == "Error: --validation must be at least 0 (got -3)\n")
  }

  @Test func helpIsUnchanged() throws {
    let r = try CLI.run(["fixed", "cast", "--help"])
    #expect(r.status == 0)
    #expect(r.stdout.hasPrefix("OVERVIEW: Quantize one decimal value per line"))
    #expect(r.stdout.contains("\nUSAGE: bittrue fixed cast "))
    #expect(r.stderr == "")
  }

  /// A 1-MB line is echoed as its first 40 characters and `…`.
  @Test func longInputLinesAreShortenedInErrors() throws {
    let digits = String(repeating: "1", count: 1 << 20)
    let long = try CLI.run(
      ["fixed", "cast", "--from", "sfix8_En4", "--to", "sfix8_En4"], stdin: "0.\(digits)\n")
    #expect(long.status == 1)
    #expect(
      long.stderr
        == "Error: <stdin>:1: '0.\(digits.prefix(38))…' has more than 1000000 digits\n")
    let short = String(repeating: "1", count: 50)
    let unrepresentable = try CLI.run(
      ["fixed", "cast", "--from", "sfix8_En4", "--to", "sfix8_En4"], stdin: "0.\(short)\n")
    #expect(
      unrepresentable.stderr
        == "Error: <stdin>:1: 0.\(short.prefix(38))… is not exactly representable in "
        + "sfix8_En4 (resolution 0.0625)\n")
    let malformed = try CLI.run(["fixed", "cast", "--to", "sfix8_En4"], stdin: "0.x\(digits)\n")
    #expect(
      malformed.stderr == "Error: <stdin>:1: '0.x\(digits.prefix(37))…' is not a decimal number\n")
    let pair = try CLI.run(
      ["fixed", "eval", "--op", "add", "--a", "sfix8_En4", "--b", "sfix8_En4"],
      stdin: "1\(digits)\n")
    #expect(pair.stderr == "Error: <stdin>:1: expected 'a,b', got '1\(digits.prefix(39))…'\n")
  }

  /// Foundation's file errors never reach the user raw.
  @Test func fileErrorsNameThePathAndTheReason() throws {
    let dir = Paths.temporaryDirectory("bittrue-errors")
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("in.nl").path
    try Data(Fixtures.clockedAdder.utf8).write(to: URL(fileURLWithPath: input))
    let r = try CLI.run(["netlist", "opt", input, "--out", "/proc/version"])
    #expect(r.status == 1)
    #expect(!r.stderr.contains("NSCocoaErrorDomain") && !r.stderr.contains("file://"))
    #expect(r.stderr.hasPrefix("Error: /proc/version: cannot write: "), "\(r.stderr)")
    #expect(r.stderr.split(separator: "\n").count == 1)
    let train = try CLI.run([
      "logic", "train", "--dataset", "digits", "--data-dir", Paths.bundledData.path,
      "--encoding", "thermometer", "--thresholds", "1", "--layers", "8x1", "--iterations", "1",
      "--out", input + "/run",
    ])
    #expect(train.status == 1)
    #expect(train.stderr == "Error: \(input)/run: cannot write: not a directory\n")
  }
}
