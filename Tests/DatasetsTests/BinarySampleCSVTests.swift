import Datasets
import Testing

/// The 0/1 sample CSV of `logic eval --inputs`: headers, labels, CRLF and pinned errors.
@Suite struct BinarySampleCSVTests {
  private func parse(_ text: String, labels: Bool = true, classes: Int = 2) throws
    -> BinarySampleCSV
  {
    try BinarySampleCSV.parse(
      Array(text.utf8), source: "s.csv", hasLabels: labels, classCount: classes)
  }

  private func message(_ text: String, labels: Bool = true, classes: Int = 2) -> String? {
    errorMessage { _ = try parse(text, labels: labels, classes: classes) }
  }

  @Test func readsSamplesWithAndWithoutHeaderAndLabels() throws {
    let withHeader = try parse("a,b,label\r\n0,1,1\r\n\r\n1,1,0\r\n")
    #expect(withHeader.bits == [0, 1, 1, 1] && withHeader.labels == [1, 0])
    #expect(withHeader.featureCount == 2 && withHeader.count == 2)
    let bare = try parse("\u{FEFF}0, 1 ,0\n1,0,1", labels: false)
    #expect(bare.bits == [0, 1, 0, 1, 0, 1] && bare.labels == nil && bare.count == 2)
  }

  /// A first row with any numeric cell is a sample, so its bad cell is reported.
  @Test func aPartlyNumericFirstRowIsASampleNotAHeader() {
    #expect(
      message("0,1,0,x\n1,1,0,1\n")
        == "s.csv:1: column 4: label 'x' is not a class 0...1 of the net")
    #expect(message("0,1,x\n", labels: false) == "s.csv:1: column 3: 'x' is not 0 or 1")
    #expect(message("a,b,label\nx,1,0\n") == "s.csv:2: column 1: 'x' is not 0 or 1")
  }

  @Test func labelsOutsideTheNetsClassesAreRejected() {
    #expect(
      message("0,1,2\n", classes: 2)
        == "s.csv:1: column 3: label '2' is not a class 0...1 of the net")
    #expect(message("0,1,-1\n") == "s.csv:1: column 3: label '-1' is not a class 0...1 of the net")
    #expect(
      message("0,1,1.5\n") == "s.csv:1: column 3: label '1.5' is not a class 0...1 of the net")
    #expect(throws: Never.self) { try parse("0,1,9\n", classes: 10) }
  }

  @Test func shapeErrorsNameTheLine() {
    #expect(message("0,1,0\n1,0\n") == "s.csv:2: expected 3 cells, found 2")
    #expect(message("1\n") == "s.csv:1: no feature columns before the label")
    #expect(message("a,b\n\n") == "s.csv:3: no samples")
    #expect(message("") == "s.csv:1: no samples")
    #expect(message("0,\u{1}1,0\n") == "s.csv:1: column 2: '\\u{1}1' is not 0 or 1")
  }
}
