import Foundation
import Testing
import _TestSupport

/// Golden weights digests of small `bnn train` runs, recorded with the plain Swift loops that
/// computed the training products before the float kernels (`CFloatKernels`): the kernels,
/// the batch-norm loops and the 16-lane Adam changed no bit of a trained net. A change of the
/// summation order, a fused multiply-add or a different rounding anywhere in a step shows as a
/// different digest.
@Suite struct BnnTrainDigestCLITests {
  @Test(arguments: [
    (
      ["--encoding", "thermometer"], "binary:64,binary:32,binary:10",
      "ce01efaf14ed3743b02a1a633492ef17dac9a5c875ef2e3515e34207235aeb1a"
    ),
    (
      ["--encoding", "thermometer"], "ternary:32,plinear:16,binary:10",
      "45b058c925df9c273677be516a15d8bb597d8b6758494375301911f0476e56e2"
    ),
    (
      ["--encoding", "raw", "--image", "1,8,8"], "conv3x3-int5:8,maxpool2,binary:32,binary:10",
      "a9514edc90f29c273cac01c61265a606b27d9d30b167689053e6b9d0a7e3a758"
    ),
  ])
  func digestIsTheOneRecordedBeforeTheFloatKernels(
    extra: [String], layers: String, digest: String
  ) throws {
    let dir = Paths.temporaryDirectory("bnn-train-digest")
    defer { try? FileManager.default.removeItem(at: dir) }
    for threads in ["1", "2"] {
      let r = try BnnTrainCLITests.train(
        dir.appendingPathComponent("t\(threads)").path, layers: layers,
        extra: extra + ["--threads", threads])
      #expect(r.status == 0, "\(r.stderr)")
      let last = r.stdout.split(separator: "\n").last.map(String.init)
      #expect(last == "weights digest: \(digest)", "\(threads) threads")
    }
  }
}
