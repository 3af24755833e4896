import BitTrue
import Foundation

/// A one-line CLI failure: printed as `Error: <message>`, exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
  /// The message.
  let description: String
}

/// Reading a design for a command: the IR text form, or a logic-net model (interchange JSON
/// or trained-model file), which is lowered to the IR.
enum NetlistFile {
  /// The verified netlist in `path`, or a one-line failure naming the file (and line).
  static func load(_ path: String) throws -> Netlist {
    let data = try read(path)
    if isJSON(data) {
      return LogicNetLowering.lower(try loadNet(path, data: data), name: stem(path))
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

  /// The discretised logic net in `path` (interchange JSON or trained-model file).
  static func loadNet(_ path: String, data: Data? = nil) throws -> DiscreteLogicNet {
    let data = try data ?? read(path)
    do throws(LogicNetsError) {
      if String(decoding: data.prefix(4096), as: UTF8.self).contains(LogicNetModel.fileFormat) {
        return try LogicNetModel.load(fileData: data).model.discretized()
      }
      return try DiscreteLogicNet(interchangeJSON: data)
    } catch {
      throw CommandFailure(description: "\(path): \(error.description)")
    }
  }

  /// Whether the file holds JSON (a model) rather than the IR text form.
  static func isJSON(_ data: Data) -> Bool {
    data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) } == UInt8(ascii: "{")
  }

  /// The design name derived from a file name: its stem with non-identifier characters
  /// replaced by `_`.
  static func stem(_ path: String) -> String {
    let base = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    let name = String(base.map { $0.isLetter || $0.isNumber || $0 == "_" ? $0 : "_" })
    return name.isEmpty ? "design" : name
  }

  private static func read(_ path: String) throws -> Data {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw CommandFailure(description: "\(path): cannot read the file")
    }
    return data
  }
}
