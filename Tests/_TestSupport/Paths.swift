import Foundation

/// Locations the tests need: the package root, the built CLI, the shared data sets.
public enum Paths {
  /// The package root (the folder holding Package.swift).
  public static let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    while url.path != "/" {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
        return url
      }
    }
    fatalError("Package.swift not found above \(#filePath)")
  }()

  /// The data-set folder for tests: `$BITTRUE_DATA`, else the first `shared/data` found
  /// beside or above the package, else `nil` (tests that need it then skip, saying why).
  public static let sharedData: URL? = {
    let env = ProcessInfo.processInfo.environment
    if let path = env["BITTRUE_DATA"], !path.isEmpty { return URL(fileURLWithPath: path) }
    var url = packageRoot
    while url.path != "/" {
      let candidate = url.appendingPathComponent("shared/data")
      if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("README.md").path)
      {
        return candidate
      }
      url.deleteLastPathComponent()
    }
    return nil
  }()

  /// The data sets the repository itself carries (`data/`).
  public static var bundledData: URL { packageRoot.appendingPathComponent("data") }

  /// A fresh temporary folder, removed by the caller when it likes.
  public static func temporaryDirectory(_ prefix: String = "bittrue-test") -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
