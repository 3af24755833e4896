import ArgumentParser

/// `bittrue data`: inspect the data sets and the shared data-set options.
struct DataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data",
    abstract: "Inspect data sets: sizes, splits, class balance, encoded input width.",
    subcommands: [DataInfoCommand.self]
  )
}
