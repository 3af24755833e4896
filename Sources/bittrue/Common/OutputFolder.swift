import Cosim
import Foundation

/// An output folder (`logic train --out`, `logic emit --out`, `netlist emit --out`,
/// `data export --out`) written as one consistent set of files.
///
/// The files go into a sibling staging folder, `.<name>.partial-<pid>-<random>`, created
/// when the command starts (so a bad `--out` fails before any work). ``commit()`` swaps it
/// in: with no folder at the path it is renamed into place; otherwise the two are exchanged
/// atomically (`renameat2(RENAME_EXCHANGE)`; where the file system lacks it, the old folder
/// is first renamed aside to `.<name>.old-<pid>-<random>`) and the old folder is removed.
/// So the path always holds either the complete old set or the complete new one: never
/// `model.json` of one run beside `net.json` of another. Anything else in the old folder
/// (e.g. an `rtl/` emitted into a training folder) goes with it.
///
/// Because the whole folder is replaced, an existing folder is taken only when it is empty
/// or was written by bittrue (it holds ``markerName``); any other existing folder — `.`, a
/// home folder, a folder of sources — is refused. Missing parent folders are created. An
/// interrupt removes the staging folder (``Interrupts``); one left by a killed run (its
/// process is gone) is removed by the next run on the same path.
final class OutputFolder {
  /// The file that marks a folder as written (and replaceable) by bittrue.
  static let markerName = ".bittrue-output"

  /// The folder as the user named it (for messages).
  let path: String
  /// The folder's absolute path, with a symbolic link in its last component followed.
  private let target: String
  /// The staging folder the files are written into.
  private let staging: String
  /// Whether ``commit()`` has swapped the staging folder in.
  private var committed = false

  /// Checks `path` and creates the staging folder; `command` is recorded in the marker.
  init(_ path: String, command: String) throws(AtomicFileWriter.Failure) {
    self.path = path
    guard !path.isEmpty else { throw AtomicFileWriter.Failure(path: path, reason: "") }
    let url = URL(fileURLWithPath: try AtomicFileWriter.resolvingLinks(path)).standardizedFileURL
    target = url.path
    try Self.requireReplaceable(target, reportedAs: path)
    let parent = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    } catch {
      throw AtomicFileWriter.Failure(
        path: path, reason: "cannot create folder \(parent.path): \(FileIO.reason(for: error))")
    }
    Self.removeStale(in: parent.path, name: url.lastPathComponent)
    staging =
      parent.appendingPathComponent(
        ".\(url.lastPathComponent).partial-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
      ).path
    Interrupts.removeOnInterrupt(staging)
    guard mkdir(staging, 0o777) == 0 else {
      let reason = FileIO.reason(errno: errno)
      Interrupts.keep(staging)
      throw AtomicFileWriter.Failure(path: path, reason: reason)
    }
    try write(
      "Written as a whole by `\(command)`; the next run on this folder replaces all of it.\n",
      named: Self.markerName)
  }

  deinit {
    guard !committed else { return }
    try? FileManager.default.removeItem(atPath: staging)
    Interrupts.keep(staging)
  }

  /// Writes the file `name` (no folders) into the new set.
  func write(_ text: String, named name: String) throws(AtomicFileWriter.Failure) {
    try write(Array(text.utf8), named: name)
  }

  /// Writes the file `name` (no folders) into the new set.
  func write(_ bytes: [UInt8], named name: String) throws(AtomicFileWriter.Failure) {
    try AtomicFileWriter.create(staging + "/" + name, bytes, reportedAs: path + "/" + name)
  }

  /// Swaps the new set in and removes the old folder.
  func commit() throws(AtomicFileWriter.Failure) {
    var info = stat()
    if lstat(target, &info) != 0 {
      guard rename(staging, target) == 0 else { throw failure(errno) }
    } else {
      _ = chmod(staging, info.st_mode & 0o7777)
      if Self.exchange(staging, target) != 0 {
        let aside = staging.replacingOccurrences(of: ".partial-", with: ".old-")
        Interrupts.removeOnInterrupt(aside)
        defer { Interrupts.keep(aside) }
        guard rename(target, aside) == 0 else { throw failure(errno) }
        guard rename(staging, target) == 0 else {
          let code = errno
          rename(aside, target)
          throw failure(code)
        }
        try? FileManager.default.removeItem(atPath: aside)
      } else {
        // The staging path now holds the old folder.
        try? FileManager.default.removeItem(atPath: staging)
      }
    }
    committed = true
    Interrupts.keep(staging)
  }

  private func failure(_ code: Int32) -> AtomicFileWriter.Failure {
    AtomicFileWriter.Failure(path: path, reason: FileIO.reason(errno: code))
  }

  /// Fails unless `target` is absent, an empty folder, or a folder bittrue wrote.
  private static func requireReplaceable(
    _ target: String, reportedAs path: String
  ) throws(AtomicFileWriter.Failure) {
    var info = stat()
    guard lstat(target, &info) == 0 else {
      guard errno == ENOENT else {
        throw AtomicFileWriter.Failure(path: path, reason: FileIO.reason(errno: errno))
      }
      return
    }
    guard info.st_mode & S_IFMT == S_IFDIR else {
      throw AtomicFileWriter.Failure(path: path, reason: "exists and is not a folder")
    }
    let entries: [String]
    do {
      entries = try FileManager.default.contentsOfDirectory(atPath: target)
    } catch {
      throw AtomicFileWriter.Failure(path: path, reason: FileIO.reason(for: error))
    }
    guard entries.isEmpty || entries.contains(markerName) else {
      throw AtomicFileWriter.Failure(
        path: path,
        reason:
          "the folder exists and was not written by bittrue (no \(markerName)); an output "
          + "folder is replaced as a whole: remove it or name a new one")
    }
  }

  /// Removes staging and set-aside folders of `name` in `parent` whose process has ended.
  private static func removeStale(in parent: String, name: String) {
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else {
      return
    }
    for entry in entries {
      for prefix in [".\(name).partial-", ".\(name).old-"] where entry.hasPrefix(prefix) {
        let pid = entry.dropFirst(prefix.count).prefix { $0 != "-" }
        guard let pid = pid_t(pid), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else {
          continue
        }
        try? FileManager.default.removeItem(atPath: parent + "/" + entry)
      }
    }
  }

  /// Exchanges the two paths atomically with `renameat2(RENAME_EXCHANGE)` (Linux 3.15+,
  /// glibc 2.28+, looked up at run time because Swift's Glibc module does not import it);
  /// non-zero when it is unavailable or fails.
  private static func exchange(_ a: String, _ b: String) -> Int32 {
    typealias RenameAt2 =
      @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    guard let symbol = dlsym(dlopen(nil, RTLD_NOW), "renameat2") else { return -1 }
    let renameExchange: UInt32 = 1 << 1
    return unsafeBitCast(symbol, to: RenameAt2.self)(AT_FDCWD, a, AT_FDCWD, b, renameExchange)
  }
}
