import Foundation

/// Finds and runs external programs (Verilator, make, Icarus): located through an
/// environment variable, then `PATH`; run with argument arrays, never through a shell.
package enum ExternalTool {
  /// The path of `tool`: `$variable` when set (it must be executable), else the first
  /// match on `PATH`, else `nil`.
  package static func locate(
    _ tool: String, environmentVariable: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(CosimError) -> String? {
    if let variable = environmentVariable, let path = environment[variable], !path.isEmpty {
      guard FileManager.default.isExecutableFile(atPath: path) else {
        throw .badToolPath(variable: variable, path: path)
      }
      return path
    }
    for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let candidate = "\(dir)/\(tool)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs `executable` with `arguments` in `directory`, appending stdout and stderr to
  /// `log`, in a process group of its own (see ``ChildProcesses``). Throws
  /// ``CosimError/commandFailed(command:status:log:)`` on a non-zero exit and
  /// ``CosimError/interrupted`` when the command was interrupted.
  package static func run(
    _ executable: String, _ arguments: [String], in directory: URL, log: URL
  ) throws(CosimError) {
    let descriptor = open(log.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw .io("cannot write \(log.path): \(FileIO.reason(errno: errno))")
    }
    defer { close(descriptor) }
    let header = Array(("$ " + commandLine(executable, arguments) + "\n").utf8)
    guard header.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == header.count
    else { throw .io("cannot write \(log.path): \(FileIO.reason(errno: errno))") }
    let status = try ChildProcesses.run(executable, arguments, in: directory, output: descriptor)
    if status != 0 {
      throw .commandFailed(
        command: commandLine(URL(fileURLWithPath: executable).lastPathComponent, arguments),
        status: status, log: log.path)
    }
  }

  /// A shell-quoted command line, for replay scripts and messages.
  package static func commandLine(_ executable: String, _ arguments: [String]) -> String {
    ([executable] + arguments).map(shellQuote).joined(separator: " ")
  }

  /// `s` quoted for a POSIX shell when it needs quoting.
  package static func shellQuote(_ s: String) -> String {
    let safe = s.unicodeScalars.allSatisfy {
      CharacterSet.alphanumerics.contains($0) || "-_./=:+,@%".unicodeScalars.contains($0)
    }
    if safe && !s.isEmpty { return s }
    return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
