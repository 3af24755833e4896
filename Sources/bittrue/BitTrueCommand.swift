import ArgumentParser
import BitTrue
import Foundation

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
      WageubnCommand.self,
      BnnCommand.self,
    ]
  )

  /// Parses and runs the command line. Unlike ArgumentParser's default: every error is one
  /// line (`Error: …`, see ``ErrorMessages``), standard output is checked at exit (output
  /// lost to a full disk fails the command), and an interrupt (SIGINT, SIGTERM, SIGHUP)
  /// stops child processes and removes temporary files first (see ``Interrupts``).
  static func main() async {
    StandardStreams.prepare()
    Interrupts.install()
    let arguments = ErrorMessages.joiningNegativeValues(Array(CommandLine.arguments.dropFirst()))
    do {
      var command = try parseAsRoot(arguments)
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
      try StandardStreams.finish()
    } catch {
      fail(error)
    }
    Foundation.exit(0)
  }

  /// Reports `error` and exits: help and version requests print as ArgumentParser prints
  /// them, `ExitCode` exits silently, everything else prints one `Error:` line.
  private static func fail(_ error: any Error) -> Never {
    if let signal = Interrupts.received { Interrupts.exit(signal) }
    let code = exitCode(for: error)
    if code == .success { exit(withError: error) }
    if !(error is ExitCode) {
      StandardStreams.writeError("Error: \(ErrorMessages.oneLine(error, command: self))\n")
    }
    _ = try? StandardStreams.finish()
    Foundation.exit(code.rawValue)
  }
}
