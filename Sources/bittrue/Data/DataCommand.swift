import ArgumentParser

/// `bittrue data`: inspect the data sets and the shared data-set options.
struct DataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data",
    abstract: "Inspect and export data sets: sizes, splits, class balance, encoded inputs.",
    subcommands: [DataInfoCommand.self, DataExportCommand.self]
  )
}
