import ArgumentParser
import BitTrue

@main
struct BitTrueCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bittrue",
    abstract: "Bit-true emulation and hardware generation for quantized and logic-gate networks.",
    subcommands: [
      DataCommand.self,
      LogicCommand.self,
      NetlistCommand.self,
      CosimCommand.self,
      FixedCommand.self,
    ]
  )
}
