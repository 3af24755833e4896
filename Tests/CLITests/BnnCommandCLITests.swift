import BinarizedNets
import Foundation
import Testing
import _TestSupport

/// `bittrue bnn eval | emit | export` on the three-layer fixture (4-bit unsigned inputs).
@Suite struct BnnEvalCLITests {
  /// Every input value 0…15 of the first input across samples, with labels 0, 1, 2 in turn.
  static let samples: [[Int]] = (0..<16).map { [$0, 15 - $0, ($0 * 7) % 16] }

  static func csv(header: Bool = true) -> String {
    (header ? "a,b,c,label\n" : "")
      + samples.enumerated().map { s, x in
        x.map(String.init).joined(separator: ",") + ",\(s % 3)\n"
      }.joined()
  }

  @Test func inputsGiveTheReferenceScoresAndAccuracy() throws {
    let dir = try BinarizedNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = dir.appendingPathComponent("bnn.json").path
    let inputs = dir.appendingPathComponent("x.csv").path
    try Self.csv().write(toFile: inputs, atomically: true, encoding: .utf8)
    let net = try BinarizedNet(fileData: Data(BinarizedNetFixture.text.utf8))
    let expected = Self.samples.map { net.referenceScores($0) }
    let predicted = expected.map { BinarizedNet.argmax($0[...]) }
    let correct = predicted.enumerated().filter { $0.element == $0.offset % 3 }.count
    var outputs: [String] = []
    for threads in ["1", "2"] {
      let scores = dir.appendingPathComponent("scores\(threads).csv").path
      let r = try CLI.run([
        "bnn", "eval", "--model", model, "--inputs", inputs, "--labels", "--scores", scores,
        "--threads", threads,
      ])
      #expect(r.status == 0, "\(r.stderr)")
      let lines = r.stdout.split(separator: "\n").map(String.init)
      #expect(lines.count == 4, "\(r.stdout)")
      #expect(lines.first == "net: uint4 3 → 3 (int3) → 2 (ternary) → 3 (binary)")
      #expect(lines.contains("samples: 16 (\(inputs))"))
      #expect(lines.contains { $0.hasPrefix("time: ") && $0.contains(" popcounts/s, ") })
      let percent = String(format: "%.2f", Double(correct) / 16 * 100)
      #expect(lines.last?.hasPrefix("test accuracy: \(percent)%") == true, "\(lines)")
      let rows = try String(contentsOfFile: scores, encoding: .utf8)
      let expectedRows =
        "score0,score1,score2,class\n"
        + zip(expected, predicted).map { e, p in
          e.map(String.init).joined(separator: ",") + ",\(p)\n"
        }.joined()
      #expect(rows == expectedRows)
      outputs.append(rows)
    }
    #expect(outputs[0] == outputs[1])
  }

  @Test func jsonSummaryAndUnlabelledInputs() throws {
    let dir = try BinarizedNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = dir.appendingPathComponent("bnn.json").path
    let inputs = dir.appendingPathComponent("x.csv").path
    try "1,2,3\n4,5,6\n".write(toFile: inputs, atomically: true, encoding: .utf8)
    let r = try CLI.run(["bnn", "eval", "--model", model, "--inputs", inputs, "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let summary = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    #expect(summary?["samples"] as? Int == 2)
    #expect(summary?["accuracy"] == nil)
    let throughput = summary?["throughput"] as? [String: Any]
    #expect(throughput?["samplesPerSecond"] is Double)
    #expect(throughput?["popcountsPerSecond"] is Double)
  }

  @Test func dataSetTestSplit() throws {
    let dir = try BinarizedNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let model = dir.appendingPathComponent("bnn.json").path
    let data = dir.appendingPathComponent("data.csv").path
    try Self.csv().write(toFile: data, atomically: true, encoding: .utf8)
    let r = try CLI.run(["bnn", "eval", "--model", model, "--dataset", data])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("samples: 4 (data.csv test split)"), "\(r.stdout)")
    #expect(r.stdout.contains("test accuracy: "))
    let bits = try CLI.run([
      "bnn", "eval", "--model", model, "--dataset", data, "--encoding", "thermometer",
    ])
    #expect(bits.status == 1)
    #expect(
      bits.stderr
        == "Error: the net takes uint4 inputs: use --encoding raw or fixed, not thermometer bits\n"
    )
  }

