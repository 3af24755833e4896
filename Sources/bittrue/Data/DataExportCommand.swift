import ArgumentParser
import Datasets

/// `bittrue data export`: writes a data set's split, encoded as a model would see it, to CSV
/// files so that other tools (Python baselines) train on exactly the same inputs.
struct DataExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Write the encoded train and test samples as CSV files.",
    discussion: """
      Writes <out>/train.csv, <out>/test.csv and <out>/info.json (the `data info --json` \
      report). Each CSV has a header with one column per model input and a last column \
      `label`. Raw inputs are the features' integers (a numeric column with d decimal places \
      holds value · 10^d); thermometer inputs are 0/1 and named `feature>threshold`, one-hot \
      bits by their feature name; fixed-point inputs are the codes (value · 2^F, F from \
      --format; with --feature-scale power-of-two, value / 2^e · 2^F with the per-feature e \
      listed in info.json). The files are written into a temporary sibling folder that then \
      replaces <out> as a whole, so <out> always holds one complete set; <out> must be new, \
      empty, or an output folder bittrue wrote (it holds .bittrue-output).
      """
  )

  @Argument(help: ArgumentHelp("A data set name or file path.", valueName: "name|path"))
  var source: String?

  @OptionGroup(title: "Data set")
  var data: DatasetOptions

  @Option(
    help: ArgumentHelp(
      "Folder to write the files into (created if missing, else replaced as a whole).",
      valueName: "dir"))
  var out: String

  @Flag(help: "No progress bar on stderr.")
  var quiet = false

  func validate() throws {
    if source != nil && data.dataset != nil && source != data.dataset {
      throw ValidationError("name the data set once: as the argument or with --dataset")
    }
  }

  func run() throws {
    let folder = try OutputFolder(out, command: "bittrue data export")
    let dataset = try data.load(source: source)
    let encoder = try FittedEncoder(data.inputEncoding, fittedOn: dataset)
    let header = DataExportCommand.columnNames(dataset.features, encoder) + ["label"]
    let progress = ProgressBar(
      label: "export", total: dataset.train.count + dataset.test.count,
      isEnabled: !quiet && ProgressBar.stderrIsTerminal)
    var files: [(name: String, bytes: [UInt8])] = []
    for (name, samples) in [("train.csv", dataset.train), ("test.csv", dataset.test)] {
      var text = Array((header.joined(separator: ",") + "\n").utf8)
      switch encoder.encode(samples.inputs) {
      case .integers(let m):
        text.reserveCapacity(text.count + m.values.count * 4)
        for r in 0..<m.rows {
          for value in m.row(r) {
            DataExportCommand.appendDecimal(Int64(value), to: &text)
            text.append(UInt8(ascii: ","))
          }
          DataExportCommand.appendDecimal(Int64(samples.labels[r]), to: &text)
          text.append(UInt8(ascii: "\n"))
          progress.advance()
        }
      case .bits(let m):
        text.reserveCapacity(text.count + m.rows * (m.columns * 2 + 8))
        for r in 0..<m.rows {
          for c in 0..<m.columns {
            text.append(m[r, c] ? UInt8(ascii: "1") : UInt8(ascii: "0"))
            text.append(UInt8(ascii: ","))
          }
          DataExportCommand.appendDecimal(Int64(samples.labels[r]), to: &text)
          text.append(UInt8(ascii: "\n"))
          progress.advance()
        }
      }
      files.append((name, text))
    }
    progress.finish()
    let report = DataInfoReport(dataset: dataset, encoding: data.inputEncoding, encoder: encoder)
    files.append(("info.json", Array((try RunSummary.json(report) + "\n").utf8)))
    for file in files { try folder.write(file.bytes, named: file.name) }
    try folder.commit()
    try StandardStreams.writeLine(
      "wrote \(out)/train.csv (\(dataset.train.count) rows), \(out)/test.csv "
        + "(\(dataset.test.count) rows), \(out)/info.json; \(encoder.inputBitCount) input bits")
  }

  /// Appends the decimal digits of `value` (with a leading `-` when negative).
  static func appendDecimal(_ value: Int64, to text: inout [UInt8]) {
    if value < 0 { text.append(UInt8(ascii: "-")) }
    var magnitude = value.magnitude
    var digits:
      (
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
        UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
      ) = (
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      )
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
      repeat {
        buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
        count += 1
      } while magnitude > 0
      for i in stride(from: count - 1, through: 0, by: -1) { text.append(buffer[i]) }
    }
  }

  /// One name per encoded input column.
  static func columnNames(_ features: [FeatureColumn], _ encoder: FittedEncoder) -> [String] {
    switch encoder {
    case .raw, .fixedPoint:
      return features.map(\.name)
    case .thermometer(let e):
      return features.indices.flatMap { f -> [String] in
        if case .oneHot = features[f].kind { return [features[f].name] }
        return e.bitRange(ofFeature: f).map {
          "\(features[f].name)>\(features[f].decimalText(e.thresholds[$0]))"
        }
      }
    }
  }
}
