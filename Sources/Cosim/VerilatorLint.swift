import Foundation

/// `verilator --lint-only -Wall` on a set of files: every emitted design and every `rtl/`
/// primitive must produce no warning at all.
package enum VerilatorLint {
  /// The warnings and errors Verilator prints for `files` with `top` as the top module and
  /// the given parameter overrides (`-GNAME=value`); empty when the design is clean.
  package static func warnings(
    _ files: [SourceFile], top: String, parameters: [(String, Int)] = []
  ) throws(CosimError) -> String {
    guard let verilator = try ExternalTool.locate("verilator", environmentVariable: "VERILATOR")
    else { throw .verilatorNotFound }
    let folder = FileManager.default.temporaryDirectory
      .appendingPathComponent("bittrue-lint-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    for file in files { try FileIO.write(file.text, to: folder.appendingPathComponent(file.name)) }
    let log = folder.appendingPathComponent("lint.log")
    let arguments =
      ["--lint-only", "-Wall", "--top-module", top]
      + parameters.map { "-G\($0.0)=\($0.1)" } + files.map(\.name)
    do throws(CosimError) {
      try ExternalTool.run(verilator, arguments, in: folder, log: log)
    } catch {
      if case .commandFailed = error {} else { throw error }
    }
    let text = try FileIO.read(log)
    // The log starts with the command line; everything after it is Verilator's output.
    return text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()
      .joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
  }
}
