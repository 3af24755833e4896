import Datasets
import Foundation
import Testing
import _TestSupport

/// Every named data set loaded from the shared data folder, checked against the counts in its
/// SOURCE.md (and a few values read straight from the files).
@Suite(.enabled(if: Paths.sharedData != nil, "shared data not found: set BITTRUE_DATA"))
struct SharedDataTests {
  static func load(_ name: String, seed: UInt64 = 0) throws -> Dataset {
    try DatasetLoader.load(
      DatasetRequest(source: name, dataDirectory: Paths.sharedData!.path, splitSeed: seed))
  }

  /// Class counts over train and test together.
  static func classCounts(_ d: Dataset) -> [Int] {
    zip(d.train.classCounts(classCount: d.classCount), d.test.classCounts(classCount: d.classCount))
      .map { $0 + $1 }
  }

  @Test func mnistHasTheOfficialSplit() throws {
    let d = try SharedDataTests.load("mnist")
    #expect(d.split == .official)
    #expect(d.features.count == 784 && d.classCount == 10)
    #expect(d.features[0].name == "pixel_0_0" && d.features[783].name == "pixel_27_27")
    #expect(d.train.count == 60000 && d.test.count == 10000)
    #expect(
      d.train.classCounts(classCount: 10)
        == [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949])
    #expect(
      d.test.classCounts(classCount: 10) == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
    // Pixel sums and values from Python: np.frombuffer(gzip.open(p).read(), np.uint8, offset=16).
    func sum(_ m: IntMatrix, _ r: Int) -> Int { m.row(r).reduce(0) { $0 + Int($1) } }
    #expect(sum(d.train.inputs, 0) == 27525 && sum(d.train.inputs, 59999) == 20920)
    #expect(sum(d.test.inputs, 0) == 18454 && sum(d.test.inputs, 9999) == 41833)
    #expect(Array(d.train.inputs.row(0)[150..<160]) == [0, 0, 3, 18, 18, 18, 126, 136, 175, 26])
    #expect(d.train.labels.prefix(5) == [5, 0, 4, 1, 9])
    #expect(d.test.labels.prefix(5) == [7, 2, 1, 0, 4])
  }

  @Test func csvDataSetsHaveTheirDocumentedShape() throws {
    let cases: [(String, Int, Int, [Int])] = [
      ("digits", 1797, 64, [178, 182, 177, 183, 181, 182, 181, 179, 174, 180]),
      ("breast_cancer", 569, 30, [212, 357]),
      ("iris", 150, 4, [50, 50, 50]),
      ("wine", 178, 13, [59, 71, 48]),
    ]
    for (name, rows, features, counts) in cases {
      let d = try SharedDataTests.load(name)
      #expect(d.rowCount == rows, "\(name)")
      #expect(d.features.count == features, "\(name)")
      #expect(SharedDataTests.classCounts(d) == counts, "\(name)")
      #expect(d.split == .seeded(seed: 0))
      #expect(d.test.count == (rows + 4) / 5)
    }
  }

  @Test func decimalsAreExact() throws {
    let path = Paths.sharedData!.appendingPathComponent("breast_cancer/breast_cancer.csv").path
    let table = try CSVReader.read([path], classCount: 2)
    #expect(
      table.features[0] == FeatureColumn(name: "mean_radius", kind: .numeric(decimalPlaces: 3)))
    // First row: 17.99, 10.38, 122.8 (places 3, 2, 2).
    #expect(Array(table.parts[0].inputs.row(0).prefix(3)) == [17990, 1038, 12280])
    let iris = try CSVReader.read(
      [Paths.sharedData!.appendingPathComponent("iris/iris.csv").path], classCount: 3)
    #expect(Array(iris.parts[0].inputs.row(0)) == [51, 35, 14, 2])
  }

  @Test(arguments: [
    ("monks-1", 124, 432, [62, 62], [216, 216]),
    ("monks-2", 169, 432, [105, 64], [290, 142]),
    ("monks-3", 122, 432, [62, 60], [204, 228]),
  ])
  func monksHaveTheOfficialSplit(
    name: String, train: Int, test: Int, trainCounts: [Int], testCounts: [Int]
  ) throws {
    let d = try SharedDataTests.load(name)
    #expect(d.split == .official)
    #expect(d.features.map(\.name) == ["a1", "a2", "a3", "a4", "a5", "a6"])
    #expect(d.train.count == train && d.test.count == test)
    #expect(d.train.classCounts(classCount: 2) == trainCounts)
    #expect(d.test.classCounts(classCount: 2) == testCounts)
  }

  @Test func adultIsOneHotWithMissingValuesAsZeroBlocks() throws {
    let d = try SharedDataTests.load("adult")
    #expect(d.rowCount == 32561)
    #expect(SharedDataTests.classCounts(d) == [24720, 7841])
    // 6 numeric columns + 8 + 16 + 7 + 14 + 6 + 5 + 2 + 41 categories.
    #expect(d.features.count == 105)
    #expect(d.features[0] == FeatureColumn(name: "age", kind: .numeric(decimalPlaces: 0)))
    #expect(
      d.features[1]
        == FeatureColumn(
          name: "workclass=Federal-gov", kind: .oneHot(column: "workclass", category: "Federal-gov")
        ))
    #expect(d.features.filter { $0.name.hasPrefix("native_country=") }.count == 41)
    let block = d.features.indices.filter { d.features[$0].name.hasPrefix("workclass=") }
    #expect(block.count == 8)
    var missing = 0
    for samples in [d.train, d.test] {
      for r in 0..<samples.count {
        let ones = block.reduce(0) { $0 + Int(samples.inputs[r, $1]) }
        #expect(ones <= 1)
        if ones == 0 { missing += 1 }
      }
    }
    #expect(missing == 1836)
  }

  @Test func missingDataDirectoryAndUnknownNamesAreNamed() {
    #expect(
      errorMessage {
        _ = try DatasetLoader.load(DatasetRequest(source: "iris", dataDirectory: "/no/such/dir"))
      } == "data set 'iris' not found: /no/such/dir/iris/iris.csv[.gz] does not exist "
        + "(use --data-dir DIR or set BITTRUE_DATA)")
    #expect(
      errorMessage {
        _ = try DatasetLoader.load(DatasetRequest(source: "cifar", dataDirectory: "."))
      } == "unknown data set 'cifar': not one of mnist, digits, breast_cancer, iris, wine, "
        + "monks-1, monks-2, monks-3, adult, and no file of that name")
  }
}
