import ArgumentParser
import BitTrue
import Foundation

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
  @Option(help: "Folded: neurons computed in parallel per layer (PE).")
  var pe: Int?
  @Option(help: "Folded: input bits per PE per cycle (SIMD).")
  var simd: Int?

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
      return try FoldedBinarizedDesign(net, pe: pe ?? 1, simd: simd ?? 1, name: name)
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
          + "\(model.initiationInterval) (layers in sequence), \(model.weightBits) weight ROM bits"
      ]).joined(separator: "\n")
  }
}
