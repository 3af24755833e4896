import Foundation
import Testing
import _TestSupport

/// `bittrue logic eval --packed-bits`: a `.npy` of packed rows scores exactly as the same
/// samples in CSV; a wrong width, set padding bits or another dtype is a one-line error
/// naming the file (and, for the width, the shape the net needs).
@Suite struct LogicEvalPackedCLITests {
  /// 11 inputs (rows of 2 packed bytes) labelled by x0 AND x1.
  static let inputs = 11

  @Test func packedRowsScoreAsTheCSV() throws {
    let dir = Paths.temporaryDirectory("logic-packed-cli")
    defer { try? FileManager.default.removeItem(at: dir) }
    var rng = SeededRandom(seed: 15)
    let rows = (0..<48).map { _ in (0..<Self.inputs).map { _ in Int(rng.next() & 1) } }
    let train = dir.appendingPathComponent("train.csv").path
    let header = (0..<Self.inputs).map { "x\($0)" }.joined(separator: ",") + ",label\n"
    let lines = rows.map { x in (x + [x[0] & x[1]]).map(String.init).joined(separator: ",") }
    try (header + lines.joined(separator: "\n"))
      .write(toFile: train, atomically: true, encoding: .utf8)
    let out = dir.appendingPathComponent("run").path
    let trained = try CLI.run([
      "logic", "train", "--dataset", train, "--layers", "16,8", "--iterations", "50",
      "--batch", "16", "--out", out, "--quiet", "--tau", "1", "--connections", "random",
    ])
    #expect(trained.status == 0, "\(trained.stderr)")
    let net = out + "/net.json"

    let samples = 37
    let bits = (0..<samples).map { _ in (0..<Self.inputs).map { _ in UInt8(rng.next() & 1) } }
    let csv = dir.appendingPathComponent("x.csv").path
    try bits.map { $0.map(String.init).joined(separator: ",") }.joined(separator: "\n")
      .write(toFile: csv, atomically: true, encoding: .utf8)
    let packed = bits.flatMap { row in
      [0, 1].map { byte in
        (0..<8).reduce(UInt8(0)) { acc, b in
          8 * byte + b < row.count ? acc | row[8 * byte + b] << UInt8(b) : acc
        }
      }
    }
    func write(_ name: String, shape: String, dtype: String = "|u1", _ data: [UInt8]) throws
      -> String
    {
      let path = dir.appendingPathComponent(name).path
      let header = "{'descr': '\(dtype)', 'fortran_order': False, 'shape': \(shape), }"
      try LogicCLITests.npy(header, data: data).write(to: URL(fileURLWithPath: path))
      return path
    }
    let npy = try write("x.npy", shape: "(37, 2)", packed)

    let expected = dir.appendingPathComponent("csv-scores.csv").path
    let fromCSV = try CLI.run([
      "logic", "eval", "--model", net, "--inputs", csv, "--scores", expected,
    ])
    #expect(fromCSV.status == 0, "\(fromCSV.stderr)")
    let scores = dir.appendingPathComponent("npy-scores.csv").path
    let eval = try CLI.run([
      "logic", "eval", "--model", net, "--inputs", npy, "--packed-bits", "--scores", scores,
      "--check",
    ])
    #expect(eval.status == 0, "\(eval.stderr)")
    #expect(eval.stdout.contains("samples: 37 (\(npy))"))
    #expect(eval.stdout.contains("check: gates64 equals the model on every sample"))
    #expect(eval.stdout.contains("\nready in: ") && eval.stdout.contains(" gate-evals/s ("))
    #expect(
      try String(contentsOfFile: scores, encoding: .utf8)
        == String(contentsOfFile: expected, encoding: .utf8))

    let failures: [(String, String)] = [
      (
        try write("wide.npy", shape: "(37, 3)", packed + [UInt8](repeating: 0, count: 37)),
        "bad .npy file: shape: (37, 3): packed rows of 11 inputs need shape (37, 2)"
      ),
      (
        try write("padded.npy", shape: "(37, 2)", packed.enumerated().map { $0 == 5 ? 0x80 : $1 }),
        "bad .npy file: data: sample 2: padding bits past input 10 are set "
          + "(pack with bitorder='little')"
      ),
      (
        try write("bool.npy", shape: "(37, 2)", dtype: "|b1", packed),
        "bad .npy file: descr: dtype '|b1' is not '|u1' (uint8, as np.packbits writes)"
      ),
    ]
    for (path, message) in failures {
      let r = try CLI.run(["logic", "eval", "--model", net, "--inputs", path, "--packed-bits"])
      #expect(r.status != 0)
      #expect(r.stderr == "Error: \(path): \(message)\n")
    }
    let unnamed = try CLI.run([
      "logic", "eval", "--model", net, "--dataset", train, "--packed-bits",
    ])
    #expect(unnamed.status != 0 && unnamed.stderr.contains("--packed-bits"))
  }
}
