import ArgumentParser
import Cosim
import Foundation
import NetlistIR
import NetlistSim

/// `bittrue cosim`: the netlist under Verilator against the Swift evaluators, bit for bit.
struct CosimCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cosim",
    abstract: "Cosimulate a netlist under Verilator against the Swift evaluators, bit for bit.",
    discussion: """
      Emits NETLIST as Verilog, builds it with Verilator (cached by content hash under \
      $BITTRUE_CACHE/cosim or .build/cosim), drives N seeded random vectors (a quarter of \
      them edge values) through the reference interpreter (`interp`) and the simulation \
      (`verilator`, and `iverilog` with --icarus), and compares every output bit.

      It prints which sources agree, the build time and vectors/s, and exits 1 on a \
      mismatch after printing the first mismatching vector in hex and the run folder. The run \
      folder holds the seed, the vectors, each source's outputs and replay.sh; it is removed \
      when all sources agree unless --keep is given.

      Build time is C++ compile time: --opt-level auto uses -O1 below 20000 nodes and -O0 \
      with --output-split above; O2/Os simulate faster but build much slower on big nets. \
      --lanes 64 (gate-level netlists) evaluates 64 samples per cycle.

      Verilator is taken from $VERILATOR, else PATH (Debian: apt-get install verilator).

      Example:
        bittrue cosim adder.nl --vectors 10000 --seed 7
      """
  )

  @Argument(help: "The netlist text file.")
  var netlist: String

  @Option(name: .long, help: "Number of random input vectors.")
  var vectors: Int = 1000

  @Option(name: .long, help: "Seed of the vectors (CounterRNG).")
  var seed: UInt64 = 1

  @Flag(name: .long, help: "Build with tracing and write trace.vcd into the run folder.")
  var trace = false

  @Flag(name: .long, help: "Keep the run folder even when all sources agree.")
  var keep = false

  @Option(name: .long, help: "C++ optimisation of the build: auto, O0, O1, O2, Os.")
  var optLevel: String = "auto"

  @Option(name: .long, help: "Samples per port bit: 1, or 64 for gate-level netlists.")
  var lanes: Int = 1

  @Flag(name: .long, help: "Also simulate with Icarus Verilog (small nets; one lane).")
  var icarus = false

  @Option(
    name: .long, help: "The build cache folder (default $BITTRUE_CACHE/cosim or .build/cosim).")
  var cache: String?

  func validate() throws {
    guard vectors >= 1 else { throw ValidationError("--vectors must be at least 1") }
    guard !(icarus && lanes != 1) else {
      throw ValidationError("--icarus simulates the one-lane form; drop --lanes")
    }
    guard OptimizationLevel(rawValue: optLevel) != nil else {
      throw ValidationError("--opt-level must be one of auto, O0, O1, O2, Os")
    }
  }

  func run() throws {
    let netlist = try NetlistFile.load(self.netlist)
    var verilator = VerilatorOptions(
      optimization: OptimizationLevel(rawValue: optLevel)!, trace: trace)
    if let cache { verilator.cacheDirectory = URL(fileURLWithPath: cache) }
    let options = CosimOptions(
      verilator: verilator, lanes: lanes, icarus: icarus, keepRun: keep || trace)
    let inputs = VectorGenerator.random(for: netlist, count: vectors, seed: seed)
    let verdict: CosimVerdict
    do throws(CosimError) {
      let interpreter: ReferenceInterpreter
      do throws(SimulationError) {
        interpreter = try ReferenceInterpreter(netlist)
      } catch {
        throw CosimError.evaluator(source: "interp", error.description)
      }
      verdict = try Cosim.run(
        netlist, vectors: inputs, seed: seed, evaluators: [interpreter], options: options)
    } catch {
      throw CommandFailure(description: "\(self.netlist): \(error.description)")
    }
    print(summary(netlist, verdict))
    if !verdict.comparison.agree { throw ExitCode(1) }
  }

  private func summary(_ netlist: Netlist, _ v: CosimVerdict) -> String {
    let m = v.model
    var lines = ["cosim \(netlist.name): \(vectors) vectors, seed \(seed), \(lanes) lane(s)"]
    lines.append(
      v.comparison.report(
        inputNames: m.manifest.inputs.map(\.name), outputNames: m.manifest.outputs.map(\.name)
      ).trimmingCharacters(in: .newlines))
    let build =
      m.cached
      ? "cached build (\(m.optimization.rawValue))"
      : String(format: "build %.1f s (%@)", m.buildSeconds, m.optimization.rawValue)
    lines.append(
      String(
        format: "verilator: %@; simulation %.4f s, %.0f vectors/s", build, v.simulationSeconds,
        v.vectorsPerSecond))
    if v.kept { lines.append("run folder: \(v.runFolder.path) (replay.sh replays it)") }
    if let trace = v.traceFile, v.kept { lines.append("trace: \(trace.path)") }
    return lines.joined(separator: "\n")
  }
}
