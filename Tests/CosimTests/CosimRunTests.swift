import Cosim
import Foundation
import NetlistIR
import NetlistSim
import Testing
import VerilogEmit
import _TestSupport

/// A source that flips the lowest output bit of vector 3: the mismatch path must name it.
struct FlippingEvaluator: Evaluator {
  let inner: ReferenceInterpreter
  var sourceName: String { "liar" }
  func run(_ vectors: [[BitVector]]) throws(SimulationError) -> [[BitVector]] {
    var outputs = try inner.run(vectors)
    outputs[3][0] = BitVector.bitwise(
      outputs[3][0], BitVector(width: outputs[3][0].width, truncating: 1), ^)
    return outputs
  }
}

/// `Cosim.run` end to end: build (cached), run, compare, run folder, replay.
@Suite(
  .serialized, .tags(.verilator),
  .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct CosimRunTests {
  /// The design the CLI tests use too (same cache, so it builds once).
  static var netlist: Netlist { get throws { try NetlistText.parse(Fixtures.clockedAdder) } }

  @Test func agreementRemovesTheRunFolder() throws {
    let netlist = try Self.netlist
    let vectors = VectorGenerator.random(for: netlist, count: 2000, seed: 11)
    let verdict = try Cosim.run(
      netlist, vectors: vectors, seed: 11, evaluators: [try ReferenceInterpreter(netlist)],
      options: CosimOptions(verilator: CosimTestSupport.options, icarus: ToolGate.hasIcarus))
    #expect(
      verdict.comparison.agree, "\(verdict.comparison.report(inputNames: [], outputNames: []))")
    #expect(verdict.comparison.sources.prefix(2) == ["interp", "verilator"])
    #expect(!verdict.kept)
    #expect(!FileManager.default.fileExists(atPath: verdict.runFolder.path))
    #expect(
      FileManager.default.fileExists(
        atPath: verdict.model.folder.appendingPathComponent("build.sh").path))
  }

  @Test func mismatchKeepsAReplayableRunFolder() throws {
    let netlist = try Self.netlist
    let interp = try ReferenceInterpreter(netlist)
    let vectors = VectorGenerator.random(for: netlist, count: 100, seed: 12)
    let verdict = try Cosim.run(
      netlist, vectors: vectors, seed: 12, evaluators: [interp, FlippingEvaluator(inner: interp)],
      options: CosimOptions(verilator: CosimTestSupport.options))
    #expect(!verdict.comparison.agree)
    #expect(verdict.comparison.groups == [["interp", "verilator"], ["liar"]])
    #expect(verdict.comparison.firstMismatch?.index == 3)
    #expect(verdict.kept)
    let run = verdict.runFolder
    for file in [
      "seed.txt", "inputs.hex", "interp.hex", "liar.hex", "verilator.hex", "netlist.nl",
      "replay.sh", "report.txt",
    ] {
      #expect(
        FileManager.default.fileExists(atPath: run.appendingPathComponent(file).path), "\(file)")
    }
    let report = try String(contentsOf: run.appendingPathComponent("report.txt"), encoding: .utf8)
    #expect(
      report.hasPrefix("MISMATCH: {interp, verilator} vs {liar}\nfirst mismatching vector #3:"))
    let seed = try String(contentsOf: run.appendingPathComponent("seed.txt"), encoding: .utf8)
    #expect(seed == "seed 12\nvectors 100\nlanes 1\n")
    // A waveform of the cycles up to the first mismatch, without asking for --trace.
    let vcd = run.appendingPathComponent("mismatch.vcd")
    #expect(verdict.traceFile == vcd)
    let waveform = try String(contentsOf: vcd, encoding: .utf8)
    #expect(waveform.contains("$enddefinitions"))
    // The replay script reruns the simulation and compares with the interpreter.
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = [run.appendingPathComponent("replay.sh").path]
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    try? FileManager.default.removeItem(at: run)
  }
}

extension CosimRunTests {
  /// A design without inputs (a counter), built with tracing: the harness counts samples by
  /// lines and writes a VCD. Its outputs are named like a Verilated model member (`eval`) and a
  /// predefined C macro (`linux`): both must be renamed for the C++ to compile.
  @Test func inputlessDesignWithTrace() throws {
    var n = Netlist(name: "counter")
    let count = n.register(reset: BitVector(width: 4, truncating: 9))
    n.connectRegister(count, to: n.add(count, n.constant(1, width: 4), .unsigned, width: 4))
    n.output("eval", count)
    n.output("linux", n.not(count))
    var options = CosimTestSupport.options
    options.trace = true
    let vectors = [[BitVector]](repeating: [], count: 20)
    let verdict = try Cosim.run(
      n, vectors: vectors, seed: 0, evaluators: [try ReferenceInterpreter(n)],
      options: CosimOptions(verilator: options, keepRun: true))
    #expect(verdict.comparison.agree)
    #expect(verdict.model.manifest.outputs.map(\.name) == ["eval_v", "linux_v"])
    let trace = try #require(verdict.traceFile)
    let vcd = try String(contentsOf: trace, encoding: .utf8)
    #expect(vcd.contains("$enddefinitions"))
    try? FileManager.default.removeItem(at: verdict.runFolder)
  }
}
