import Foundation
import Testing
import _TestSupport

/// End-to-end tests of `bittrue wageubn train` and `bittrue wageubn report` on the bundled
/// digits data (build the CLI first: `swift build`).
@Suite struct WageubnTrainCLITests {
  static let tiny = [
    "wageubn", "train", "--dataset", "digits", "--data-dir", Paths.bundledData.path,
    "--model", "mlp:64-32-10", "--epochs", "2", "--batch", "8", "--schedule", "constant",
    "--limit", "600", "--lr", "0.5", "--seed", "3", "--quiet",
  ]

  static func lastLines(_ r: CLI.Result) -> (accuracy: Double, digest: String) {
    let lines = r.stdout.split(separator: "\n").map(String.init)
    let accuracy = lines.first { $0.hasPrefix("test accuracy: ") }.map {
      Double($0.dropFirst("test accuracy: ".count).dropLast())!
    }
    let digest = lines.first { $0.hasPrefix("weights digest: ") }.map {
      String($0.dropFirst("weights digest: ".count))
    }
    return (accuracy ?? -1, digest ?? "")
  }

  @Test func tinyDigitsRunLearnsAndReports() throws {
    let dir = Paths.temporaryDirectory("bittrue-wageubn")
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("run").path
    let one = try CLI.run(Self.tiny + ["--threads", "1", "--out", out])
    #expect(one.status == 0, "\(one.stderr)")
    let (accuracy, digest) = Self.lastLines(one)
    #expect(accuracy > 40, "well above chance (10%)")
    #expect(digest.count == 64)
    let two = try CLI.run(Self.tiny + ["--threads", "2"])
    #expect(Self.lastLines(two).digest == digest, "--threads does not change the result")
    for file in ["report.json", "report.md", "curve.svg", "train.log", "checkpoint.json"] {
      #expect(FileManager.default.fileExists(atPath: out + "/" + file), "\(file)")
    }
    let text = try CLI.run(["wageubn", "report", out])
    #expect(text.status == 0)
    for heading in ["Format map", "Accumulators", "Quantized tensors", "Updates versus the LSB"] {
      #expect(text.stdout.contains(heading))
    }
    #expect(text.stdout.contains("weights digest: \(digest)"))
    #expect(text.stdout.contains("dense2  error"))
    let markdown = try CLI.run(["wageubn", "report", out, "--markdown"])
    #expect(markdown.stdout.hasPrefix("# WAGEUBN training run"))
    #expect(markdown.stdout.contains("| layer | product | declared |"))
    let json = try CLI.run(["wageubn", "report", out, "--json"])
    let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
    #expect(object?["weightsDigest"] as? String == digest)
    let layers = object?["layers"] as? [[String: Any]]
    let tensors = layers?.first?["tensors"] as? [String: [String: Any]]
    let exponents = tensors?["E2"]?["shiftExponents"] as? [Any]
    #expect(exponents?.count == 2 * 75, "one r per step")
  }

  @Test func floatReferenceAndHardwareRun() throws {
    let float = try CLI.run(Self.tiny + ["--reference", "float", "--threads", "2"])
    #expect(float.status == 0, "\(float.stderr)")
    #expect(Self.lastLines(float).accuracy > 20)
    let narrow = try CLI.run(
      Self.tiny + ["--profile", "hardware", "--accumulator-width", "10", "--json"])
    #expect(narrow.status == 0, "\(narrow.stderr)")
    let report = try JSONSerialization.jsonObject(with: Data(narrow.stdout.utf8)) as? [String: Any]
    let layers = report?["layers"] as? [[String: Any]]
    let accumulators = layers?.first?["accumulators"] as? [String: [String: Any]]
    let events = accumulators?["forward"]?["events"] as? [String: Any]
    let overflows = events?["overflows"] as? Int ?? 0
    #expect(overflows > 0 && events?["saturations"] as? Int == overflows, "10 bits saturate")
  }

  @Test func badOptionsAreOneLine() throws {
    let model = try CLI.run(Self.tiny + ["--model", "mlp:784-256-10"])
    #expect(model.status != 0)
    #expect(
      model.stderr
        == "Error: --model mlp:784-256-10 needs 784 inputs and 10 classes; digits has 64 "
        + "features and 10 classes\n")
    let profile = try CLI.run(Self.tiny + ["--profile", "fast"])
    #expect(profile.stderr.hasPrefix("Error: --profile: expected paper, officialCode or hardware"))
    let missing = try CLI.run(["wageubn", "report", "/nonexistent/run"])
    #expect(missing.status != 0 && missing.stderr.hasPrefix("Error: /nonexistent/run/report.json"))
    #expect(missing.stderr.split(separator: "\n").count == 1)
  }
}
