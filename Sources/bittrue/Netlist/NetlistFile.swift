import Foundation
import NetlistIR

/// A one-line CLI failure: printed as `Error: <message>`, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
  /// The message.
  let description: String
}

/// Reading and verifying a netlist text file for a command.
enum NetlistFile {
  /// The verified netlist in `path`, or a one-line failure naming the file (and line).
  static func load(_ path: String) throws -> Netlist {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CommandFailure(description: "\(path): cannot read the file")
    }
    let netlist: Netlist
    do throws(NetlistError) {
      netlist = try NetlistText.parse(String(decoding: data, as: UTF8.self))
      try NetlistVerifier.verify(netlist)
    } catch {
      throw CommandFailure(description: "\(path): \(error.description)")
    }
    return netlist
  }
}
