import Foundation
import Testing
import _TestSupport

/// The CLogicKernels C target against tools/neon-check's scalar reference, natively and built
/// for aarch64 (NEON) under qemu-aarch64: runs when `aarch64-linux-gnu-gcc` and
/// `qemu-aarch64` are installed, and always in CI on x86-64 (`.ci/run` installs them there),
/// where missing tools fail the test. (On arm64 hosts every other kernel test runs NEON.)
@Suite struct NeonKernelCheckTests {
  static var runs: Bool {
    let present =
      ToolGate.find("aarch64-linux-gnu-gcc") != nil && ToolGate.find("qemu-aarch64") != nil
    #if arch(x86_64)
      return present || ToolGate.isCI
    #else
      return present
    #endif
  }

  @Test(.enabled(if: runs, "aarch64-linux-gnu-gcc or qemu-aarch64 missing"))
  func neonPathAgreesWithTheReference() throws {
    let script = Paths.packageRoot.appendingPathComponent("tools/neon-check/run.sh")
    let log = Paths.temporaryDirectory("bittrue-neon-check").appendingPathComponent("log")
    defer { try? FileManager.default.removeItem(at: log.deletingLastPathComponent()) }
    try Data().write(to: log)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [script.path, "150"]
    var environment = ProcessInfo.processInfo.environment
    environment["NEON_CHECK_REQUIRE"] = "1"
    process.environment = environment
    let handle = try FileHandle(forWritingTo: log)
    process.standardOutput = handle
    process.standardError = handle
    try process.run()
    process.waitUntilExit()
    let output = String(decoding: try Data(contentsOf: log), as: UTF8.self)
    #expect(process.terminationStatus == 0, "\(output)")
    #expect(output.contains("aarch64 NEON (gcc): ok: 150 trials, paths 1"), "\(output)")
  }
}
