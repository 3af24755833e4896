import Foundation

/// Reads whole files, transparently gunzipping gzip data (recognised by its magic number, so
/// a name with or without `.gz` both work).
public enum FileBytes {
  /// The bytes of the file at `path`, decompressed when they are gzip data (streamed through
  /// zlib, at most ``Gzip/maxDecompressedBytes``).
  public static func read(_ path: String) throws -> [UInt8] {
    let handle = try open(path)
    defer { try? handle.close() }
    let first = try chunk(of: handle, path: path)
    guard Gzip.hasMagic(first) else {
      return try Array(first + chunk(of: handle, path: path, all: true))
    }
    var pending: ArraySlice<UInt8>? = first
    return try Gzip.decompress(source: path, limit: Gzip.maxDecompressedBytes) {
      if let next = pending {
        pending = nil
        return next
      }
      return try chunk(of: handle, path: path)
    }
  }

  /// The bytes of the file at `path`, as stored.
  public static func readRaw(_ path: String) throws -> [UInt8] {
    let handle = try open(path)
    defer { try? handle.close() }
    return Array(try chunk(of: handle, path: path, all: true))
  }

  /// The file at `path` opened for reading, or a typed error.
  private static func open(_ path: String) throws -> FileHandle {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw DatasetError.fileNotFound(path: path)
    }
    guard !isDirectory.boolValue else {
      throw DatasetError.unreadableFile(path: path, reason: "it is a directory")
    }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw DatasetError.unreadableFile(path: path, reason: "permission denied")
    }
    return handle
  }

  /// The next megabyte of `handle` (or everything left, with `all`); empty at the end.
  private static func chunk(of handle: FileHandle, path: String, all: Bool = false) throws
    -> ArraySlice<UInt8>
  {
    do {
      let data = all ? try handle.readToEnd() : try handle.read(upToCount: 1 << 20)
      return ArraySlice(data.map { [UInt8]($0) } ?? [])
    } catch {
      throw DatasetError.unreadableFile(path: path, reason: "I/O error")
    }
  }
}
