import ArgumentParser
import BitTrue
import Cosim
import Foundation

/// `bittrue cosim`: the design under Verilator against every Swift evaluator, bit for bit.
struct CosimCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cosim",
    abstract: "Cosimulate a design under Verilator against the Swift evaluators, bit for bit.",
    discussion: """
      DESIGN is a netlist (the IR text form) or a model file of a known family, recognised \
      by its JSON "format" and lowered to the IR (today logic nets: difflogic-net JSON or a \
      trained model file). The design is emitted as Verilog exactly as \
      `netlist emit` / `logic emit` would with the same --lanes and --pipeline, built with \
      Verilator (cached by content hash under $BITTRUE_CACHE/cosim or .build/cosim), and \
      driven with N seeded random vectors (a quarter of them edge values) plus, with \
      --dataset, every sample of the data set's test split (encoded as for `logic train`).

      Result sources, compared bit for bit on every vector:
        model      the model evaluated by its own definition (models only)
        interp     the reference interpreter on the unoptimised netlist
        opt        the reference interpreter on the optimised netlist
        gates64    the bit-parallel evaluator on the bit-blasted netlist
        verilator  the emitted Verilog under Verilator (iverilog too with --icarus)
      interp and opt are skipped when nodes × vectors exceeds 4e7 (they are slow); the \
      summary says so.

      It prints which sources agree, the build time and vectors/s, and exits 1 on a \
      mismatch after printing the first mismatching vector in hex and the run folder. The run \
      folder holds the seed, the vectors, each source's outputs and replay.sh; it is kept on \
      a mismatch or with --keep. On a mismatch it also gets mismatch.vcd, a waveform of the \
      cycles up to the first mismatching vector (a traced rebuild); --trace writes trace.vcd \
      of the whole run instead.

      Build time is C++ compile time: --opt-level auto uses -O1 below 20000 nodes and -O0 \
      with --output-split above. --lanes 64 evaluates 64 samples per cycle (gate-level form): \
      use it for big nets.

      Verilator is taken from $VERILATOR, else PATH (Debian: apt-get install verilator).

      Examples:
        bittrue cosim adder.nl --vectors 10000 --seed 7
        bittrue cosim out/digits/net.json --dataset digits --encoding thermometer \\
            --thresholds 3 --lanes 64
      """
  )

  @Argument(help: ArgumentHelp("The netlist or model file.", valueName: "design"))
  var design: String

  @Option(
    name: .long,
    help: "Number of random input vectors (at most \(CosimCommand.maxVectors)).")
  var vectors: Int = 1000

  @Option(name: .long, help: "Seed of the random vectors (CounterRNG).")
  var seed: UInt64 = 1

  @Flag(name: .long, help: "Build with tracing and write trace.vcd into the run folder.")
  var trace = false

  @Flag(name: .long, help: "Keep the run folder even when all sources agree.")
  var keep = false

  @Option(name: .long, help: "C++ optimisation of the build: auto, O0, O1, O2, Os.")
  var optLevel: String = "auto"

  @Option(name: .long, help: "Samples per port bit: 1, or 64 (the gate-level form).")
  var lanes: Int = 1

  @Option(name: .long, help: "Insert registers every K gate levels (gate-level form).")
  var pipeline: Int?

  @Flag(name: .long, help: "Also simulate with Icarus Verilog (small nets; one lane).")
  var icarus = false

  @Option(
    name: .long, help: "The build cache folder (default $BITTRUE_CACHE/cosim or .build/cosim).")
  var cache: String?

  @OptionGroup(title: "Test-set vectors (models; with --dataset)") var data: DatasetOptions

  @OptionGroup(title: "Binarized nets") var folding: FoldingOptions

  /// The most random vectors `--vectors` asks for: each is held in memory by every source.
  static let maxVectors = 1_000_000

  func validate() throws {
    guard vectors >= 0 else { throw ValidationError("--vectors must not be negative") }
    guard vectors <= Self.maxVectors else {
      throw ValidationError(
        "--vectors must be at most \(Self.maxVectors) (got \(vectors))")
    }
    guard !(icarus && lanes != 1) else {
      throw ValidationError("--icarus simulates the one-lane form; drop --lanes")
    }
    guard OptimizationLevel(rawValue: optLevel) != nil else {
      throw ValidationError("--opt-level must be one of auto, O0, O1, O2, Os")
    }
    if let pipeline, pipeline < 1 { throw ValidationError("--pipeline must be at least 1") }
    if folding.arch == .folded && (lanes != 1 || pipeline != nil || icarus) {
      throw ValidationError("--arch folded simulates one lane, unpipelined, with Verilator only")
    }
  }

  func run() throws {
    if folding.arch == .folded { return try runFolded() }
    let hw = try NetlistFile.design(design)
    let forms = try NetlistFile.forms(of: hw, path: design)
    let form = try NetlistFile.form(
      of: hw, gateLevel: lanes > 1, pipeline: pipeline, using: forms, path: design)
    var inputs = try datasetVectors(hw)
    let datasetCount = inputs.count
    inputs += VectorGenerator.random(for: form.netlist, count: vectors, seed: seed)
    guard !inputs.isEmpty else { throw CommandFailure(description: "no vectors to simulate") }
    var verilator = VerilatorOptions(
      optimization: OptimizationLevel(rawValue: optLevel)!, trace: trace)
    if let cache { verilator.cacheDirectory = URL(fileURLWithPath: cache) }
    let options = CosimOptions(
      verilator: verilator, lanes: lanes, icarus: icarus, keepRun: keep || trace,
      latency: form.latency)
    let verdict: CosimVerdict
    let sources: StandardSources
    let ticker = ElapsedTicker("cosim: evaluating, building with Verilator, simulating")
    do throws(CosimError) {
      defer { ticker.stop() }
      sources = try StandardSources(hw, forms: forms, vectorCount: inputs.count)
      verdict = try Cosim.run(
        form.netlist, vectors: inputs, seed: seed, evaluators: sources.evaluators,
        options: options)
    } catch {
      throw CommandFailure(description: "\(design): \(error.description)")
    }
    var header = "cosim \(form.netlist.name): \(inputs.count) vectors ("
    header += datasetCount > 0 ? "\(datasetCount) test-set + \(vectors) random" : "random"
    header += "), seed \(seed), \(lanes) lane(s)"
    if form.latency > 0 { header += ", pipelined: latency \(form.latency) cycles" }
    try StandardStreams.writeLine(header)
    if !sources.skipped.isEmpty {
      try StandardStreams.writeLine("skipped: \(sources.skipped.joined(separator: ", "))")
    }
    try StandardStreams.writeLine(summary(verdict))
    if !verdict.comparison.agree { throw ExitCode(1) }
  }

  /// `--arch folded`: the folded design's transactions (one per vector) under Verilator's
  /// streaming harness (fed back to back) against the model and the cycle-level Swift
  /// sources; prints the latency and initiation interval the harness measured next to the
  /// cycle model's, and fails when they differ.
  private func runFolded() throws {
    let folded = try folding.design(design)
    var inputs = data.dataset == nil ? [] : try datasetVectors(try NetlistFile.design(design))
    let datasetCount = inputs.count
    inputs += VectorGenerator.random(widths: [folded.net.sampleBits], count: vectors, seed: seed)
    guard !inputs.isEmpty else { throw CommandFailure(description: "no vectors to simulate") }
    var verilator = VerilatorOptions(
      optimization: OptimizationLevel(rawValue: optLevel)!, trace: trace)
    if let cache { verilator.cacheDirectory = URL(fileURLWithPath: cache) }
    let netlist = folded.forms.optimized.netlist
    let verdict: CosimVerdict
    let ticker = ElapsedTicker("cosim: evaluating, building with Verilator, simulating")
    do {
      defer { ticker.stop() }
      verdict = try Cosim.run(
        netlist, vectors: inputs, seed: seed, evaluators: try folded.evaluators(),
        options: CosimOptions(
          verilator: verilator, keepRun: keep || trace, streaming: StreamingPorts()))
    } catch {
      throw CommandFailure(description: "\(design): \(error)")
    }
    var header = "cosim \(netlist.name) (folded, PE \(folding.pe!) SIMD \(folding.simd!)): "
    header += "\(inputs.count) transactions ("
    header += datasetCount > 0 ? "\(datasetCount) test-set + \(vectors) random" : "random"
    header += "), seed \(seed)"
    try StandardStreams.writeLine(header)
    try StandardStreams.writeLine(summary(verdict))
    try StandardStreams.writeLine(FoldingOptions.describe(folded.cycleModel))
    let timing = FoldingOptions.compare(
      folded.cycleModel, accepted: verdict.acceptedCycles, done: verdict.doneCycles)
    try StandardStreams.writeLine(timing.text)
    if !timing.agree { throw ExitCode(1) }
    if !verdict.comparison.agree { throw ExitCode(1) }
  }

  /// The test split of `--dataset` as input vectors (models only).
  private func datasetVectors(_ hw: HardwareDesign) throws -> [[BitVector]] {
    guard data.dataset != nil else { return [] }
    guard let model = hw.model else {
      throw CommandFailure(description: "--dataset needs a model, not a netlist")
    }
    let loaded = try LogicData(data)
    let bits = model.sampleBits
    guard loaded.inputBits == bits else {
      throw CommandFailure(
        description:
          "\(loaded.dataset.name) encodes to \(loaded.inputBits) bits, the \(model.noun) has "
          + "\(bits) inputs (use the encoding options the \(model.noun) was trained with)")
    }
    return (0..<loaded.test.count).map { s in
      var v = BitVector(zeroWidth: bits)
      for i in 0..<bits where loaded.test.bits[s * bits + i] != 0 { v[bit: i] = true }
      return [v]
    }
  }

  private func summary(_ v: CosimVerdict) -> String {
    let m = v.model
    var lines = [
      v.comparison.report(
        inputNames: m.manifest.inputs.map(\.name), outputNames: m.manifest.outputs.map(\.name)
      ).trimmingCharacters(in: .newlines)
    ]
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