  /// Bad samples and models: one `Error:` line naming the file, line and column.
  @Test(arguments: [
    ("1,2,16\n", false, "x.csv:1: column 3: '16' is not an integer in 0...15"),
    ("1,2,3\n1,-1,3\n", false, "x.csv:2: column 2: '-1' is not an integer in 0...15"),
    ("1,2,1.5\n", false, "x.csv:1: column 3: '1.5' is not an integer in 0...15"),
    ("1,2,3,4\n", false, "x.csv: 4 feature columns, the net has 3 inputs"),
    ("1,2,3,3\n", true, "x.csv:1: column 4: label '3' is not a class 0...2 of the net"),
    ("1,2,3\n1,2\n", false, "x.csv:2: expected 3 cells, found 2"),
    ("a,b,c\n", false, "x.csv:2: no samples"),
  ])
  func badInputsAreOneLineErrors(text: String, labels: Bool, message: String) throws {
    let dir = try BinarizedNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    try text.write(to: dir.appendingPathComponent("x.csv"), atomically: true, encoding: .utf8)
    let r = try CLI.run(
      ["bnn", "eval", "--model", "bnn.json", "--inputs", "x.csv"] + (labels ? ["--labels"] : []),
      currentDirectory: dir)
    #expect(r.status == 1)
    #expect(r.stderr == "Error: \(message)\n")
  }

  @Test func otherModelFilesAreRefused() throws {
    let dir = try BinarizedNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    try "1,2,3\n".write(to: dir.appendingPathComponent("x.csv"), atomically: true, encoding: .utf8)
    try Fixtures.tinyLogicNet.write(
      to: dir.appendingPathComponent("net.json"), atomically: true, encoding: .utf8)
    try Fixtures.clockedAdder.write(
      to: dir.appendingPathComponent("adder.nl"), atomically: true, encoding: .utf8)
    let logic = try CLI.run(
      ["bnn", "eval", "--model", "net.json", "--inputs", "x.csv"], currentDirectory: dir)
    #expect(logic.status == 1)
    #expect(
      logic.stderr
        == "Error: net.json: a logic net file, not a binarized net (bittrue bnn reads "
        + "bittrue-bnn model files)\n")
    let netlist = try CLI.run(
      ["bnn", "emit", "--model", "adder.nl", "--out", "v"], currentDirectory: dir)
    #expect(netlist.status == 1)
    #expect(netlist.stderr.hasPrefix("Error: adder.nl: not a binarized net file ("))
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("v").path))
  }
}

@Suite struct BnnEmitCLITests {
  /// `bnn emit` writes what `netlist emit` writes for the same model, byte for byte.
  @Test(arguments: [[], ["--pipeline", "2"]])
  func emitIsNetlistEmit(pipeline: [String]) throws {
    let dir = try BinarizedNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run(
      ["bnn", "emit", "--model", "bnn.json", "--arch", "unrolled", "--out", "a"] + pipeline,
      currentDirectory: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.hasPrefix("wrote bnn.v, "), "\(r.stdout)")
    let n = try CLI.run(
      ["netlist", "emit", "bnn.json", "--out", "b"] + pipeline, currentDirectory: dir)
    #expect(n.status == 0, "\(n.stderr)")
    // Every file but the output-folder marker (which names the command).
    func listing(_ name: String) throws -> [String] {
      try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent(name).path)
        .filter { !$0.hasPrefix(".") }.sorted()
    }
    let files = try listing("a")
    #expect(files.contains("bnn.v") && files.contains("bnn.manifest.json"))
    #expect(files == (try listing("b")))
    for file in files {
      let a = try Data(contentsOf: dir.appendingPathComponent("a/\(file)"))
      let b = try Data(contentsOf: dir.appendingPathComponent("b/\(file)"))
      #expect(a == b, "\(file)")
    }
  }

  @Test func foldedNeedsPEAndSIMD() throws {
    let dir = try BinarizedNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run(
      ["bnn", "emit", "--model", "bnn.json", "--arch", "folded", "--out", "v"],
      currentDirectory: dir)
    #expect(r.status != 0)
    #expect(r.stderr.contains("--arch folded needs --pe and --simd"), "\(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("v").path))
  }

  @Test func foldedRefusesIntegerInputsNamingTheLayer() throws {
    let dir = try BinarizedNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run(
      [
        "bnn", "emit", "--model", "bnn.json", "--arch", "folded", "--pe", "2", "--simd", "3",
        "--out", "v",
      ],
      currentDirectory: dir)
    #expect(r.status == 1)
    #expect(
      r.stderr == "Error: bnn.json: folded architecture: layer 0 reads integer inputs "
        + "(not folded yet); use --arch unrolled\n")
    #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("v").path))
  }

  @Test func foldedWritesAStreamingDesign() throws {
    let dir = try BinarizedNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    var random = SeededRandom(seed: 5)
    let net = RandomBinarizedNets.make(
      input: .bits, inputs: 9, layers: [(.ternary, 5), (.binary, 3)], using: &random)
    try net.fileText().write(
      to: dir.appendingPathComponent("bits.json"), atomically: true, encoding: .utf8)
    let r = try CLI.run(
      [
        "bnn", "emit", "--model", "bits.json", "--arch", "folded", "--pe", "2", "--simd", "4",
        "--out", "v",
      ],
      currentDirectory: dir)
    #expect(r.status == 0, "\(r.stderr)")
    // Layer 0: 3 neuron folds x 3 synapse folds; layer 1: 2 x 2; 1 + (9 + 1) + (4 + 1).
    #expect(r.stdout.contains("cycle model: 16 cycles per sample"), "\(r.stdout)")
    let manifest = try String(
      contentsOf: dir.appendingPathComponent("v/bits.manifest.json"), encoding: .utf8)
    #expect(manifest.contains("\"handshake\""))
  }

}

