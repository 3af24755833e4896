import Foundation

extension FuzzCorpus {
  /// The regression inputs stored as files in `folder` (a path relative to the package root),
  /// in name order: one input per file, its bytes exactly as the parser is fed them. Files keep
  /// a corpus out of the Swift sources, where near-identical mutants would read as code.
  public static func files(in folder: String) -> [Data] {
    let url = Paths.packageRoot.appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
    return names.sorted().compactMap { name in
      FileManager.default.contents(atPath: url.appendingPathComponent(name).path)
    }
  }
}
