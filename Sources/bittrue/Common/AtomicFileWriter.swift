import Foundation

/// Writes output files all-or-nothing: the bytes go to a temporary file beside the target,
/// which is then renamed over it (`rename(2)` is atomic within a file system). A failed or
/// interrupted command therefore never leaves a half-written file; every command that writes
/// files uses this.
enum AtomicFileWriter {
  /// Why a file could not be written.
  struct Failure: Error, CustomStringConvertible {
    /// The target path.
    let path: String
    /// What went wrong.
    let reason: String
    var description: String { "\(path): cannot write: \(reason)" }
  }

  /// Writes `text` as UTF-8 to `path`, creating missing parent folders.
  static func write(_ text: String, to path: String) throws {
    try write(Data(text.utf8), to: path)
  }

  /// Writes `bytes` to `path`, creating missing parent folders.
  static func write(_ bytes: [UInt8], to path: String) throws {
    try write(Data(bytes), to: path)
  }

  /// Writes `data` to `path`, creating missing parent folders.
  static func write(_ data: Data, to path: String) throws {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw Failure(path: path, reason: "cannot create folder \(folder.path)")
    }
    let temporary = folder.appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
    do {
      try data.write(to: temporary)
    } catch {
      try? FileManager.default.removeItem(at: temporary)
      throw Failure(path: path, reason: "cannot create a file in \(folder.path)")
    }
    guard rename(temporary.path, url.path) == 0 else {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw Failure(path: path, reason: reason)
    }
  }
}
