/// The errors of the NetlistIR target, each with a pinned one-line message.
public enum NetlistError: Error, Equatable, CustomStringConvertible, Sendable {
  /// A structural rule is broken at a node (bad width, operand count, missing driver, …).
  case invalidNode(NodeID, String)
  /// There is a cycle through combinational nodes (no register on it).
  case combinationalLoop([NodeID])
  /// Two ports share a name.
  case duplicatePort(String)
  /// The netlist has no output.
  case noOutputs
  /// The text form could not be parsed.
  case parse(line: Int, String)

  /// The message shown to users.
  public var description: String {
    switch self {
    case .invalidNode(let id, let message): return "node \(id): \(message)"
    case .combinationalLoop(let ids):
      return "combinational loop through "
        + ids.prefix(8).map(\.description).joined(separator: ", ")
        + (ids.count > 8 ? ", …" : "")
    case .duplicatePort(let name): return "port name '\(name)' is used twice"
    case .noOutputs: return "the netlist has no outputs"
    case .parse(let line, let message): return "line \(line): \(message)"
    }
  }
}
