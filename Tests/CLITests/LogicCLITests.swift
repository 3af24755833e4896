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
    #expect(fromModel.stdout == eval.stdout)
    let all = try CLI.run(["logic", "eval", "--model", net, "--inputs", data, "--labels"])
    #expect(all.status == 0, "\(all.stderr)")
    #expect(all.stdout.contains("samples: 32 (\(data))"))
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
