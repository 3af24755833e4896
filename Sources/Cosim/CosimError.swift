import VerilogEmit

/// The errors of the Cosim target, each with a pinned one-line message.
public enum CosimError: Error, Equatable, CustomStringConvertible, Sendable {
  /// Verilator is neither named by `$VERILATOR` nor on `PATH`.
  case verilatorNotFound
  /// `iverilog` or `vvp` is not on `PATH`.
  case icarusNotFound
  /// `$VERILATOR` names something that is not an executable file.
  case badToolPath(variable: String, path: String)
  /// An external command failed; `log` holds its output.
  case commandFailed(command: String, status: Int32, log: String)
  /// A simulator wrote output that does not match the design's ports.
  case badSimulatorOutput(source: String, line: Int, String)
  /// The design could not be emitted.
  case emit(VerilogEmitError)
  /// A Swift evaluator failed.
  case evaluator(source: String, String)
  /// Designs in one batch differ in lane count.
  case mixedLanes
  /// A file or folder could not be written or read.
  case io(String)
  /// The command was interrupted (SIGINT, SIGTERM) while an external program ran.
  case interrupted

  /// The message shown to users.
  public var description: String {
    switch self {
    case .verilatorNotFound:
      return "verilator not found: install the apt package 'verilator' or set VERILATOR to its path"
    case .icarusNotFound:
      return "iverilog/vvp not found: install the apt package 'iverilog'"
    case .badToolPath(let variable, let path):
      return "\(variable)=\(path) is not an executable file"
    case .commandFailed(let command, let status, let log):
      return "'\(command)' failed with status \(status); see \(log)"
    case .badSimulatorOutput(let source, let line, let message):
      return "\(source) output line \(line): \(message)"
    case .emit(let error):
      return error.description
    case .evaluator(let source, let message):
      return "\(source): \(message)"
    case .mixedLanes:
      return "designs in one batch must have the same lane count"
    case .io(let message):
      return message
    case .interrupted:
      return "interrupted"
    }
  }
}
