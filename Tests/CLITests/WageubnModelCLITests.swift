import Foundation
import Testing
import _TestSupport

/// `bittrue wageubn train --model`: the MLP's results are those recorded before the network
/// became a sequence of stages, and model errors are one line (build the CLI first).
@Suite struct WageubnModelCLITests {
  static let base = [
    "wageubn", "train", "--dataset", "digits", "--data-dir", Paths.bundledData.path,
    "--epochs", "2", "--batch", "8", "--limit", "300", "--lr", "0.5", "--seed", "3",
    "--threads", "2", "--quiet",
  ]

  /// Digests recorded with the dense-only network (commit 03b4982) for these runs.
  @Test(arguments: [
    ([], "cf7ef33f1aea05cfe44a609b612ba9482db16a362324c6e9e996ae5929d9e552"),
    (["--reference", "float"], "d3fae442e8f6ddb10e37db07f568d1e6a52d1a982c606c44ebd25ea5925b8f3f"),
    (
      ["--profile", "hardware"], "4b96c413d1c5567bcfa9a7dbffc68b614c0039a1c44fbc87f0335792b0dd4580"
    ),
  ])
  func mlpDigestsAreUnchanged(extra: [String], digest: String) throws {
    let r = try CLI.run(Self.base + ["--model", "mlp:64-32-16-10"] + extra)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasSuffix("weights digest: \(digest)\n"))
  }

  @Test func modelErrorsAreOneLine() throws {
    let lenet = try CLI.run(Self.base + ["--model", "lenet"])
    #expect(lenet.status != 0)
    #expect(
      lenet.stderr
        == "Error: --model lenet needs 784 inputs and 10 classes; digits has 64 features and "
        + "10 classes\n")
    for bad in ["lenet5", "mlp:64", "mlp:64-x-10", "conv:3", "lenet\nmlp:64-10", ""] {
      let r = try CLI.run(Self.base + ["--model", bad])
      #expect(r.status != 0)
      #expect(r.stderr.hasPrefix("Error: --model: expected mlp:"), "\(bad)")
      #expect(r.stderr.split(separator: "\n").count == 1, "\(bad)")
    }
  }
}
