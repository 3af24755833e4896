import ArgumentParser
import BitTrue
import Foundation

/// `bittrue netlist …`: commands that read and write the netlist IR text form.
struct NetlistCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "netlist",
    abstract: "Work with netlists in the IR text form.",
    subcommands: [NetlistOptCommand.self]
  )
}

/// A failure of a `netlist` subcommand, with its one-line message.
struct NetlistCommandError: Error {
  let message: String

  init(_ message: String) { self.message = message }

  /// Prints `error: MESSAGE` on standard error.
  func report() {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
  }

  /// Reads and verifies a netlist file; errors name the file and, for parse errors, the line.
  static func readNetlist(_ path: String) throws(NetlistCommandError) -> Netlist {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      !isDirectory.boolValue
    else { throw NetlistCommandError("no such file '\(path)'") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw NetlistCommandError("cannot read '\(path)'")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw NetlistCommandError("'\(path)' is not UTF-8 text")
    }
    do throws(NetlistError) {
      let netlist = try NetlistText.parse(text)
      try NetlistVerifier.verify(netlist)
      return netlist
    } catch {
      throw NetlistCommandError("\(path): \(error.description)")
    }
  }
}
