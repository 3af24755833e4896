import Foundation

/// Gating for tests that need external tools (Verilator, Icarus, Yosys, gcc).
///
/// On a developer machine without the tool such a test is skipped with a message; when the
/// environment has `CI=true` a missing Verilator, Yosys or python3 is a failure, never a skip
/// (`.ci/run` installs all three).
public enum ToolGate {
  /// Whether the tests run in CI (`CI=true`).
  public static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

  /// The path of an executable found on `PATH` (or named by an environment variable).
  public static func find(_ tool: String, environmentOverride: String? = nil) -> String? {
    let env = ProcessInfo.processInfo.environment
    if let key = environmentOverride, let path = env[key], !path.isEmpty { return path }
    for dir in (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
      let candidate = "\(dir)/\(tool)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Whether Verilator is available; in CI its absence is a test failure.
  public static var hasVerilator: Bool {
    find("verilator", environmentOverride: "VERILATOR") != nil
  }

  /// Whether Verilator tests should run: true when present; in CI also true when absent, so
  /// the test runs and fails loudly instead of being skipped.
  public static var runVerilatorTests: Bool { hasVerilator || isCI }

  /// Whether Icarus Verilog (`iverilog` and `vvp`) is available.
  public static var hasIcarus: Bool { find("iverilog") != nil && find("vvp") != nil }

  /// Whether Yosys is available.
  public static var hasYosys: Bool { find("yosys") != nil }

  /// Whether Yosys tests should run: when Yosys is present, and always in CI (where a
  /// missing Yosys then fails the test instead of skipping it).
  public static var runYosysTests: Bool { hasYosys || isCI }

  /// The Python 3 interpreter: `$PYTHON`, else `python3` on `PATH`.
  public static var python: String? { find("python3", environmentOverride: "PYTHON") }

  /// Whether python3 tests should run: when python3 is present, and always in CI (where a
  /// missing python3 then fails the test instead of skipping it).
  public static var runPythonTests: Bool { python != nil || isCI }
}
