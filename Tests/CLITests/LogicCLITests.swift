import Foundation
import Testing
import _TestSupport

@Suite struct LogicCLITests {
  /// 32 samples of 4 bits labelled by x0 AND x1, with a header row.
  private func writeData(in dir: URL) throws -> String {
    var text = "x0,x1,x2,x3,label\n"
    for v in 0..<32 {
      let x = (0..<4).map { (v >> $0) & 1 }
      text += x.map(String.init).joined(separator: ",") + ",\(x[0] & x[1])\n"
    }
    let path = dir.appendingPathComponent("and.csv").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func trainExportAndEvalAgree() throws {
    let dir = Paths.temporaryDirectory("logic-cli")
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = try writeData(in: dir)
    let out = dir.appendingPathComponent("run").path
    let model = out + "/model.json"
    let net = out + "/net.json"
    let log = out + "/train.log"
    let train = try CLI.run([
      "logic", "train", "--dataset", data, "--layers", "16,8", "--iterations", "200",
      "--batch", "16", "--out", out, "--quiet", "--eval-every", "100", "--tau", "1",
      "--connections", "random",
    ])
    #expect(train.status == 0, "\(train.stderr)")
    let lines = train.stdout.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("test accuracy: ") })
    #expect(lines.last?.hasPrefix("weights digest: ") == true)
    let logLines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
    #expect(logLines.count == 2 && logLines[1].hasPrefix("iter 200 epoch "))
    let scores = dir.appendingPathComponent("scores.csv").path
    let eval = try CLI.run([
      "logic", "eval", "--model", net, "--dataset", data, "--scores", scores, "--check",
    ])
    #expect(eval.status == 0, "\(eval.stderr)")
    let accuracyLine = lines.first { $0.hasPrefix("test accuracy: ") }!
    #expect(eval.stdout.split(separator: "\n").contains(accuracyLine))
    #expect(eval.stdout.contains("check: gates64 equals the model on every sample"))
    let rows = try String(contentsOfFile: scores, encoding: .utf8).split(separator: "\n")
    #expect(rows.first == "count0,count1,class" && rows.count == 8)
    let fromModel = try CLI.run(["logic", "eval", "--model", model, "--dataset", data, "--check"])
    #expect(Self.withoutTimings(fromModel.stdout) == Self.withoutTimings(eval.stdout))
    #expect(eval.stdout.contains("\nready in: ") && eval.stdout.contains(" gate-evals/s ("))
    let all = try CLI.run(["logic", "eval", "--model", net, "--inputs", data, "--labels"])
    #expect(all.status == 0, "\(all.stderr)")
    #expect(all.stdout.contains("samples: 32 (\(data))"))
    try npyInputsGiveTheSameScores(net: net, dir: dir)
  }

  /// The output without the lines that hold measured times.
  static func withoutTimings(_ text: String) -> [Substring] {
    text.split(separator: "\n").filter {
      !$0.hasPrefix("ready in: ") && !$0.hasPrefix("throughput: ")
    }
  }

  /// A `.npy` file (format 1.0) with `header` and `data`.
  static func npy(_ header: String, data: [UInt8]) -> Data {
    var text = Array(header.utf8)
    while (10 + text.count + 1) % 64 != 0 { text.append(0x20) }
    text.append(0x0A)
    return Data([0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(text.count), 0] + text + data)
  }

  /// `--inputs x.npy` (bool and uint8) scores exactly as the same samples in CSV; a malformed
  /// file is a one-line error naming the file and the field.
  private func npyInputsGiveTheSameScores(net: String, dir: URL) throws {
    let bits = (0..<32).flatMap { v in (0..<4).map { UInt8((v >> $0) & 1) } }
    let csv = dir.appendingPathComponent("x.csv").path
    try (0..<32).map { s in bits[4 * s..<4 * s + 4].map(String.init).joined(separator: ",") }
      .joined(separator: "\n").write(toFile: csv, atomically: true, encoding: .utf8)
    let expected = dir.appendingPathComponent("csv-scores.csv").path
    _ = try CLI.run(["logic", "eval", "--model", net, "--inputs", csv, "--scores", expected])
    for dtype in ["|b1", "|u1"] {
      let path = dir.appendingPathComponent("x.npy").path
      let header = "{'descr': '\(dtype)', 'fortran_order': False, 'shape': (32, 4), }"
      try Self.npy(header, data: bits).write(to: URL(fileURLWithPath: path))
      let scores = dir.appendingPathComponent("npy-scores.csv").path
      let r = try CLI.run(["logic", "eval", "--model", net, "--inputs", path, "--scores", scores])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stdout.contains("samples: 32 (\(path))"))
      #expect(
        try String(contentsOfFile: scores, encoding: .utf8)
          == String(contentsOfFile: expected, encoding: .utf8))
    }
    let bad = dir.appendingPathComponent("bad.npy").path
    let header = "{'descr': '|b1', 'fortran_order': False, 'shape': (32, 5), }"
    try Self.npy(header, data: bits).write(to: URL(fileURLWithPath: bad))
    let r = try CLI.run(["logic", "eval", "--model", net, "--inputs", bad])
    #expect(r.status != 0)
    #expect(
      r.stderr == "Error: \(bad): bad .npy file: data: shape (32, 5) needs 32·5 bytes, found 128\n")
    let wide = dir.appendingPathComponent("wide.npy").path
    try Self.npy("{'descr': '|u1', 'fortran_order': False, 'shape': (16, 8), }", data: bits)
      .write(to: URL(fileURLWithPath: wide))
    let w = try CLI.run(["logic", "eval", "--model", net, "--inputs", wide])
    #expect(w.stderr == "Error: \(wide): shape (16, 8): the net has 4 inputs\n")
  }

  /// `--validation N` holds out the last N training samples and logs their accuracy.
  @Test func validationHoldsOutTheLastTrainingSamples() throws {
    let dir = Paths.temporaryDirectory("logic-cli")
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = try writeData(in: dir)
    let out = dir.appendingPathComponent("run").path
    let arguments = [
      "logic", "train", "--dataset", data, "--layers", "16,8", "--iterations", "100",
      "--batch", "8", "--eval-every", "50", "--tau", "1", "--connections", "random",
    ]
    let train = try CLI.run(arguments + ["--validation", "6", "--out", out, "--json"])
    #expect(train.status == 0, "\(train.stderr)")
    let summary = try JSONSerialization.jsonObject(with: Data(train.stdout.utf8)) as? [String: Any]
    #expect(summary?["validationAccuracy"] is Double)
    let log = try String(contentsOfFile: out + "/train.log", encoding: .utf8)
    #expect(log.split(separator: "\n").allSatisfy { $0.contains(" valid ") })
    let text = try CLI.run(arguments + ["--validation", "6"])
    #expect(text.stderr.contains("validation: the last 6 training samples (held out; they pick"))
    let tooMany = try CLI.run(arguments + ["--validation", "25"])
    #expect(tooMany.status == 1)
    #expect(
      tooMany.stderr
        == "Error: --validation 25 leaves no training samples (the training split has 25)\n")
    let negative = try CLI.run(arguments + ["--validation=-1"])
    #expect(negative.status == 64)
    #expect(negative.stderr.hasPrefix("Error: --validation must be at least 0 (got -1)\n"))
  }

  /// Fixed-point codes reach the net as their two's-complement bits: 4 features × 3 bits.
  @Test func fixedPointEncodingGivesCodeBits() throws {
    let dir = Paths.temporaryDirectory("logic-cli")
    defer { try? FileManager.default.removeItem(at: dir) }
    let data = try writeData(in: dir)
    let train = try CLI.run([
      "logic", "train", "--dataset", data, "--encoding", "fixed", "--format", "sfix3_En1",
      "--layers", "8", "--iterations", "20", "--batch", "8", "--out",
      dir.appendingPathComponent("run").path,
    ])
    #expect(train.status == 0, "\(train.stderr)")
    #expect(train.stderr.contains("fixed-point sfix3_En1 codes as bits → 12 input bits"))
  }

  @Test func badInputGivesOneLineAndNoOutputFile() throws {
    let dir = Paths.temporaryDirectory("logic-cli")
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = dir.appendingPathComponent("bad.csv").path
    try "a,b,label\n0,1,0\n0,x,1\n".write(toFile: bad, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("m.json").path
    let result = try CLI.run(["logic", "train", "--dataset", bad, "--out", out])
    #expect(result.status != 0)
    #expect(result.stderr.contains("\(bad):3: column 'b': 'x' is not a number"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
