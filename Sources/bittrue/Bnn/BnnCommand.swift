import ArgumentParser

/// `bittrue bnn`: binarized and ternary networks on XNOR-popcount units.
struct BnnCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bnn",
    abstract: "Train, run and turn into hardware binarized and ternary networks.",
    discussion: """
      A binarized net's weights are ±1 (binary), −1/0/+1 (ternary) or, on a first layer \
      with integer inputs, K-bit integers; hidden neurons output one bit by comparing an \
      integer dot product with a threshold. The model file is a `bittrue-bnn` JSON \
      (docs/binarized.md); `bittrue netlist emit|report` and `bittrue cosim` read it too.
      """,
    subcommands: [
      BnnTrainCommand.self, BnnEvalCommand.self, BnnEmitCommand.self, BnnExportCommand.self,
      BnnReportCommand.self, BnnPruneCommand.self,
    ]
  )
}
