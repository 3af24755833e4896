import Datasets
import Testing

/// The CSV reader on small fixtures written to a temporary folder.
@Suite struct CSVReaderTests {
  @Test func numericColumnsKeepExactDecimals() throws {
    let dir = TempFolder()
    let path = try dir.write(
      "n.csv", "\u{FEFF}a, b ,c,label\r\n1.5,2,-0.25,0\n2,1e2,5.640000,1\r\n-3.125,+7,0,2")
    let table = try CSVReader.read([path], classCount: nil)
    #expect(table.classCount == 3)
    #expect(
      table.features == [
        FeatureColumn(name: "a", kind: .numeric(decimalPlaces: 3)),
        FeatureColumn(name: "b", kind: .numeric(decimalPlaces: 0)),
        FeatureColumn(name: "c", kind: .numeric(decimalPlaces: 2)),
      ])
    let samples = table.parts[0]
    #expect(samples.inputs.values == [1500, 2, -25, 2000, 100, 564, -3125, 7, 0])
    #expect(samples.labels == [0, 1, 2])
  }

  @Test func categoricalColumnsAreOneHotWithSortedCategoriesFromEveryFile() throws {
    let dir = TempFolder()
    let train = try dir.write(
      "t_train.csv", "age,color,label\n30,red,0\n41,?,1\n25,Blue,0\n")
    let test = try dir.write("t_test.csv", "age,color,label\n50,green,1\n60,red,0\n")
    let table = try CSVReader.read([train, test], classCount: 2)
    #expect(table.features.map(\.name) == ["age", "color=Blue", "color=green", "color=red"])
    #expect(table.features[2].kind == .oneHot(column: "color", category: "green"))
    #expect(table.parts[0].inputs.values == [30, 0, 0, 1, 41, 0, 0, 0, 25, 1, 0, 0])
    #expect(table.parts[1].inputs.values == [50, 0, 1, 0, 60, 0, 0, 1])
    #expect(table.parts[1].labels == [1, 0])
  }

  @Test func gzippedCSVIsReadTransparently() throws {
    let text = Array("x,label\n4,1\n5,0\n".utf8)
    let dir = TempFolder()
    let path = try dir.write("z.csv.gz", bytes: GzipCompressor.gzip(text))
    let table = try CSVReader.read([path], classCount: nil)
    #expect(table.parts[0].inputs.values == [4, 5])
    #expect(table.parts[0].labels == [1, 0])
  }

  /// The error for one CSV text (file `f.csv`), with an optional class count.
  static func failure(_ text: String, classCount: Int? = nil) -> String? {
    let dir = TempFolder()
    return errorMessage {
      let path = try dir.write("f.csv", text)
      _ = try CSVReader.read([path], classCount: classCount)
    }.map { $0.replacingOccurrences(of: dir.path("f.csv"), with: "f.csv") }
  }

  @Test func malformedFilesNameFileAndLine() {
    let cases: [(String, Int?, String)] = [
      ("", nil, "f.csv:1: empty file: no header row"),
      (
        "a,b\n1,0\n", nil,
        "f.csv:1: header must list the feature columns and end with 'label' (found 'b')"
      ),
      (
        "label\n1\n", nil,
        "f.csv:1: header must list the feature columns and end with 'label' (found 'label')"
      ),
      ("a,label\n", nil, "f.csv:2: no data rows"),
      ("a,b,label\n1,2,0\n3,0\n", nil, "f.csv:3: expected 3 cells, found 2"),
      ("a,b,label\n1,2,0\n3,4,5,0\n", nil, "f.csv:3: expected 3 cells, found 4"),
      ("a,label\n1,0\n\n2,1\n", nil, "f.csv:3: empty line"),
      ("a,b,label\n1,,0\n", nil, "f.csv:2: column 'b': empty cell"),
      ("a,b,label\n1,2,0\n1,x1,0\n3,4,1\n", nil, "f.csv:3: column 'b': 'x1' is not a number"),
      (
        "a,c,label\n1,red,0\n1,7,0\n3,blue,1\n", nil,
        "f.csv:3: column 'c': number '7' in a categorical column"
      ),
      (
        "a,b,label\n1,2,0\n1,?,0\n", nil,
        "f.csv:3: column 'b': missing value '?' in a numeric column"
      ),
      ("a,label\n1,0\n2,1.5\n", nil, "f.csv:3: label '1.5' is not a non-negative integer"),
      ("a,label\n1,-1\n", nil, "f.csv:2: label '-1' is not a non-negative integer"),
      ("a,label\n1,cat\n", nil, "f.csv:2: label 'cat' is not a non-negative integer"),
      ("a,label\n1,0\n2,3\n", 3, "f.csv:3: label 3 is out of range 0...2"),
      ("a,label\n1,65536\n", nil, "f.csv:2: label 65536 is out of range 0...65535"),
      (
        "a,label\n12345678901234567890,0\n", nil,
        "f.csv:2: column 'a': '12345678901234567890' has too many digits to hold exactly"
      ),
      (
        "a,label\n1e-19,0\n", nil,
        "f.csv:2: column 'a': '1e-19' has too many digits to hold exactly"
      ),
      (
        "a,label\n1e99999999999999999999999,0\n", nil,
        "f.csv:2: column 'a': '1e99999999999999999999999' has too many digits to hold exactly"
      ),
      (
        "a,label\n0e9999,0\n1e+0003,1\n", 1,
        "f.csv:3: label 1 is out of range 0...0"
      ),
      (
        "a,label\n1,0\n3000000000,1\n", nil,
        "f.csv:3: column 'a': 3000000000 does not fit in a 32-bit integer at 0 decimal places"
      ),
      (
        "a,label\n0.000001,0\n2500,1\n", nil,
        "f.csv:3: column 'a': 2500 does not fit in a 32-bit integer at 6 decimal places"
      ),
    ]
    for (text, classCount, expected) in cases {
      #expect(
        CSVReaderTests.failure(text, classCount: classCount) == expected, "\(text.debugDescription)"
      )
    }
  }

  @Test func filesWithDifferentHeadersAreRejected() throws {
    let dir = TempFolder()
    let a = try dir.write("a.csv", "x,label\n1,0\n")
    let b = try dir.write("b.csv", "y,label\n1,0\n")
    #expect(
      errorMessage { _ = try CSVReader.read([a, b], classCount: nil) }
        == "\(a) and \(b): the CSV headers differ")
  }

  @Test func missingFileIsNamed() {
    #expect(
      errorMessage { _ = try CSVReader.read(["/nonexistent/x.csv"], classCount: nil) }
        == "/nonexistent/x.csv: no such file")
  }
}

/// Invalid UTF-8 in a category or a header is an error naming line and column, never a
/// category merged with another through the replacement character.
@Suite struct CSVEncodingTests {
  @Test func invalidUTF8IsAnErrorNamingLineAndColumn() {
    func message(_ bytes: [UInt8]) -> String? {
      errorMessage { _ = try CSVReader.parse([("u.csv", bytes)], classCount: nil) }
    }
    let header = Array("n,c,label\n".utf8)
    let good = Array("1,red,0\n".utf8)
    #expect(
      message(header + good + [0x32, 0x2C, 0xFF, 0x2C, 0x31, 0x0A])
        == "u.csv:3: column 2 ('c'): '\u{FFFD}' is not valid UTF-8")
    #expect(
      message([0x6E, 0xC3, 0x2C] + Array("label\n1,0\n".utf8))
        == "u.csv:1: column 1: header 'n\u{FFFD}' is not valid UTF-8")
    let crlf = Array("n,c,label\r\n1,red,0\r\n2,blue,1\r\n".utf8)
    #expect(errorMessage { _ = try CSVReader.parse([("u.csv", crlf)], classCount: nil) } == nil)
  }
}
