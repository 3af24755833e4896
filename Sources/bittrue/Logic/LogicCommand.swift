import ArgumentParser

/// `bittrue logic …`: difflogic-style logic-gate networks.
struct LogicCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "logic",
    abstract: "Train, discretise and evaluate difflogic-style logic-gate networks.",
    subcommands: [
      LogicTrainCommand.self, LogicEvalCommand.self, LogicEmitCommand.self, LogicExportCommand.self,
    ]
  )
}
