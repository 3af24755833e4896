import Foundation
import Testing
import _TestSupport

/// `bittrue bnn train` on the bundled digits: it learns, writes its files, and the integer
/// net it writes is what `cosim` checks against Verilator.
@Suite struct BnnTrainCLITests {
  static func train(_ out: String, layers: String, extra: [String] = []) throws -> CLI.Result {
    try CLI.run(
      [
        "bnn", "train", "--dataset", "digits", "--data-dir", Paths.bundledData.path, "--limit",
        "500", "--layers", layers, "--epochs", "2", "--batch-size", "32", "--seed", "3",
        "--out", out, "--quiet",
      ] + extra)
  }

  @Test func trainsAboveChanceAndWritesItsFiles() throws {
    let dir = Paths.temporaryDirectory("bnn-train")
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("run").path
    let r = try Self.train(
      out, layers: "int6:24,binary:10",
      extra: ["--encoding", "fixed", "--format", "ufix5_En0", "--validation", "0.2"])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    let accuracyLine = try #require(lines.first { $0.hasPrefix("test accuracy: ") })
    let percent = try #require(Double(accuracyLine.dropFirst(15).dropLast()))
    #expect(percent > 40, "10 classes: chance is 10%")
    #expect(lines.last?.hasPrefix("weights digest: ") == true)
    for name in ["model.json", "training-state", "curve.svg", "report.json", "report.md"] {
      #expect(FileManager.default.fileExists(atPath: out + "/" + name), "\(name)")
    }
    let model = try String(contentsOfFile: out + "/model.json", encoding: .utf8)
    #expect(model.contains("\"kind\": \"uint\", \"bits\": 5, \"count\": 64"))
    let report = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
    #expect(report.contains("## Confusion matrix"))
    // The same run on another thread count gives the same digest.
    let again = try Self.train(
      dir.appendingPathComponent("again").path, layers: "int6:24,binary:10",
      extra: [
        "--encoding", "fixed", "--format", "ufix5_En0", "--validation", "0.2", "--threads", "1",
      ])
    #expect(again.stdout.split(separator: "\n").map(String.init).last == lines.last)
  }

  @Test(arguments: [
    ("binary:16,binary:9", "--layers: the last layer has 9 outputs, the data set 10 classes"),
    (
      "int4:16,binary:10",
      "--layers: int4 weights need integer inputs (first layer only; use --encoding fixed or raw)"
    ),
    (
      "binary:16,huge:10",
      "--layers: unknown weights 'huge' (expected binary, ternary, plinear, complex or int2…int16)"
    ),
  ])
  func badLayerListsAreOneLineErrors(layers: String, message: String) throws {
    let dir = Paths.temporaryDirectory("bnn-train")
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try Self.train(
      dir.appendingPathComponent("run").path, layers: layers,
      extra: ["--encoding", "thermometer"])
    #expect(r.status != 0)
    #expect(r.stderr == "Error: \(message)\n", "\(r.stderr)")
  }
}

/// A convolutional front on digits: it learns (and is the same for any thread count); a
/// front without --image, or an --image that is not the data, is a one-line error.
@Suite struct BnnTrainConvCLITests {
  @Test func trainsAConvolutionalNetAboveChance() throws {
    let dir = Paths.temporaryDirectory("bnn-train-conv")
    defer { try? FileManager.default.removeItem(at: dir) }
    let layers = "conv3x3-int5:8,maxpool2,binary:32,binary:10"
    let extra = ["--encoding", "raw", "--image", "1,8,8"]
    let r = try BnnTrainCLITests.train(
      dir.appendingPathComponent("a").path, layers: layers, extra: extra)
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    let accuracyLine = try #require(lines.first { $0.hasPrefix("test accuracy: ") })
    #expect(try #require(Double(accuracyLine.dropFirst(15).dropLast())) > 50)
    let again = try BnnTrainCLITests.train(
      dir.appendingPathComponent("b").path, layers: layers, extra: extra + ["--threads", "1"])
    #expect(again.stdout.split(separator: "\n").map(String.init).last == lines.last)
  }

