import Foundation
import NetlistIR
import NetlistSim
import VerilogEmit

/// Options of one cosimulation.
public struct CosimOptions: Sendable {
  /// How to build the Verilator model.
  public var verilator: VerilatorOptions
  /// 1, or 64 for the lane form of gate-level netlists.
  public var lanes: Int
  /// Also simulate with Icarus (one-lane form only; small designs).
  public var icarus: Bool
  /// Keep the run folder even when all sources agree.
  public var keepRun: Bool
  /// The pipeline latency of the netlist (cycles from inputs to their outputs). The
  /// simulation's outputs are read that many cycles later, so they line up with evaluators
  /// of the unpipelined design.
  public var latency: Int
  /// On a mismatch without tracing, rebuild with tracing and rerun the vectors up to the
  /// first mismatching one, so the run folder holds a waveform (`mismatch.vcd`) of it.
  public var traceOnMismatch: Bool
  /// The handshake of a streaming design: the harness then runs one transaction per vector.
  public var streaming: StreamingPorts?

  /// Options; by default one lane, no Icarus, latency 0, the run folder removed on
  /// agreement, a waveform on mismatch.
  public init(
    verilator: VerilatorOptions = VerilatorOptions(), lanes: Int = 1, icarus: Bool = false,
    keepRun: Bool = false, latency: Int = 0, traceOnMismatch: Bool = true,
    streaming: StreamingPorts? = nil
  ) {
    self.streaming = streaming
    self.verilator = verilator
    self.lanes = lanes
    self.icarus = icarus
    self.keepRun = keepRun
    self.latency = latency
    self.traceOnMismatch = traceOnMismatch
  }
}

/// The outcome of ``Cosim/run(_:vectors:seed:evaluators:options:)``.
public struct CosimVerdict: Sendable {
  /// Which sources agree, and the first mismatch.
  public var comparison: Comparison
  /// The Verilator model used.
  public var model: VerilatorModel
  /// The run folder (seed, vectors, every source's outputs, `replay.sh`); it exists after
  /// the run only when ``kept``.
  public var runFolder: URL
  /// Whether the run folder was kept (on mismatch, or when asked).
  public var kept: Bool
  /// Simulation seconds measured inside the harness.
  public var simulationSeconds: Double
  /// The VCD file: of the whole run when tracing, else of the vectors up to the first
  /// mismatch (see ``CosimOptions/traceOnMismatch``).
  public var traceFile: URL?
  /// Clock cycles the harness simulated (after reset): for a streaming design, the cycles of
  /// all transactions.
  public var harnessCycles: Int
  /// For a streaming design, the cycle (from 0, the first after reset) in which the harness
  /// saw each sample accepted; empty otherwise.
  public var acceptedCycles: [Int] = []
  /// For a streaming design, the cycle of each sample's `done`; empty otherwise.
  public var doneCycles: [Int] = []

  /// Vectors per second of the Verilator simulation.
  public var vectorsPerSecond: Double {
    simulationSeconds > 0 ? Double(comparison.vectorCount) / simulationSeconds : 0
  }
}

