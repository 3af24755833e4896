import Foundation

/// Finds and runs external programs (Verilator, make, Icarus): located through an
/// environment variable, then `PATH`; run with argument arrays, never through a shell.
public enum ExternalTool {
  /// The path of `tool`: `$variable` when set (it must be executable), else the first
  /// match on `PATH`, else `nil`.
  public static func locate(
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
  /// `log`. Throws ``CosimError/commandFailed(command:status:log:)`` on a non-zero exit.
  public static func run(
    _ executable: String, _ arguments: [String], in directory: URL, log: URL
  ) throws(CosimError) {
    let status: Int32
    do {
      if !FileManager.default.fileExists(atPath: log.path) {
        FileManager.default.createFile(atPath: log.path, contents: nil)
      }
      let handle = try FileHandle(forWritingTo: log)
      defer { try? handle.close() }
      handle.seekToEndOfFile()
      handle.write(Data(("$ " + commandLine(executable, arguments) + "\n").utf8))
      let process = Process()
      process.executableURL = URL(fileURLWithPath: executable)
      process.arguments = arguments
      process.currentDirectoryURL = directory
      process.standardOutput = handle
      process.standardError = handle
      process.standardInput = FileHandle.nullDevice
      try process.run()
      process.waitUntilExit()
      status = process.terminationStatus
    } catch {
      throw .io("cannot run \(executable): \(error.localizedDescription)")
    }
    if status != 0 {
      throw .commandFailed(
        command: commandLine(URL(fileURLWithPath: executable).lastPathComponent, arguments),
        status: status, log: log.path)
    }
  }

  /// A shell-quoted command line, for replay scripts and messages.
  public static func commandLine(_ executable: String, _ arguments: [String]) -> String {
    ([executable] + arguments).map(shellQuote).joined(separator: " ")
  }

  /// `s` quoted for a POSIX shell when it needs quoting.
  public static func shellQuote(_ s: String) -> String {
    let safe = s.unicodeScalars.allSatisfy {
      CharacterSet.alphanumerics.contains($0) || "-_./=:+,@%".unicodeScalars.contains($0)
    }
    if safe && !s.isEmpty { return s }
    return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
