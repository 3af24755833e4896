import Foundation
import Testing
import _TestSupport

/// A Python interpreter that can `import torch, wageubn` (PyPI `wageubn` 1.2.0 on a CPU
/// torch), named by the developer. The package is no CI dependency, so without the variable
/// this suite is skipped, in CI too.
private let wageubnPython = ProcessInfo.processInfo.environment["BITTRUE_WAGEUBN_PYTHON"]

/// `tools/wageubn/pypi_agreement.py` on a few tensors: `bittrue wageubn quantize` equals the
/// package's `directquant`, `alldirectquant`, `shiftquant` and `gbnquant` exactly, and its
/// constant quantization passes the distributional tests against `constquant`.
@Suite(.enabled(if: wageubnPython != nil, "set BITTRUE_WAGEUBN_PYTHON to run"))
struct WageubnPyPIAgreementTests {
  @Test func quantizersAgreeWithThePackage() throws {
    let script = Paths.packageRoot.appendingPathComponent("tools/wageubn/pypi_agreement.py")
    let result = try CLI.run(
      program: URL(fileURLWithPath: wageubnPython!),
      [
        script.path, "--bittrue", CLI.executable.path, "--tensors", "40", "--const-tensors",
        "3", "--repeats", "1000",
      ])
    #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    #expect(result.stdout.hasSuffix("agreement: all\n"))
    #expect(result.stdout.contains("constquant (distributional)"))
  }
}
