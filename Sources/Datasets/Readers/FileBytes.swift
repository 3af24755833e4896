import Foundation

/// Reads whole files, transparently gunzipping gzip data (recognised by its magic number, so
/// a name with or without `.gz` both work).
public enum FileBytes {
  /// The bytes of the file at `path`, decompressed when they are gzip data.
  public static func read(_ path: String) throws -> [UInt8] {
    let raw = try readRaw(path)
    return Gzip.hasMagic(raw) ? try Gzip.decompress(raw, source: path) : raw
  }

  /// The bytes of the file at `path`, as stored.
  public static func readRaw(_ path: String) throws -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw DatasetError.fileNotFound(path: path)
    }
    guard !isDirectory.boolValue else {
      throw DatasetError.unreadableFile(path: path, reason: "it is a directory")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw DatasetError.unreadableFile(path: path, reason: "permission denied or I/O error")
    }
    return [UInt8](data)
  }
}
