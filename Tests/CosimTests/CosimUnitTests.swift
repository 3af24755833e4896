import Foundation
import NetlistIR
import NetlistSim
import Testing
import VerilogEmit
import _TestSupport

@testable import Cosim

/// Cosim pieces that need no simulator: comparison, vector files, lane streams, tool lookup,
/// port bindings, the embedded harness, error messages.
struct CosimUnitTests {
  static func v(_ value: Int, _ width: Int) -> BitVector {
    BitVector(width: width, truncating: value)
  }

  @Test func comparisonGroupsSourcesAndFindsTheFirstMismatch() {
    let inputs = [[Self.v(1, 4)], [Self.v(2, 4)], [Self.v(3, 4)]]
    let good = [[Self.v(5, 3)], [Self.v(6, 3)], [Self.v(7, 3)]]
    var bad = good
    bad[1] = [Self.v(0, 3)]
    let c = Comparison(
      [
        ResultSource(name: "interp", outputs: good), ResultSource(name: "liar", outputs: bad),
        ResultSource(name: "verilator", outputs: good),
      ], inputs: inputs)
    #expect(!c.agree)
    #expect(c.groups == [["interp", "verilator"], ["liar"]])
    #expect(c.firstMismatch?.index == 1)
    let report = c.report(inputNames: ["x"], outputNames: ["y"])
    #expect(
      report == """
        MISMATCH: {interp, verilator} vs {liar}
        first mismatching vector #1:
          in  x = 4'h2
          out [interp] y=3'h6
          out [liar] y=3'h0
          out [verilator] y=3'h6

        """)
    let same = Comparison([ResultSource(name: "interp", outputs: good)], inputs: inputs)
    #expect(
      same.agree
        && same.report(inputNames: ["x"], outputNames: ["y"]) == "agree: interp on 3 vectors")
  }

  @Test func vectorTextRoundTripsAndRejectsBadLines() throws {
    var rng = SeededRandom(seed: 0x7E)
    let widths = [1, 4, 5, 64, 65, 129]
    let vectors = (0..<20).map { _ in
      widths.map { RandomNetlists.edgyVector(width: $0, using: &rng) }
    }
    let text = VectorText.format(vectors)
    #expect(try VectorText.parse(text, widths: widths, count: 20, source: "t") == vectors)
    #expect(
      throws: CosimError.badSimulatorOutput(source: "t", line: 1, "expected 2 lines, found 1")
    ) {
      try VectorText.parse("1 2\n", widths: [4, 4], count: 2, source: "t")
    }
    #expect(throws: CosimError.badSimulatorOutput(source: "t", line: 1, "bad value 'x'")) {
      try VectorText.parse("1 x\n", widths: [4, 4], count: 1, source: "t")
    }
    #expect(throws: CosimError.badSimulatorOutput(source: "t", line: 1, "bad value '1f'")) {
      try VectorText.parse("1f\n", widths: [4], count: 1, source: "t")
    }
  }

  @Test func laneStreamsRunEachLaneFromReset() throws {
    var n = Netlist(name: "counter")
    let x = n.input("x", width: 1)
    let r = n.register(reset: Self.v(0, 1))
    let next = n.gate(.xor, r, x)
    n.connectRegister(r, to: next)
    n.output("y", next)
    let interp = try ReferenceInterpreter(n)
    var rng = SeededRandom(seed: 9)
    let vectors = RandomNetlists.vectors(for: n, count: 64 * 3 + 5, using: &rng)
    let laned = try LaneStreams.run(interp, vectors, lanes: 64, sequential: true)
    for lane in [0, 4, 5, 63] {
      let indices = Array(stride(from: lane, to: vectors.count, by: 64))
      #expect(try interp.run(indices.map { vectors[$0] }) == indices.map { laned[$0] })
    }
    #expect(try LaneStreams.run(interp, vectors, lanes: 1, sequential: true) == interp.run(vectors))
  }

  @Test func toolLookupAndMessages() throws {
    #expect(throws: CosimError.badToolPath(variable: "VERILATOR", path: "/nonexistent/verilator")) {
      try ExternalTool.locate(
        "verilator", environmentVariable: "VERILATOR",
        environment: ["VERILATOR": "/nonexistent/verilator", "PATH": "/usr/bin"])
    }
    #expect(
      try ExternalTool.locate(
        "verilator", environmentVariable: "VERILATOR", environment: ["PATH": "/nonexistent"])
        == nil)
    #expect(
      CosimError.verilatorNotFound.description
        == "verilator not found: install the apt package 'verilator' or set VERILATOR to its path")
    #expect(
      CosimError.icarusNotFound.description
        == "iverilog/vvp not found: install the apt package 'iverilog'")
    #expect(
      ExternalTool.commandLine("make", ["-C", "obj", "a b", "it's"])
        == "make -C obj 'a b' 'it'\\''s'")
  }

  @Test func buildCacheKeyReadsTheVerilatorVersion() throws {
    let folder = Paths.temporaryDirectory("bittrue-version")
    defer { try? FileManager.default.removeItem(at: folder) }
    let fake = folder.appendingPathComponent("verilator")
    try FileIO.write("#!/bin/sh\necho \"Verilator 9.999 $1\"\n", to: fake, executable: true)
    // A script this process has just written can be briefly "busy" (ETXTBSY): a child forked
    // by a parallel test may still hold the write descriptor until it execs. Real tools are
    // not written by this process, so only this test retries, and only on that error.
    #expect(try Self.versionRetryingBusy(fake, in: folder) == "Verilator 9.999 --version")
  }

  /// ``VerilatorBuild/version(of:in:)``, tried again (up to 20 times) while the script is
  /// "Text file busy".
  static func versionRetryingBusy(_ tool: URL, in folder: URL) throws -> String {
    for _ in 0..<20 {
      do {
        return try VerilatorBuild.version(of: tool.path, in: folder)
      } catch {
        guard "\(error)".contains("Text file busy") else { throw error }
        Thread.sleep(forTimeInterval: 0.05)
      }
    }
    return try VerilatorBuild.version(of: tool.path, in: folder)
  }

  @Test func portBindingsNameEveryPort() throws {
    var n = Netlist(name: "b")
    n.output("y", n.add(n.input("x", width: 70), n.input("z", width: 3), .unsigned))
    let header = PortBindings.header(try VerilogEmitter.emit(n).manifest)
    #expect(header.contains("#define BT_TOP Vb\n"))
    #expect(header.contains("static const int BT_INPUT_WIDTHS[] = {70, 3};"))
    #expect(header.contains("  bt::put(top->x, v[0]);\n  bt::put(top->z, v[1]);\n"))
    #expect(header.contains("  bt::get(top->y, v[0]);\n"))
    #expect(header.contains("#define BT_CLOCKED 0\n"))
  }

  @Test func embeddedHarnessMatchesTheTestbenchesFolder() throws {
    let folder = Paths.packageRoot.appendingPathComponent("testbenches")
    for (path, text) in HarnessSources.files {
      let file = try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)
      #expect(
        file == text + "\n", "\(path) differs from its embedded copy: run scripts/embed-rtl.sh")
    }
    #expect(HarnessSources.files.keys.contains("harness.cpp"))
  }

  @Test func namedEvaluatorRenamesASource() throws {
    var n = Netlist(name: "n")
    n.output("y", n.not(n.input("x", width: 3)))
    let interp = try ReferenceInterpreter(n)
    let opt = NamedEvaluator("opt", interp)
    let vectors = [[Self.v(5, 3)], [Self.v(0, 3)]]
    #expect(opt.sourceName == "opt")
    #expect(try opt.run(vectors) == interp.run(vectors))
  }

  @Test func vectorGeneratorIsSeeded() {
    let a = VectorGenerator.random(widths: [3, 70], count: 50, seed: 5)
    #expect(a == VectorGenerator.random(widths: [3, 70], count: 50, seed: 5))
    #expect(a != VectorGenerator.random(widths: [3, 70], count: 50, seed: 6))
    #expect(a.allSatisfy { $0.map(\.width) == [3, 70] })
  }
}