/// Cosimulation: emit the netlist, build it with Verilator (cached by content hash), run the
/// same seeded vectors through every Swift evaluator and the simulation(s), and compare the
/// named results bit for bit.
public enum Cosim {
  /// Cosimulates `netlist` on `vectors` (generated from `seed`, recorded for replay) against
  /// `evaluators` (for example ``ReferenceInterpreter``; any ``Evaluator`` plugs in).
  public static func run(
    _ netlist: Netlist, vectors: [[BitVector]], seed: UInt64, evaluators: [any Evaluator],
    options: CosimOptions = CosimOptions()
  ) throws(CosimError) -> CosimVerdict {
    let design: EmittedDesign
    do throws(VerilogEmitError) {
      design = try VerilogEmitter.emit(
        netlist,
        options: EmitOptions(
          lanes: options.lanes, latency: options.latency, streaming: options.streaming))
    } catch {
      throw .emit(error)
    }
    let target = SimulationTarget(design: design)
    let model = try VerilatorBuild.build(
      target, nodes: netlist.nodes.count, options: options.verilator)
    let run = model.folder.appendingPathComponent("runs/seed-\(seed)-n\(vectors.count)")
    try? FileManager.default.removeItem(at: run)
    try FileIO.makeFolder(run)

    var sources: [ResultSource] = []
    for evaluator in evaluators {
      do throws(SimulationError) {
        let outputs = try LaneStreams.run(
          evaluator, vectors, lanes: options.lanes, sequential: netlist.isSequential)
        sources.append(ResultSource(name: evaluator.sourceName, outputs: outputs))
      } catch {
        throw .evaluator(source: evaluator.sourceName, error.description)
      }
    }
    let trace = options.verilator.trace ? run.appendingPathComponent("trace.vcd") : nil
    let simulated = try model.simulate(vectors, in: run, trace: trace)
    sources.append(ResultSource(name: "verilator", outputs: simulated.outputs))
    let timing =
      options.streaming == nil ? nil : try model.streamTiming(in: run, count: vectors.count)
    if options.icarus && options.lanes == 1 && options.latency == 0 {
      let outputs = try Icarus.simulate(target, vectors, in: run.appendingPathComponent("icarus"))
      sources.append(ResultSource(name: "iverilog", outputs: outputs))
    }
    let comparison = Comparison(sources, inputs: vectors)
    try record(
      run, netlist: netlist, seed: seed, sources: sources, comparison: comparison,
      manifest: design.manifest, trace: trace != nil)
    let kept = options.keepRun || !comparison.agree
    if !kept { try? FileManager.default.removeItem(at: run) }
    var traceFile = trace
    if let mismatch = comparison.firstMismatch, trace == nil, options.traceOnMismatch {
      traceFile = try traceMismatch(
        target, nodes: netlist.nodes.count, vectors: Array(vectors[...mismatch.index]),
        in: run, options: options)
    }
    return CosimVerdict(
      comparison: comparison, model: model, runFolder: run, kept: kept,
      simulationSeconds: simulated.seconds, traceFile: traceFile,
      harnessCycles: simulated.cycles, acceptedCycles: timing?.accepted ?? [],
      doneCycles: timing?.done ?? [])
  }

  /// Rebuilds `target` with tracing and reruns `vectors` (those up to the first mismatch),
  /// writing `mismatch.vcd` into the run folder.
  private static func traceMismatch(
    _ target: SimulationTarget, nodes: Int, vectors: [[BitVector]], in run: URL,
    options: CosimOptions
  ) throws(CosimError) -> URL {
    var traced = options.verilator
    traced.trace = true
    let model = try VerilatorBuild.build(target, nodes: nodes, options: traced)
    let folder = run.appendingPathComponent("mismatch-trace")
    try FileIO.makeFolder(folder)
    let vcd = run.appendingPathComponent("mismatch.vcd")
    _ = try model.simulate(vectors, in: folder, trace: vcd)
    return vcd
  }

  /// Writes the replay material into the run folder.
  private static func record(
    _ run: URL, netlist: Netlist, seed: UInt64, sources: [ResultSource], comparison: Comparison,
    manifest: PortManifest, trace: Bool
  ) throws(CosimError) {
    try FileIO.write(NetlistText.print(netlist), to: run.appendingPathComponent("netlist.nl"))
    try FileIO.write(
      "seed \(seed)\nvectors \(comparison.vectorCount)\nlanes \(manifest.lanes)\n",
      to: run.appendingPathComponent("seed.txt"))
    for source in sources where source.name != "verilator" {
      try FileIO.write(
        VectorText.format(source.outputs), to: run.appendingPathComponent("\(source.name).hex"))
    }
    let reference = sources.first?.name ?? "verilator"
    let simulate = ExternalTool.commandLine(
      "../../obj/sim", ["inputs.hex", "verilator.hex"] + (trace ? ["trace.vcd"] : []))
    let script = """
      #!/bin/sh
      # Replays this cosimulation: rebuilds if needed, reruns the Verilator model on the same
      # vectors and compares with the \(reference) outputs. Run from this folder.
      set -e
      cd "$(dirname "$0")"
      [ -x ../../obj/sim ] || (cd ../.. && ./build.sh)
      \(simulate)
      cmp verilator.hex \(reference).hex && echo "verilator agrees with \(reference)"

      """
    try FileIO.write(script, to: run.appendingPathComponent("replay.sh"), executable: true)
    let report = comparison.report(
      inputNames: manifest.inputs.map(\.name), outputNames: manifest.outputs.map(\.name))
    try FileIO.write(report + "\n", to: run.appendingPathComponent("report.txt"))
  }
}
