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
    let model = dir.appendingPathComponent("m.logicnet.json").path
    let net = dir.appendingPathComponent("m.net.json").path
    let log = dir.appendingPathComponent("train.log").path
    let train = try CLI.run([
      "logic", "train", "--train", data, "--test", data, "--layers", "16,8", "--iterations", "200",
      "--batch", "16", "--out", model, "--net", net, "--quiet", "--eval-every", "100", "--log", log,
    ])
    #expect(train.status == 0, "\(train.stderr)")
    let lines = train.stdout.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("test accuracy: ") })
    #expect(lines.last?.hasPrefix("weights digest: ") == true)
    let logLines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
    #expect(logLines.count == 2 && logLines[1].hasPrefix("iter 200 epoch "))
    let scores = dir.appendingPathComponent("scores.csv").path
    let eval = try CLI.run([
      "logic", "eval", "--model", net, "--inputs", data, "--labels", "--scores", scores,
    ])
    #expect(eval.status == 0, "\(eval.stderr)")
    let accuracyLine = lines.first { $0.hasPrefix("test accuracy: ") }!
    #expect(eval.stdout.contains(accuracyLine.replacingOccurrences(of: "test ", with: "")))
    let rows = try String(contentsOfFile: scores, encoding: .utf8).split(separator: "\n")
    #expect(rows.first == "count0,count1,class" && rows.count == 33)
    let fromModel = try CLI.run(["logic", "eval", "--model", model, "--inputs", data, "--labels"])
    #expect(fromModel.stdout == eval.stdout)
  }

  @Test func badInputGivesOneLineAndNoOutputFile() throws {
    let dir = Paths.temporaryDirectory("logic-cli")
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = dir.appendingPathComponent("bad.csv").path
    try "a,b,label\n0,1,0\n0,2,1\n".write(toFile: bad, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("m.json").path
    let result = try CLI.run(["logic", "train", "--train", bad, "--out", out])
    #expect(result.status != 0)
    #expect(result.stderr.contains("\(bad):3: '2' is not 0 or 1"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
