import Foundation

/// Runs the built `bittrue` executable for end-to-end tests.
///
/// `make test` builds every product before testing, so the binary sits beside the test
/// bundle in the build folder.
public enum CLI {
  /// What one run of the CLI produced.
  public struct Result: Sendable {
    /// Exit status.
    public var status: Int32
    /// Everything written to standard output.
    public var stdout: String
    /// Everything written to standard error.
    public var stderr: String
  }

  /// The `bittrue` executable of the current build.
  public static var executable: URL {
    let bundle = Bundle.main.bundleURL
    let candidates = [
      bundle.deletingLastPathComponent().appendingPathComponent("bittrue"),
      bundle.appendingPathComponent("bittrue"),
      Paths.packageRoot.appendingPathComponent(".build/debug/bittrue"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
      ?? candidates.last!
  }

  /// Runs `bittrue` with `arguments` (never through a shell), feeding `stdin`.
  public static func run(
    _ arguments: [String], stdin: String = "", environment: [String: String] = [:],
    currentDirectory: URL? = nil
  ) throws -> Result {
    try run(
      program: executable, arguments, stdin: stdin, environment: environment,
      currentDirectory: currentDirectory)
  }

  /// Runs `program` (any executable, e.g. a script of the repository) with `arguments`, never
  /// through a shell, feeding `stdin`; `environment` is added to the inherited one.
  public static func run(
    program: URL, _ arguments: [String], stdin: String = "",
    environment: [String: String] = [:], currentDirectory: URL? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = program
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    // Files, not pipes: no deadlock however much the process writes.
    let dir = Paths.temporaryDirectory("bittrue-cli")
    defer { try? FileManager.default.removeItem(at: dir) }
    let inURL = dir.appendingPathComponent("stdin")
    let outURL = dir.appendingPathComponent("stdout")
    let errURL = dir.appendingPathComponent("stderr")
    try Data(stdin.utf8).write(to: inURL)
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    process.standardInput = try FileHandle(forReadingFrom: inURL)
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    try process.run()
    process.waitUntilExit()
    let outData = try Data(contentsOf: outURL)
    let errData = try Data(contentsOf: errURL)
    return Result(
      status: process.terminationStatus,
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
