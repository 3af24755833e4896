import NetlistIR
import NetlistPasses

/// The errors of the Designs target, each with a one-line message (the CLI prefixes the
/// file's path).
public enum DesignError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The IR text form does not parse or verify.
  case netlist(NetlistError)
  /// A family rejected its file (the family's message).
  case model(String)
  /// A JSON file no family reads: its `format` (`nil`: none readable) and the known ones.
  case unknownFormat(String?, known: [String])
  /// The hardware flow failed on the design.
  case pass(PassError)

  /// The message shown to users.
  public var description: String {
    switch self {
    case .netlist(let error): return error.description
    case .model(let message): return message
    case .unknownFormat(let format, let known):
      let list = known.joined(separator: ", ")
      guard let format else {
        return "not a netlist or a model file: JSON without a \"format\" string "
          + "(known formats: \(list))"
      }
      return "unknown model format \"\(format)\" (known formats: \(list))"
    case .pass(let error): return error.description
    }
  }
}
