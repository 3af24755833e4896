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

extension NetlistCommandError {
  /// Writes `text` to `path` atomically: into a temporary file beside it, then renamed over
  /// it, so readers never see a partial file and a failure leaves no file behind.
  static func writeAtomically(_ text: String, to path: String) throws(NetlistCommandError) {
    let url = URL(fileURLWithPath: path)
    let temporary = url.deletingLastPathComponent()
      .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8)) else {
      throw NetlistCommandError("cannot write '\(path)'")
    }
    guard rename(temporary.path, url.path) == 0 else {
      try? FileManager.default.removeItem(at: temporary)
      throw NetlistCommandError("cannot write '\(path)'")
    }
  }
}