@Suite struct BnnExportCLITests {
  @Test func numpyFormRoundTrips() throws {
    let dir = try BinarizedNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run(
      ["bnn", "export", "--model", "bnn.json", "--out", "npy"], currentDirectory: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout == "wrote 8 files to npy (3 layers, 3 classes)\n")
    let names = try FileManager.default.contentsOfDirectory(
      atPath: dir.appendingPathComponent("npy").path
    ).filter { !$0.hasPrefix(".") }.sorted()
    #expect(
      names == [
        "layer0_directions.npy", "layer0_thresholds.npy", "layer0_weights.npy",
        "layer1_directions.npy", "layer1_thresholds.npy", "layer1_weights.npy",
        "layer2_weights.npy", "manifest.json",
      ])
    let back = try CLI.run(
      ["bnn", "export", "--from", "npy", "--out", "back.json"], currentDirectory: dir)
    #expect(back.status == 0, "\(back.stderr)")
    let original = try BinarizedNet(fileData: Data(BinarizedNetFixture.text.utf8))
    let text = try String(contentsOf: dir.appendingPathComponent("back.json"), encoding: .utf8)
    #expect(text == original.fileText())
  }

  /// A damaged folder: one `Error:` line naming the file.
  @Test func damagedFoldersAreOneLineErrors() throws {
    let dir = try BinarizedNetFixture.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let npy = dir.appendingPathComponent("npy")
    func check(_ damage: (URL) throws -> Void, _ message: String) throws {
      try? FileManager.default.removeItem(at: npy)
      let r = try CLI.run(
        ["bnn", "export", "--model", "bnn.json", "--out", "npy"], currentDirectory: dir)
      #expect(r.status == 0, "\(r.stderr)")
      try damage(npy)
      let back = try CLI.run(
        ["bnn", "export", "--from", "npy", "--out", "m.json"], currentDirectory: dir)
      #expect(back.status == 1)
      #expect(back.stderr == "Error: npy/\(message)\n")
      #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("m.json").path))
    }
    let weights = "layer0_weights.npy"
    try check(
      { try FileManager.default.removeItem(at: $0.appendingPathComponent("manifest.json")) },
      "manifest.json: no such file")
    try check(
      { url in
        let file = url.appendingPathComponent(weights)
        let bytes = try Data(contentsOf: file)
        try bytes.dropLast().write(to: file)
      }, "\(weights): 8 data bytes, expected 9 for shape [3, 3]")
    try check(
      { url in
        let file = url.appendingPathComponent(weights)
        var bytes = [UInt8](try Data(contentsOf: file))
        bytes[bytes.count - 9] = 4
        try Data(bytes).write(to: file)
      }, "\(weights): element [0][0]: 4 is outside -4...3 (int3 weights)")
    try check(
      { url in
        let file = url.appendingPathComponent("layer1_directions.npy")
        var bytes = [UInt8](try Data(contentsOf: file))
        bytes[bytes.count - 1] = 2
        try Data(bytes).write(to: file)
      }, "layer1_directions.npy: element [1]: 2 is not 1, -1 or 0")
    try check(
      { url in
        let file = url.appendingPathComponent("manifest.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "\"layer2_weights.npy\"", with: "\"../x\"")
          .write(to: file, atomically: true, encoding: .utf8)
      }, "manifest.json: field 'layers[2].weights': '../x' is not a file name")
  }
}
