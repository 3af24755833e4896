import Foundation
import Testing
import _TestSupport

/// `scripts/demo.sh` colours its headings only on a terminal (issue 11). It runs here with
/// `true` standing in for both bittrue and Verilator, so only its own output is checked.
@Suite struct DemoScriptTests {
  @Test func noColourCodesWhenOutputIsNotATerminal() throws {
    let dir = Paths.temporaryDirectory("bittrue-demo")
    defer { try? FileManager.default.removeItem(at: dir) }
    let script = Paths.packageRoot.appendingPathComponent("scripts/demo.sh")
    let r = try CLI.run(
      program: script, ["/bin/true", dir.appendingPathComponent("out").path],
      environment: ["VERILATOR": "true"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("\n== 1. The data: "))
    #expect(!r.stdout.contains("\u{1B}"))
  }
}
