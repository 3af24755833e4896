import Foundation
import Testing
import _TestSupport

/// `bittrue data info`: text, JSON, the shared data-set options, and errors.
@Suite struct DataInfoTests {
  /// Runs `bittrue` in the package root with `BITTRUE_DATA` unset, so `./data` is the default.
  static func run(_ arguments: [String], environment: [String: String] = ["BITTRUE_DATA": ""])
    throws -> CLI.Result
  {
    try CLI.run(arguments, environment: environment, currentDirectory: Paths.packageRoot)
  }

  /// Class counts below come from the Python replay of the split documented in SeededSplit.
  @Test func textReportOfTheBundledDigits() throws {
    let r = try DataInfoTests.run(["data", "info", "digits"])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stderr == "")
    #expect(
      r.stdout == """
        dataset: digits
        files: ./data/digits/digits.csv
        rows: 1797
        features: 64
        classes: 10
        split: seeded 80/20 (split seed 0)
        train samples: 1437
        test samples: 360
        train class counts: 0:143 1:147 2:143 3:143 4:143 5:142 6:140 7:148 8:136 9:152
        test class counts: 0:35 1:35 2:34 3:40 4:38 5:40 6:41 7:31 8:38 9:28
        encoding: raw integers
        input bits: 275

        """)
  }

  @Test func splitSeedLimitAndEncodingFlags() throws {
    let r = try DataInfoTests.run([
      "data", "info", "--dataset", "digits", "--data-dir", "data", "--split-seed", "7", "--limit",
      "100", "--encoding", "thermometer", "--thresholds", "3", "--threshold-placement", "quantile",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.contains("files: data/digits/digits.csv"))
    #expect(lines.contains("split: seeded 80/20 (split seed 7)"))
    #expect(lines.contains("train samples: 100 (first 100 of 1437)"))
    #expect(lines.contains("train class counts: 0:9 1:14 2:9 3:10 4:11 5:7 6:11 7:8 8:13 9:8"))
    #expect(lines.contains("test class counts: 0:33 1:34 2:39 3:36 4:40 5:44 6:33 7:28 8:33 9:40"))
    #expect(lines.contains("encoding: thermometer, 3 quantile thresholds per feature"))
    #expect(lines.contains("input bits: 192"))
  }

  @Test func jsonReport() throws {
    let r = try DataInfoTests.run(["data", "info", "digits", "--json"])
    #expect(r.status == 0, "\(r.stderr)")
    let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    #expect(object?["dataset"] as? String == "digits")
    #expect(object?["rows"] as? Int == 1797)
    #expect(object?["classes"] as? Int == 10)
    let split = object?["split"] as? [String: Any]
    #expect(split?["kind"] as? String == "seeded" && split?["seed"] as? Int == 0)
    let train = object?["train"] as? [String: Any]
    #expect(train?["samples"] as? Int == 1437 && train?["samplesBeforeLimit"] as? Int == 1437)
    #expect(train?["classCounts"] as? [Int] == [143, 147, 143, 143, 143, 142, 140, 148, 136, 152])
    let test = object?["test"] as? [String: Any]
    #expect(test?["classCounts"] as? [Int] == [35, 35, 34, 40, 38, 40, 41, 31, 38, 28])
    let encoding = object?["encoding"] as? [String: Any]
    #expect(encoding?["kind"] as? String == "raw" && encoding?["inputBits"] as? Int == 275)
    let features = object?["features"] as? [String: Any]
    #expect(features?["total"] as? Int == 64 && features?["oneHot"] as? Int == 0)
  }

  @Test func dataDirectoryComesFromTheEnvironment() throws {
    let dir = Paths.temporaryDirectory("bittrue-data-env")
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLI.run(
      ["data", "info", "digits"], environment: ["BITTRUE_DATA": Paths.bundledData.path],
      currentDirectory: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("files: \(Paths.bundledData.path)/digits/digits.csv\n"))
  }

  @Test func directCSVPath() throws {
    let dir = Paths.temporaryDirectory("bittrue-data-csv")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("tiny.csv").path
    try Data("x,colour,label\n1,red,0\n2,blue,1\n3,?,1\n4,red,0\n5,red,2\n".utf8)
      .write(to: URL(fileURLWithPath: path))
    let r = try DataInfoTests.run(["data", "info", path])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("dataset: tiny.csv\n"))
    #expect(r.stdout.contains("features: 3 (1 numeric, 2 one-hot from 1 categorical columns)\n"))
    #expect(r.stdout.contains("train samples: 4\ntest samples: 1\n"))
    #expect(r.stdout.contains("input bits: 5\n"))
  }

  @Test func errorsGiveOneLineAndANonZeroExit() throws {
    let dir = Paths.temporaryDirectory("bittrue-data-bad")
    defer { try? FileManager.default.removeItem(at: dir) }
    let bad = dir.appendingPathComponent("bad.csv").path
    try Data("a,b,label\n1,2,0\n3,x,1\n4,5,0\n".utf8).write(to: URL(fileURLWithPath: bad))
    var cases: [([String], Int32, String)] = [
      (
        ["data", "info", "nope"], 1,
        "Error: unknown data set 'nope': not one of mnist, digits, breast_cancer, iris, wine, "
          + "monks-1, monks-2, monks-3, adult, and no file of that name\n"
      ),
      (["data", "info", bad], 1, "Error: \(bad):3: column 'b': 'x' is not a number\n"),
      (
        ["data", "info", "iris", "--data-dir", dir.path], 1,
        "Error: data set 'iris' not found: \(dir.path)/iris/iris.csv[.gz] does not exist "
          + "(use --data-dir DIR or set BITTRUE_DATA)\n"
      ),
    ]
    cases.append(
      (
        ["data", "info", "digits", "--crop-border", "1"], 1,
        "Error: crop border applies to IDX image data sets; digits is CSV data\n"
      ))
    for (arguments, status, message) in cases {
      let r = try DataInfoTests.run(arguments)
      #expect(r.status == status, "\(arguments)")
      #expect(r.stderr == message)
      #expect(r.stdout == "")
    }
    let usage: [([String], String)] = [
      (["data", "info", "digits", "--limit", "0"], "Error: --limit must be at least 1 (got 0)"),
      (
        ["data", "info", "digits", "--thresholds", "2"],
        "Error: --thresholds and --threshold-placement need --encoding thermometer"
      ),
      (
        ["data", "info", "digits", "--encoding", "thermometer", "--thresholds", "0"],
        "Error: --thresholds must be 1...1024 (got 0)"
      ),
      (
        ["data", "info", "digits", "--dataset", "iris"],
        "Error: name the data set once: as the argument or with --dataset"
      ),
      (["data", "info"], "Error: name a data set: bittrue data info <name|path>"),
      (
        ["data", "info", "digits", "--crop-border=-1"],
        "Error: --crop-border must be at least 0 (got -1)"
      ),
    ]
    for (arguments, first) in usage {
      let r = try DataInfoTests.run(arguments)
      #expect(r.status == 64, "\(arguments)")
      #expect(r.stderr.split(separator: "\n").first.map(String.init) == first)
      #expect(r.stdout == "")
    }
  }

  @Test(.enabled(if: Paths.sharedData != nil, "shared data not found: set BITTRUE_DATA"))
  func sharedDataSets() throws {
    let shared = Paths.sharedData!.path
    let monks = try DataInfoTests.run(["data", "info", "monks-2", "--data-dir", shared])
    #expect(monks.status == 0, "\(monks.stderr)")
    #expect(
      monks.stdout.contains(
        "split: official train/test files\ntrain samples: 169\ntest samples: 432\n"))
    #expect(
      monks.stdout.contains("train class counts: 0:105 1:64\ntest class counts: 0:290 1:142\n"))
    let adult = try DataInfoTests.run([
      "data", "info", "adult", "--data-dir", shared, "--encoding", "thermometer", "--thresholds",
      "3",
    ])
    #expect(adult.status == 0, "\(adult.stderr)")
    #expect(
      adult.stdout.contains("features: 105 (6 numeric, 99 one-hot from 8 categorical columns)\n"))
    #expect(adult.stdout.contains("input bits: 117\n"))  // 6 × 3 + 99 × 1
    let mnist20 = try DataInfoTests.run([
      "data", "info", "mnist", "--data-dir", shared, "--crop-border", "4", "--limit", "10",
      "--encoding", "thermometer",
    ])
    #expect(mnist20.status == 0, "\(mnist20.stderr)")
    #expect(mnist20.stdout.contains("features: 400\n"))
    #expect(mnist20.stdout.contains("input bits: 400\n"))
  }
}
