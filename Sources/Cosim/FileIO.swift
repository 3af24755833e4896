import Foundation

/// Small file helpers with typed errors; writes go to a temporary file that is then renamed,
/// so a reader never sees a half-written file. Messages name the path and the reason in
/// words (`no space left on device`), never a raw Foundation error.
package enum FileIO {
  /// Writes `text` to `url` atomically, creating parent folders.
  package static func write(
    _ text: String, to url: URL, executable: Bool = false
  ) throws(CosimError) {
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url, options: .atomic)
      if executable {
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
      }
    } catch {
      throw .io("cannot write \(url.path): \(reason(for: error))")
    }
  }

  /// Reads `url` as UTF-8 text.
  package static func read(_ url: URL) throws(CosimError) -> String {
    do {
      return String(decoding: try Data(contentsOf: url), as: UTF8.self)
    } catch {
      throw .io("cannot read \(url.path): \(reason(for: error))")
    }
  }

  /// Creates `url` and its parents.
  package static func makeFolder(_ url: URL) throws(CosimError) {
    do {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
      throw .io("cannot create \(url.path): \(reason(for: error))")
    }
  }

  /// The reason for the system error `code` in lower-case words: `no space left on device`,
  /// `permission denied`.
  package static func reason(errno code: Int32) -> String {
    let text = String(cString: strerror(code))
    return text.prefix(1).lowercased() + text.dropFirst()
  }

  /// Why a file operation failed, in words and on one line: the `errno` behind a Foundation
  /// or POSIX error when there is one, else a short description of the Foundation error code
  /// (never the error's raw `NSCocoaErrorDomain … file:///…` form).
  package static func reason(for original: any Error) -> String {
    let error = original as NSError
    if error.domain == NSPOSIXErrorDomain { return reason(errno: Int32(error.code)) }
    if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError,
      underlying.domain == NSPOSIXErrorDomain
    {
      return reason(errno: Int32(underlying.code))
    }
    guard error.domain == NSCocoaErrorDomain else {
      return String(describing: original).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
    switch CocoaError.Code(rawValue: error.code) {
    case .fileNoSuchFile, .fileReadNoSuchFile: return reason(errno: ENOENT)
    case .fileReadNoPermission, .fileWriteNoPermission: return reason(errno: EACCES)
    case .fileWriteFileExists: return reason(errno: EEXIST)
    case .fileWriteOutOfSpace: return reason(errno: ENOSPC)
    case .fileWriteVolumeReadOnly: return reason(errno: EROFS)
    case .fileReadTooLarge: return reason(errno: EFBIG)
    case .fileReadInapplicableStringEncoding, .fileReadCorruptFile: return "not readable text"
    case .fileReadUnknown: return "cannot read"
    default: return "cannot write"
    }
  }

  /// The file path a Foundation error names, if any.
  package static func path(in error: any Error) -> String? {
    let info = (error as NSError).userInfo
    if let path = info[NSFilePathErrorKey] as? String { return path }
    return (info[NSURLErrorKey] as? URL)?.path
  }
}
