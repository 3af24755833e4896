import Foundation
import _TestSupport

/// Runs a Python 3 script as an independent reference (zlib's gzip, hashlib); tests that
/// need it skip with a message when `python3` is missing.
enum Python {
  /// The interpreter, if installed.
  static let executable = ToolGate.find("python3", environmentOverride: "PYTHON")

  /// Runs `script` with `arguments` (argument array, no shell); returns standard output and
  /// throws with standard error when the script fails.
  static func run(_ script: String, arguments: [String] = []) throws -> String {
    guard let executable else { throw Failure(message: "python3 not found") }
    let dir = Paths.temporaryDirectory("bittrue-python")
    defer { try? FileManager.default.removeItem(at: dir) }
    let scriptURL = dir.appendingPathComponent("script.py")
    try Data(script.utf8).write(to: scriptURL)
    let outURL = dir.appendingPathComponent("out")
    let errURL = dir.appendingPathComponent("err")
    try Data().write(to: outURL)
    try Data().write(to: errURL)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = [scriptURL.path] + arguments
    process.standardOutput = try FileHandle(forWritingTo: outURL)
    process.standardError = try FileHandle(forWritingTo: errURL)
    try process.run()
    process.waitUntilExit()
    let out = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
    guard process.terminationStatus == 0 else {
      let err = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
      throw Failure(message: "python3 exited with \(process.terminationStatus): \(err)")
    }
    return out
  }

  /// A failed run.
  struct Failure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
  }
}
