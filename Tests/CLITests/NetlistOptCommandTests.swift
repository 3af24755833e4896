import Foundation
import NetlistIR
import Testing
import _TestSupport

/// End-to-end tests of `bittrue netlist opt`.
@Suite struct NetlistOptCommandTests {
  static let input = """
    netlist "demo"
    %0 = input "a" : 4
    %1 = input "b" : 4
    %2 = const 4'h0 : 4
    %3 = or %0, %2 : 4
    %4 "sum" = buf %3 : 4
    %5 = add.u %4, %1 : 5
    %6 = add.u %1, %0 : 5
    %7 = output "s" %5 : 5
    %8 = output "t" %6 : 5

    """

  /// A fresh folder holding `in.nl` with `text`.
  func folder(_ text: String = input) throws -> URL {
    let dir = Paths.temporaryDirectory("netlist-opt")
    try Data(text.utf8).write(to: dir.appendingPathComponent("in.nl"))
    return dir
  }

  @Test func optimisesToAFixpointAndWritesTheFile() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("out.nl").path
    let r = try CLI.run(["netlist", "opt", dir.appendingPathComponent("in.nl").path, "--out", out])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.isEmpty)
    let written = try String(contentsOfFile: out, encoding: .utf8)
    #expect(
      written == """
        netlist "demo"
        %0 = input "a" : 4
        %1 = input "b" : 4
        %2 = add.u %0, %1 : 5
        %3 = output "s" %2 : 5
        %4 = output "t" %2 : 5

        """)
    let lines = r.stderr.split(separator: "\n")
    #expect(lines.first == "const-fold  9 -> 8 nodes")
    #expect(lines.contains("cse         7 -> 6 nodes"))
    #expect(lines.last == "dce         5 -> 5 nodes  (no change)")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["in.nl", "out.nl"])
  }

  @Test func bitBlastsAndPipelinesToStandardOutput() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run([
      "netlist", "opt", dir.appendingPathComponent("in.nl").path,
      "--passes", "const-fold,gates,cse,dce,bitblast", "--pipeline", "3",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let netlist = try NetlistText.parse(r.stdout)
    try NetlistVerifier.verify(netlist)
    #expect(netlist.isGateLevel && netlist.isSequential)
    #expect(r.stderr.contains("bitblast    5 -> 31 nodes  full adders: 3, half adders: 1\n"))
    #expect(
      r.stderr.contains("pipeline    31 -> 44 nodes  latency (cycles): 2, registers added: 13\n"))
  }

  @Test(arguments: [
    (
      "netlist \"x\"\n%0 = input \"a\" : 4\n%1 = frob %0 : 4\n", [String](),
      "IN: line 3: unknown op 'frob'"
    ),
    (
      "netlist \"x\"\n%0 = input \"a\" : 4\n%1 = not %0 : 3\n%2 = output \"y\" %1 : 3\n", [],
      "IN: node %1: result width 3 should be 4"
    ),
    (
      input, ["--passes", "const-fold,fold"],
      "unknown pass 'fold' (known: const-fold, dce, cse, gates, narrow, popcount, bitblast, bitblast-fast)"
    ),
    (
      input, ["--pipeline", "2"],
      "pass pipeline: node %2 (add.u) is not gate-level; bit-blast first"
    ),
    (input, ["--pipeline", "0"], "--pipeline must be at least 1, got 0"),
  ])
  func failsWithOneLineAndNoOutputFile(text: String, options: [String], message: String) throws {
    let dir = try folder(text)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("in.nl").path
    let out = dir.appendingPathComponent("out.nl").path
    let r = try CLI.run(["netlist", "opt", path, "--out", out] + options)
    #expect(r.status != 0)
    #expect(r.stderr == "Error: \(message.replacingOccurrences(of: "IN", with: path))\n")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func replacesAnExistingFileAndReportsUnwritablePaths() throws {
    let dir = try folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let input = dir.appendingPathComponent("in.nl").path
    let out = dir.appendingPathComponent("out.nl").path
    try Data("old".utf8).write(to: URL(fileURLWithPath: out))
    let r = try CLI.run(["netlist", "opt", input, "--out", out])
    #expect(r.status == 0)
    #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("netlist \"demo\"\n"))
    // The parent "folder" is a file: nothing can be written there.
    let bad = try CLI.run(["netlist", "opt", input, "--out", input + "/out.nl"])
    #expect(bad.status != 0)
    #expect(bad.stderr == "Error: \(input)/out.nl: cannot write: not a directory\n")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["in.nl", "out.nl"])
  }

  @Test func missingInputFile() throws {
    let r = try CLI.run(["netlist", "opt", "/nonexistent/in.nl"])
    #expect(r.status != 0)
    #expect(
      r.stderr == "Error: /nonexistent/in.nl: cannot read the file: no such file or directory\n")
  }
}
