import Foundation

/// Golden-file checks: expected output stored next to the test, compared exactly.
///
/// Set `BITTRUE_RECORD_GOLDEN=1` to re-record: the file is rewritten and the check still
/// fails (so a re-record is never mistaken for a pass); rerun without the variable.
public enum Golden {
  /// Whether this run re-records golden files.
  public static var recording: Bool {
    ProcessInfo.processInfo.environment["BITTRUE_RECORD_GOLDEN"] == "1"
  }

  /// `nil` when `text` equals the golden file `name` in `folder`; otherwise a message
  /// (showing the first differing line, or saying the file was re-recorded or is missing).
  public static func mismatch(_ text: String, name: String, folder: URL) -> String? {
    let url = folder.appendingPathComponent(name)
    if recording {
      try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      try? Data(text.utf8).write(to: url, options: .atomic)
      return "re-recorded \(url.path); rerun without BITTRUE_RECORD_GOLDEN"
    }
    guard let data = FileManager.default.contents(atPath: url.path) else {
      return "missing golden file \(url.path); record it with BITTRUE_RECORD_GOLDEN=1"
    }
    let expected = String(decoding: data, as: UTF8.self)
    if expected == text { return nil }
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = text.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(a.count, b.count) {
      let l = i < a.count ? String(a[i]) : "<end>"
      let r = i < b.count ? String(b[i]) : "<end>"
      if l != r { return "\(name) line \(i + 1):\n  golden: \(l)\n  actual: \(r)" }
    }
    return "\(name) differs"
  }
}
