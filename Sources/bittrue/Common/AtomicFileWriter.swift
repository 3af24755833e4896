import Cosim
import Foundation

/// Writes one output file (`--out`, `--scores`, reports, Verilog, model files) without ever
/// replacing what the path names by something else:
///
/// - A new or existing regular file is written to a temporary file in the same folder
///   (`.<name>.tmp-<pid>-<random>`), flushed to disk and renamed over the target
///   (`rename(2)` is atomic), so an interrupted or failed command never leaves a
///   half-written file. An existing file keeps its permission bits (and, when allowed, its
///   owner).
/// - An existing file with more than one hard link is rewritten in place instead, so its
///   other names keep seeing the new content (replacing it would detach them); that write is
///   not atomic.
/// - Character devices, FIFOs and sockets (`/dev/null`, `/dev/stdout`, a named pipe) are
///   written through, never replaced.
/// - A symbolic link is followed: its target is written (as above), the link stays.
/// - The folder must exist: a missing folder (a typo in `a/b/c.csv`) is an error, not a new
///   tree; an empty path and a folder are errors too.
///
/// Every command that writes a single file uses this; output folders use ``OutputFolder``.
enum AtomicFileWriter {
  /// Why a file could not be written: `<path>: cannot write: <reason>`.
  struct Failure: Error, CustomStringConvertible {
    /// The target path.
    let path: String
    /// What went wrong, in words.
    let reason: String
    var description: String {
      path.isEmpty ? "an output path is empty" : "\(path): cannot write: \(reason)"
    }
  }

  /// Writes `text` as UTF-8 to `path`.
  static func write(_ text: String, to path: String) throws(Failure) {
    try write(Array(text.utf8), to: path)
  }

  /// Writes `data` to `path`.
  static func write(_ data: Data, to path: String) throws(Failure) {
    try write([UInt8](data), to: path)
  }

  /// Writes `bytes` to `path` (see the type's documentation for what happens when).
  static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
    guard !path.isEmpty else { throw Failure(path: path, reason: "empty path") }
    let target = try resolvingLinks(path)
    var info = stat()
    guard lstat(target, &info) == 0 else {
      guard errno == ENOENT else { throw Failure(path: path, reason: FileIO.reason(errno: errno)) }
      try requireFolder(of: target, for: path)
      return try replace(target, with: bytes, mode: nil, reportedAs: path)
    }
    switch info.st_mode & S_IFMT {
    case S_IFDIR:
      throw Failure(path: path, reason: "is a folder")
    case S_IFREG where info.st_nlink > 1:
      try writeThrough(target, bytes, flags: O_TRUNC, sync: true, reportedAs: path)
    case S_IFREG:
      try replace(target, with: bytes, mode: info, reportedAs: path)
    default:
      try writeThrough(target, bytes, flags: 0, sync: false, reportedAs: path)
    }
  }

  /// `path` with symbolic links in its last component followed (up to 32 of them); a
  /// dangling link gives the path the file will be created at.
  static func resolvingLinks(_ path: String) throws(Failure) -> String {
    var current = path
    for _ in 0..<32 {
      var info = stat()
      guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(current, &buffer, buffer.count - 1)
      guard count >= 0 else { throw Failure(path: path, reason: FileIO.reason(errno: errno)) }
      let link = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current =
        link.hasPrefix("/")
        ? link : (URL(fileURLWithPath: current).deletingLastPathComponent().path + "/" + link)
    }
    throw Failure(path: path, reason: FileIO.reason(errno: ELOOP))
  }

  /// Requires the folder that will hold `target` to exist.
  static func requireFolder(of target: String, for path: String) throws(Failure) {
    // By hand: Foundation's `deletingLastPathComponent` traps on a one-character path ("x").
    let slash = target.lastIndex(of: "/")
    let folder = slash.map { $0 == target.startIndex ? "/" : String(target[..<$0]) } ?? "."
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else {
      throw Failure(path: path, reason: "folder \(folder) does not exist")
    }
    guard isFolder.boolValue else { throw Failure(path: path, reason: "\(folder) is not a folder") }
  }

  /// Writes a temporary file beside `target` and renames it over `target`; `mode`, when
  /// given, supplies the permission bits and owner to keep.
  private static func replace(
    _ target: String, with bytes: [UInt8], mode: stat?, reportedAs path: String
  ) throws(Failure) {
    let url = URL(fileURLWithPath: target)
    let temporary = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    ).path
    Interrupts.removeOnInterrupt(temporary)
    defer { Interrupts.keep(temporary) }
    do throws(Failure) {
      try create(temporary, bytes, mode: mode, reportedAs: path)
      guard rename(temporary, target) == 0 else {
        throw Failure(path: path, reason: FileIO.reason(errno: errno))
      }
    } catch {
      unlink(temporary)
      throw error
    }
  }

  /// Creates the new file `path` (it must not exist), writes `bytes` and flushes them to
  /// disk; `mode` supplies permission bits and owner. Failures name `reportedAs`.
  static func create(
    _ path: String, _ bytes: [UInt8], mode: stat? = nil, reportedAs: String
  ) throws(Failure) {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    guard descriptor >= 0 else {
      throw Failure(path: reportedAs, reason: FileIO.reason(errno: errno))
    }
    if let mode {
      _ = fchown(descriptor, mode.st_uid, mode.st_gid)
      _ = fchmod(descriptor, mode.st_mode & 0o7777)
    }
    try finish(descriptor, bytes, sync: true, reportedAs: reportedAs)
  }

  /// Opens the existing `target` for writing with `flags` and writes `bytes` to it.
  private static func writeThrough(
    _ target: String, _ bytes: [UInt8], flags: Int32, sync: Bool, reportedAs path: String
  ) throws(Failure) {
    let descriptor = open(target, O_WRONLY | O_CLOEXEC | flags)
    guard descriptor >= 0 else { throw Failure(path: path, reason: FileIO.reason(errno: errno)) }
    try finish(descriptor, bytes, sync: sync, reportedAs: path)
  }

  /// Writes all of `bytes` to `descriptor`, optionally flushes them to disk, and closes it;
  /// any failure (a full disk shows at the write, the flush or the close) is thrown.
  private static func finish(
    _ descriptor: Int32, _ bytes: [UInt8], sync: Bool, reportedAs path: String
  ) throws(Failure) {
    var offset = 0
    var failure: Int32?
    while offset < bytes.count && failure == nil {
      let written = bytes.withUnsafeBytes {
        Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset)
      }
      if written >= 0 {
        offset += written
      } else if errno != EINTR {
        failure = errno
      }
    }
    if failure == nil && sync && fsync(descriptor) != 0 { failure = errno }
    if close(descriptor) != 0 && failure == nil && errno != EINTR { failure = errno }
    if let failure { throw Failure(path: path, reason: FileIO.reason(errno: failure)) }
  }
}
