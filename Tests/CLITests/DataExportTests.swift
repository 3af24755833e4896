import Foundation
import Testing
import _TestSupport

/// `bittrue data export`: the files hold exactly the split and encoding `data info` describes.
@Suite struct DataExportTests {
  static func rows(_ url: URL) throws -> [[String]] {
    String(decoding: try Data(contentsOf: url), as: UTF8.self)
      .split(separator: "\n").map {
        $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      }
  }

  /// Raw and thermometer exports of the bundled digits agree with each other through an
  /// independent re-derivation of the uniform thresholds from the raw training rows, and the
  /// split matches the Python replay (first test row is CSV row 591, seed 0).
  @Test func rawAndThermometerExportsAgree() throws {
    let dir = Paths.temporaryDirectory("bittrue-export")
    defer { try? FileManager.default.removeItem(at: dir) }
    let raw = dir.appendingPathComponent("raw")
    let bits = dir.appendingPathComponent("bits")
    let r1 = try CLI.run(
      ["data", "export", "digits", "--out", raw.path, "--quiet"],
      environment: ["BITTRUE_DATA": ""], currentDirectory: Paths.packageRoot)
    #expect(r1.status == 0, "\(r1.stderr)")
    #expect(r1.stdout.hasSuffix("; 275 input bits\n"))
    let r2 = try CLI.run(
      [
        "data", "export", "digits", "--out", bits.path, "--encoding", "thermometer", "--thresholds",
        "2",
      ],
      environment: ["BITTRUE_DATA": ""], currentDirectory: Paths.packageRoot)
    #expect(r2.status == 0, "\(r2.stderr)")
    #expect(r2.stderr == "")  // no progress bar when stderr is not a terminal
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: bits.path).sorted()
        == [".bittrue-output", "info.json", "test.csv", "train.csv"])

    let rawTrain = try DataExportTests.rows(raw.appendingPathComponent("train.csv"))
    let rawTest = try DataExportTests.rows(raw.appendingPathComponent("test.csv"))
    let bitTrain = try DataExportTests.rows(bits.appendingPathComponent("train.csv"))
    let bitTest = try DataExportTests.rows(bits.appendingPathComponent("test.csv"))
    #expect(rawTrain.count == 1438 && rawTest.count == 361)
    #expect(rawTrain[0].count == 65 && rawTrain[0].last == "label")
    let csv = try DataExportTests.rows(
      Paths.bundledData.appendingPathComponent("digits/digits.csv"))
    #expect(rawTest[1] == csv[592])

    let features = 64
    var expectedHeader: [String] = []
    var thresholds: [[Int]] = []
    for f in 0..<features {
      let column = rawTrain.dropFirst().map { Int($0[f])! }
      let lo = column.min()!
      let span = column.max()! - lo
      let t = [lo + span / 3, lo + 2 * span / 3]
      thresholds.append(t)
      expectedHeader += t.map { "\(rawTrain[0][f])>\($0)" }
    }
    #expect(bitTrain[0] == expectedHeader + ["label"])
    for (rawRows, bitRows) in [(rawTrain, bitTrain), (rawTest, bitTest)] {
      #expect(rawRows.count == bitRows.count)
      for (r, b) in zip(rawRows.dropFirst(), bitRows.dropFirst()) {
        var expected: [String] = []
        for f in 0..<features {
          expected += thresholds[f].map { Int(r[f])! > $0 ? "1" : "0" }
        }
        #expect(b == expected + [r[features]])
      }
    }
    let info =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: bits.appendingPathComponent("info.json"))) as? [String: Any]
    #expect((info?["encoding"] as? [String: Any])?["inputBits"] as? Int == 128)
  }

  @Test func unwritableOutputFailsWithoutFiles() throws {
    let dir = Paths.temporaryDirectory("bittrue-export-bad")
    defer { try? FileManager.default.removeItem(at: dir) }
    let blocker = dir.appendingPathComponent("file")
    try Data("x".utf8).write(to: blocker)
    let out = blocker.appendingPathComponent("out").path
    let r = try CLI.run(
      ["data", "export", "digits", "--out", out], environment: ["BITTRUE_DATA": ""],
      currentDirectory: Paths.packageRoot)
    #expect(r.status == 1)
    #expect(r.stderr == "Error: \(out): cannot write: not a directory\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["file"])
  }
}
