import Foundation
import Testing
import _TestSupport

/// How `bittrue cosim` runs its external tools (issue 11): an interrupt stops the whole
/// Verilator build — `make` and every compiler under it — and removes the temporary build
/// folder; a build folder whose path has a space is refused up front with a clear message.
@Suite(
  .serialized, .tags(.verilator),
  .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct CosimProcessCLITests {
  /// The processes whose current folder lies under `folder` (from /proc).
  private func processes(under folder: String) -> [String] {
    let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
    return pids.filter { Int($0) != nil }.compactMap { pid -> String? in
      guard
        let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd"),
        cwd.hasPrefix(folder)
      else { return nil }
      return "\(pid) in \(cwd)"
    }
  }

  @Test func anInterruptedBuildLeavesNoProcessesAndNoFolder() throws {
    let dir = Paths.temporaryDirectory("bittrue-cosim-interrupt")
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data(Fixtures.clockedAdder.utf8).write(to: dir.appendingPathComponent("adder.nl"))
    let cache = dir.appendingPathComponent("cache")
    let process = Process()
    process.executableURL = CLI.executable
    process.arguments = ["cosim", "adder.nl", "--vectors", "10", "--cache", cache.path]
    process.currentDirectoryURL = dir
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Wait until make runs in the temporary build folder.
    var building = false
    for _ in 0..<1200 where !building {
      building = processes(under: cache.path).count >= 2
      if !building { usleep(50_000) }
    }
    #expect(building)
    process.terminate()
    process.waitUntilExit()
    #expect(process.terminationStatus == 128 + SIGTERM)
    usleep(200_000)
    #expect(processes(under: cache.path).isEmpty)
    let left = (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []
    #expect(left.isEmpty, "\(left)")
  }

  @Test func aBuildFolderWithASpaceIsRefusedClearly() throws {
    let dir = Paths.temporaryDirectory("bittrue-cosim space")
    defer { try? FileManager.default.removeItem(at: dir) }
    try Data(Fixtures.clockedAdder.utf8).write(to: dir.appendingPathComponent("adder.nl"))
    let r = try CLI.run(
      ["cosim", "adder.nl", "--vectors", "10"], environment: ["BITTRUE_CACHE": ""],
      currentDirectory: dir)
    #expect(r.status == 1)
    let cache = dir.appendingPathComponent(".build/cosim").standardizedFileURL.path
    #expect(
      r.stderr
        == "Error: adder.nl: cannot build with Verilator in '\(cache)': GNU make cannot build "
        + "in a folder whose path contains a space; set BITTRUE_CACHE (or --cache) to a folder "
        + "without one\n")
    #expect(!FileManager.default.fileExists(atPath: cache))
  }
}
