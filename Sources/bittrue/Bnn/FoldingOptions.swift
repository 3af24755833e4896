import ArgumentParser
import BitTrue
import Foundation
import Reports

/// `--arch`, `--pe`, `--simd`: the hardware architecture of a binarized net, shared by
/// `bnn emit` and `cosim`.
struct FoldingOptions: ParsableArguments {
  /// The hardware architectures of a binarized net.
  enum Architecture: String, CaseIterable, ExpressibleByArgument {
    /// Every neuron its own XNOR array, popcount tree and comparator.
    case unrolled
    /// Processing elements reused over the neurons (PE/SIMD, FINN style).
    case folded
  }

  @Option(help: "Hardware architecture of a binarized net: unrolled or folded (PE/SIMD).")
  var arch: Architecture = .unrolled
  /// One count for every layer, or one per dense layer (`8,4,2`).
  struct Counts: ExpressibleByArgument, CustomStringConvertible {
    /// The counts in layer order.
    let values: [Int]

    init?(argument: String) {
      let parts = argument.split(separator: ",", omittingEmptySubsequences: false)
      let values = parts.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
      guard !values.isEmpty, values.count == parts.count else { return nil }
      self.values = values
    }

    var description: String { values.map(String.init).joined(separator: ",") }
  }

  @Option(help: "Folded: neurons computed in parallel (PE), one for all layers or one per layer.")
  var pe: Counts?
  @Option(help: "Folded: input bits per PE per cycle (SIMD), one for all layers or one per layer.")
  var simd: Counts?

  func validate() throws {
    if arch == .folded && (pe == nil || simd == nil) {
      throw ValidationError("--arch folded needs --pe and --simd")
    }
    if arch == .unrolled && (pe != nil || simd != nil) {
      throw ValidationError("--pe and --simd apply to --arch folded")
    }
  }

  /// The folded design of the net in `path` (the module named after the file).
  func design(_ path: String, module: String? = nil) throws -> FoldedBinarizedDesign {
    let net = try BnnModelFile.load(path)
    let name = module ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    do {
      return try FoldedBinarizedDesign(
        net, pe: pe?.values ?? [1], simd: simd?.values ?? [1], name: name)
    } catch {
      throw CommandFailure(description: "\(path): \(error)")
    }
  }

  /// The cycle model as printed lines.
  static func describe(_ model: FoldedCycleModel) -> String {
    let layers = model.layers.enumerated().map { l, f in
      "layer \(l): \(f.outputs)x\(f.inputs), PE \(f.pe) SIMD \(f.simd), "
        + "\(f.neuronFolds) neuron x \(f.synapseFolds) synapse folds, "
        + "\(f.computeCycles + 1) cycles, \(f.weightBits) weight ROM bits"
    }
    return
      (layers + [
        "cycle model: \(model.cyclesPerSample) cycles per sample, initiation interval "
          + "\(model.initiationInterval) (layers overlap), \(model.weightBits) weight ROM bits"
      ]).joined(separator: "\n")
  }

  /// The harness-measured latency and initiation interval of a stream next to the cycle
  /// model's, and whether they are equal sample by sample.
  static func compare(
    _ model: FoldedCycleModel, accepted: [Int], done: [Int]
  ) -> (text: String, agree: Bool) {
    let measured = FoldedSchedule(accepted: accepted, done: done)
    let predicted = model.schedule(samples: accepted.count)
    let agree = measured == predicted
    func range(_ values: [Int]) -> String {
      guard let low = values.min(), let high = values.max() else { return "-" }
      return low == high ? "\(low)" : "\(low)-\(high)"
    }
    let verdict = agree ? "harness = cycle model" : "MISMATCH with the cycle model"
    let lines = [
      "latency: \(range(measured.latencies)) cycles per sample measured by the harness "
        + "(cycle model \(range(predicted.latencies)); \(model.cyclesPerSample) through an empty "
        + "pipeline)",
      "initiation interval: \(range(measured.intervals)) cycles measured by the harness "
        + "(cycle model \(range(predicted.intervals))): \(verdict)",
    ]
    return (lines.joined(separator: "\n"), agree)
  }

  /// The folded design next to the unrolled one: gate-level cells, weight ROM bits,
  /// latency and initiation interval, as a Markdown table.
  static func table(
    _ model: FoldedCycleModel, folded: NetlistReport, unrolled: NetlistReport
  ) -> String {
    func list(_ values: [Int]) -> String {
      Set(values).count == 1 ? "\(values[0])" : values.map(String.init).joined(separator: ",")
    }
    let name = "folded PE \(list(model.layers.map(\.pe))) SIMD \(list(model.layers.map(\.simd)))"
    func row(_ name: String, _ report: NetlistReport, _ rom: String, _ cycles: (Int, Int))
      -> String
    {
      "| \(name) | \(report.gateLevel.twoInputGates) | \(report.gateLevel.registers) | \(rom) | "
        + "\(cycles.0) | \(cycles.1) |"
    }
    return [
      "| architecture | 2-input gates | registers | weight ROM bits | latency (cycles) | "
        + "initiation interval (cycles) |",
      "|---|---|---|---|---|---|",
      row("unrolled", unrolled, "-", (1, 1)),
      row(name, folded, "\(model.weightBits)", (model.cyclesPerSample, model.initiationInterval)),
    ].joined(separator: "\n")
  }
}
