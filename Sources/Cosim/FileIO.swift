import Foundation

/// Small file helpers with typed errors; writes go to a temporary file that is then renamed,
/// so a reader never sees a half-written file.
public enum FileIO {
  /// Writes `text` to `url` atomically, creating parent folders.
  public static func write(_ text: String, to url: URL, executable: Bool = false) throws(CosimError)
  {
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url, options: .atomic)
      if executable {
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
      }
    } catch {
      throw .io("cannot write \(url.path): \(error.localizedDescription)")
    }
  }

  /// Reads `url` as UTF-8 text.
  public static func read(_ url: URL) throws(CosimError) -> String {
    do {
      return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    } catch {
      throw .io("cannot read \(url.path): \(error.localizedDescription)")
    }
  }

  /// Creates `url` and its parents.
  public static func makeFolder(_ url: URL) throws(CosimError) {
    do {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
      throw .io("cannot create \(url.path): \(error.localizedDescription)")
    }
  }
}
