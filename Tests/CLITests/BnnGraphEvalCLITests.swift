import Foundation
import Testing
import _TestSupport

/// `bittrue bnn eval` on Brevitas's QONNX exports (Tests/QONNXImportTests/Fixtures): the
/// samples are the floats Brevitas fed the graph, and the graph's input quantizer turns them
/// into the net's codes, so the classes are Brevitas's on every held-out digit.
@Suite struct BnnGraphEvalCLITests {
  static let folder = Paths.packageRoot.appendingPathComponent(
    "Tests/QONNXImportTests/Fixtures")

  /// The rows of a fixture CSV after its header.
  static func rows(_ file: String) throws -> [[Substring]] {
    let text = try String(
      contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    return text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",") }
  }

  /// Per net, the float Brevitas's input received for a pixel p (make_fixtures.py):
  /// `p / divisor + offset`.
  @Test(arguments: [
    ("tfc_w1a1.torchscript", Float(8), Float(-1)), ("ternary.dynamo", 16, 0),
    ("cnn.dynamo", 16, 0), ("affine.torchscript", 16, 0),
  ])
  func classesAreBrevitasOnEveryTestDigit(net: String, divisor: Float, offset: Float) throws {
    func input(_ p: Int) -> Float { Float(p) / divisor + offset }
    let digits = try Self.rows("digits-test.csv")
    let name = String(net.split(separator: ".")[0])
    let expected = try Self.rows("\(name).expected.csv").map { Int($0.last!)! }
    let dir = Paths.temporaryDirectory("bnn-graph-eval")
    defer { try? FileManager.default.removeItem(at: dir) }
    let inputs = dir.appendingPathComponent("x.csv").path
    let scores = dir.appendingPathComponent("scores.csv").path
    // Swift prints a Float as the shortest text that reads back as the same Float.
    let csv = digits.map { row in
      row.prefix(64).map { "\(input(Int($0)!))" }.joined(separator: ",") + ",\(row[64])\n"
    }.joined()
    try csv.write(toFile: inputs, atomically: true, encoding: .utf8)
    let r = try CLI.run([
      "bnn", "eval", "--model", Self.folder.appendingPathComponent("\(net).onnx").path,
      "--inputs", inputs, "--labels", "--scores", scores,
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let predicted = try String(contentsOfFile: scores, encoding: .utf8)
      .split(whereSeparator: \.isNewline).dropFirst().map { Int($0.split(separator: ",").last!)! }
    #expect(predicted.count == 297)
    #expect(predicted == expected)
    let labels = digits.map { Int($0[64])! }
    let correct = zip(expected, labels).filter { $0 == $1 }.count
    let percent = String(format: "%.2f", Double(correct) / Double(labels.count) * 100)
    #expect(r.stdout.contains("test accuracy: \(percent)%"), "\(r.stdout)")
    #expect(r.stdout.contains("through the graph's Quant (8-bit "))
  }

  /// The data set's values go through --input-scale and the graph's Quant; without the
  /// scale the CNN sees saturated pixels.
  @Test func datasetValuesAreScaledThenQuantized() throws {
    let model = Self.folder.appendingPathComponent("cnn.dynamo.onnx").path
    let data = Paths.packageRoot.appendingPathComponent("data").path
    func accuracy(_ extra: [String]) throws -> Double {
      let r = try CLI.run(
        ["bnn", "eval", "--model", model, "--dataset", "digits", "--data-dir", data] + extra)
      #expect(r.status == 0, "\(r.stderr)")
      let line = try #require(r.stdout.split(separator: "\n").last { $0.hasPrefix("test acc") })
      return try #require(Double(line.dropFirst("test accuracy: ".count).prefix { $0 != "%" }))
    }
    let scaled = try accuracy(["--input-scale", "1/16"])
    let decimal = try accuracy(["--input-scale", "0.0625", "--input-offset", "0"])
    #expect(scaled == decimal)
    #expect(scaled > 80)
    #expect(try accuracy([]) < 70)
  }

  @Test func inputScaleIsRefusedForABittrueNet() throws {
    let dir = try BinarizedNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run([
      "bnn", "eval", "--model", dir.appendingPathComponent("bnn.json").path, "--dataset",
      "iris", "--input-scale", "1/16",
    ])
    #expect(r.status == 1)
    #expect(r.stderr.hasPrefix("Error: --input-scale and --input-offset apply to QONNX models"))
  }

  @Test func aCellThatIsNoNumberNamesItsLineAndColumn() throws {
    let dir = Paths.temporaryDirectory("bnn-graph-eval")
    defer { try? FileManager.default.removeItem(at: dir) }
    let inputs = dir.appendingPathComponent("x.csv").path
    let row = Array(repeating: "0.5", count: 64)
    let text = row.joined(separator: ",") + "\n" + (row.dropLast() + ["x"]).joined(separator: ",")
    try text.write(toFile: inputs, atomically: true, encoding: .utf8)
    let r = try CLI.run([
      "bnn", "eval", "--model", Self.folder.appendingPathComponent("cnn.dynamo.onnx").path,
      "--inputs", inputs,
    ])
    #expect(r.status == 1)
    #expect(r.stderr == "Error: \(inputs):2: column 64: 'x' is not a finite number\n")
  }
}
