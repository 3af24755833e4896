import Datasets
import Testing

/// `bnn eval --inputs`: integer samples, range-checked, with line and column in errors.
@Suite struct IntegerSampleCSVTests {
  static func parse(
    _ text: String, range: ClosedRange<Int> = -8...7, labels: Bool = false
  ) throws -> IntegerSampleCSV {
    try IntegerSampleCSV.parse(
      Array(text.utf8), source: "x.csv", range: range, hasLabels: labels, classCount: 3)
  }

  @Test func readsValuesLabelsAndAHeader() throws {
    let csv = try Self.parse("\u{FEFF}a,b,label\r\n-8, 7 ,2\n\n0,-0,0", labels: true)
    #expect(csv.values == [-8, 7, 0, 0] && csv.labels == [2, 0] && csv.featureCount == 2)
    #expect(csv.count == 2)
    let plain = try Self.parse("1,0\n0,1\n", range: 0...1)
    #expect(plain.values == [1, 0, 0, 1] && plain.labels == nil)
  }

  @Test(arguments: [
    ("1,8\n", -8...7, false, "x.csv:1: column 2: '8' is not an integer in -8...7"),
    ("1,2\n", 0...1, false, "x.csv:1: column 2: '2' is not 0 or 1"),
    ("1,1e1\n", -8...7, false, "x.csv:1: column 2: '1e1' is not an integer in -8...7"),
    ("1,0.5\n", -8...7, false, "x.csv:1: column 2: '0.5' is not an integer in -8...7"),
    (
      "1,99999999999999999999999\n", -8...7, false,
      "x.csv:1: column 2: '99999999999999999999999' is not an integer in -8...7"
    ),
    ("1,2,3\n", -8...7, true, "x.csv:1: column 3: label '3' is not a class 0...2 of the net"),
    ("1\n", -8...7, true, "x.csv:1: no feature columns before the label"),
    ("x,y\n\n", -8...7, false, "x.csv:3: no samples"),
  ])
  func badCellsNameLineAndColumn(
    text: String, range: ClosedRange<Int>, labels: Bool, message: String
  ) {
    do {
      _ = try Self.parse(text, range: range, labels: labels)
      Issue.record("no error for \(text)")
    } catch let error as DatasetError {
      #expect(error.description == message)
    } catch {
      Issue.record("unexpected \(error)")
    }
  }
}
