import NetlistIR

/// The errors of the VerilogEmit target, each with a pinned one-line message.
public enum VerilogEmitError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The netlist failed verification.
  case invalidNetlist(String)
  /// A lane count other than 1 or 64 was asked for.
  case unsupportedLanes(Int)
  /// The 64-lane form was asked for a netlist that is not gate-level.
  case notGateLevel(NodeID, String)

  /// The message shown to users.
  public var description: String {
    switch self {
    case .invalidNetlist(let m): return "invalid netlist: \(m)"
    case .unsupportedLanes(let n): return "lanes must be 1 or 64, not \(n)"
    case .notGateLevel(let id, let line):
      return "the 64-lane form needs a gate-level netlist; node \(id) is not: \(line)"
    }
  }
}