  @Test(arguments: [
    ([] as [String], "--layers: convolution and max-pool layers need --image C,H,W"),
    (["--image", "1,8,9"], "--image 1,8,9: expected 64 values (C·H·W)"),
    (["--image", "1,8"], "--image: expected C,H,W (e.g. 1,28,28), got '1,8'"),
  ])
  func badImagesAreOneLineErrors(image: [String], message: String) throws {
    let dir = Paths.temporaryDirectory("bnn-train-conv")
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try BnnTrainCLITests.train(
      dir.appendingPathComponent("run").path, layers: "conv3x3-binary:4,binary:10",
      extra: ["--encoding", "raw"] + image)
    #expect(r.status != 0)
    #expect(r.stderr == "Error: \(message)\n", "\(r.stderr)")
  }
}

@Suite(
  .serialized, .tags(.verilator),
  .enabled(if: ToolGate.runVerilatorTests, "verilator is not installed"))
struct BnnTrainCosimCLITests {
  @Test func cosimAgreesWithTheTrainedNet() throws {
    let dir = Paths.temporaryDirectory("bnn-train-cosim")
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("run").path
    let train = try BnnTrainCLITests.train(
      out, layers: "ternary:8,binary:10", extra: ["--encoding", "thermometer"])
    #expect(train.status == 0, "\(train.stderr)")
    let r = try CLI.run([
      "cosim", out + "/model.json", "--vectors", "200", "--seed", "5", "--opt-level", "O0",
      "--cache", CosimCLITests.cache,
    ])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.contains("agree: model, interp, opt, gates64, verilator on 200 vectors"))
  }

  @Test func cosimAgreesWithANetTrainedWithAnOutputBatchNorm() throws {
    let dir = Paths.temporaryDirectory("bnn-train-output-bn")
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("run").path
    let train = try BnnTrainCLITests.train(
      out, layers: "int5:16,binary:10",
      extra: ["--encoding", "fixed", "--format", "ufix5_En0", "--output-bn"])
    #expect(train.status == 0, "\(train.stderr)")
    let accuracyLine = try #require(
      train.stdout.split(separator: "\n").first { $0.hasPrefix("test accuracy: ") })
    #expect(try #require(Double(accuracyLine.dropFirst(15).dropLast())) > 40)
    let model = try String(contentsOfFile: out + "/model.json", encoding: .utf8)
    #expect(model.contains("\"scale\""), "the output affine is in the file")
    let r = try CLI.run([
      "cosim", out + "/model.json", "--vectors", "200", "--seed", "6", "--opt-level", "O0",
      "--cache", CosimCLITests.cache,
    ])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.contains("agree: model, interp, opt, gates64, verilator on 200 vectors"))
  }

  @Test func cosimAgreesWithATrainedConvolutionalNet() throws {
    let dir = Paths.temporaryDirectory("bnn-train-conv")
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("run").path
    let train = try BnnTrainCLITests.train(
      out, layers: "conv3x3-int5:4,maxpool2,binary:10",
      extra: ["--encoding", "raw", "--image", "1,8,8"])
    #expect(train.status == 0, "\(train.stderr)")
    let accuracyLine = try #require(
      train.stdout.split(separator: "\n").first { $0.hasPrefix("test accuracy: ") })
    #expect(try #require(Double(accuracyLine.dropFirst(15).dropLast())) > 40)
    let model = try String(contentsOfFile: out + "/model.json", encoding: .utf8)
    #expect(model.contains("\"kind\": \"maxpool\""))
    let r = try CLI.run([
      "cosim", out + "/model.json", "--vectors", "100", "--seed", "7", "--opt-level", "O0",
      "--cache", CosimCLITests.cache,
    ])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.contains("agree: model, interp, opt, gates64, verilator on 100 vectors"))
  }
}
