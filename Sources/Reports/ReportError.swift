import NetlistIR
import NetlistPasses

/// The errors of the Reports target, each with a pinned one-line message.
public enum ReportError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The netlist fails verification.
  case invalidNetlist(NetlistError)
  /// A pass run while measuring failed (a bug in the pass when the netlist was valid).
  case passFailed(PassError)
  /// Yosys's statistics could not be read.
  case yosysStatistics(String)
  /// nextpnr's `--report` JSON could not be read.
  case nextpnrReport(String)

  /// The message shown to users.
  public var description: String {
    switch self {
    case .invalidNetlist(let e): return "invalid netlist: \(e.description)"
    case .passFailed(let e): return "while measuring: \(e.description)"
    case .yosysStatistics(let m): return "yosys statistics: \(m)"
    case .nextpnrReport(let m): return "nextpnr report: \(m)"
    }
  }

  /// A short reason for a failure to decode a tool's JSON output: the missing or malformed
  /// field, or "invalid JSON".
  static func decodingReason(_ error: Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): return "no '\(key.stringValue)'"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      return "bad '\(context.codingPath.map(\.stringValue).joined(separator: "."))'"
    default: return "invalid JSON"
    }
  }
}
