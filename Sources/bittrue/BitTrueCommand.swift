import ArgumentParser
import BitTrue

@main
struct BitTrueCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bittrue",
    abstract: "Bit-true emulation and hardware generation for quantized and logic-gate networks.",
    subcommands: [
      FixedCommand.self,
      DataCommand.self,
      NetlistCommand.self,
      CosimCommand.self,
    ]
  )
}
