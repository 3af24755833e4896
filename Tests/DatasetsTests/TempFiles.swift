import Foundation
import _TestSupport

/// A temporary folder for fixture files, removed when the value is released.
final class TempFolder {
  let url = Paths.temporaryDirectory("bittrue-datasets")

  deinit { try? FileManager.default.removeItem(at: url) }

  /// Writes `text` to `name` (subfolders created) and returns the path.
  @discardableResult
  func write(_ name: String, _ text: String) throws -> String {
    try write(name, bytes: Array(text.utf8))
  }

  /// Writes `bytes` to `name` (subfolders created) and returns the path.
  @discardableResult
  func write(_ name: String, bytes: [UInt8]) throws -> String {
    let file = url.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(bytes).write(to: file)
    return file.path
  }

  /// The path of `name` inside the folder.
  func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// The message of the error `body` throws, or nil when it succeeds.
func errorMessage(_ body: () throws -> Void) -> String? {
  do {
    try body()
    return nil
  } catch {
    return "\(error)"
  }
}
