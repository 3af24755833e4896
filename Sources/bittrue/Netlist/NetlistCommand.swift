import ArgumentParser

/// `bittrue netlist …`: commands on the hardware IR in its text form.
struct NetlistCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "netlist",
    abstract: "Work with netlists (BitTrue's hardware IR) in their text form.",
    subcommands: [NetlistEmitCommand.self, NetlistOptCommand.self, NetlistReportCommand.self]
  )
}
