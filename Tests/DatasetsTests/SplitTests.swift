import Datasets
import Testing

/// The seeded 80/20 split: a partition, deterministic, and replayable from its documentation.
@Suite struct SplitTests {
  @Test(arguments: [2, 3, 5, 7, 10, 150, 1797])
  func isAPartitionWithTheDocumentedSizes(count: Int) {
    for seed: UInt64 in [0, 1, 99] {
      let (train, test) = SeededSplit.indices(count: count, seed: seed)
      #expect(test.count == (count + 4) / 5)
      #expect(train.count == count - test.count)
      #expect(Set(train).isDisjoint(with: Set(test)))
      #expect((train + test).sorted() == Array(0..<count))
    }
  }

  @Test func isDeterministicAndDependsOnTheSeed() {
    let a = SeededSplit.indices(count: 500, seed: 4)
    let b = SeededSplit.indices(count: 500, seed: 4)
    let c = SeededSplit.indices(count: 500, seed: 5)
    #expect(a.train == b.train && a.test == b.test)
    #expect(a.test != c.test)
  }

  /// Values from the Python recipe in ``SeededSplit``'s documentation (numpy 2.4 Philox).
  @Test func matchesTheDocumentedNumpyRecipe() {
    let s0 = SeededSplit.indices(count: 1797, seed: 0)
    #expect(Array(s0.train.prefix(6)) == [1420, 929, 1065, 262, 98, 910])
    #expect(Array(s0.test.prefix(6)) == [591, 1505, 1101, 356, 1050, 160])
    let s1 = SeededSplit.indices(count: 1797, seed: 1)
    #expect(Array(s1.train.prefix(6)) == [982, 579, 732, 1354, 1518, 1027])
    #expect(Array(s1.test.prefix(6)) == [1351, 1245, 983, 867, 26, 184])
    let small = SeededSplit.indices(count: 10, seed: 3)
    #expect(small.train == [6, 7, 9, 4, 3, 8, 1, 2])
    #expect(small.test == [5, 0])
  }

  @Test func loaderAppliesSplitAndLimitToTheRows() throws {
    let dir = TempFolder()
    let rows = (0..<10).map { "\($0),\($0 % 2)" }.joined(separator: "\n")
    let path = try dir.write("ten.csv", "x,label\n" + rows + "\n")
    let data = try DatasetLoader.load(
      DatasetRequest(source: path, dataDirectory: ".", splitSeed: 3))
    #expect(data.train.inputs.values == [6, 7, 9, 4, 3, 8, 1, 2])
    #expect(data.test.inputs.values == [5, 0])
    #expect(data.train.labels == [0, 1, 1, 0, 1, 0, 1, 0])
    #expect(data.split == .seeded(seed: 3))
    let limited = try DatasetLoader.load(
      DatasetRequest(source: path, dataDirectory: ".", splitSeed: 3, limit: 3))
    #expect(limited.train.inputs.values == [6, 7, 9])
    #expect(limited.test.inputs.values == [5, 0])
    #expect(limited.trainCountBeforeLimit == 8)
    #expect(limited.rowCount == 10)
    let generous = try DatasetLoader.load(
      DatasetRequest(source: path, dataDirectory: ".", splitSeed: 3, limit: 1000))
    #expect(generous.train.count == 8)
  }

  @Test func tooFewRowsOrABadLimitAreErrors() throws {
    let dir = TempFolder()
    let one = try dir.write("one.csv", "x,label\n1,0\n")
    #expect(
      errorMessage { _ = try DatasetLoader.load(DatasetRequest(source: one, dataDirectory: ".")) }
        == "one.csv has 1 row: too few for an 80/20 split")
    #expect(
      errorMessage {
        _ = try DatasetLoader.load(DatasetRequest(source: one, dataDirectory: ".", limit: 0))
      } == "limit must be at least 1 (got 0)")
  }
}
