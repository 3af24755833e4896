import ArgumentParser
import BitTrue
import Foundation

/// `bittrue wageubn report RUN/`: the report of a training run folder.
struct WageubnReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Show the report of a `wageubn train --out` folder.",
    discussion: """
      Reads RUN/report.json and prints, per layer and tensor: the format map, the shift \
      exponents r of R = 2^r (range, R(0) events, jumps of 2 or more between steps), each \
      accumulator's declared width with its overflow and saturation counts and the smallest \
      overflow-free width, and the update-vs-LSB diagnostics (zero updates, forward-weight \
      flips, momentum and master saturations). --svg FILE also writes the chart of train \
      and test accuracy and cumulative accumulator overflows per epoch (as train's curve.svg).

      Examples:
        bittrue wageubn report out/w
        bittrue wageubn report out/w --markdown > report.md
        bittrue wageubn report out/w --svg curve.svg
      """)

  @Argument(
    help: ArgumentHelp(
      "The run folder (written by `bittrue wageubn train --out`).", valueName: "run"))
  var folder: String
  @Flag(help: "Print Markdown.")
  var markdown = false
  @Flag(help: "Print the JSON report (every counter, the exponents of every step).")
  var json = false
  @Option(
    help: ArgumentHelp(
      "Also write the chart of accuracy and overflows per epoch (curve.svg) to this file.",
      valueName: "path"))
  var svg: String?

  func validate() throws {
    if markdown && json { throw ValidationError("--markdown and --json exclude each other") }
  }

  func run() throws {
    let path = (folder as NSString).appendingPathComponent("report.json")
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    let report: WAGEUBNRunReport
    do {
      report = try JSONDecoder().decode(WAGEUBNRunReport.self, from: data)
    } catch {
      throw CommandFailure(
        description:
          "\(path): not a bittrue WAGEUBN run report (\(WageubnFileProblem.describe(error)))")
    }
    guard report.format == "bittrue-wageubn-run", report.version == 1 else {
      throw CommandFailure(
        description: "\(path): format \(report.format) version \(report.version) is not supported")
    }
    if let svg { try AtomicFileWriter.write(WAGEUBNCurveSVG.render(report), to: svg) }
    if json {
      try StandardStreams.writeLine(try RunSummary.json(report))
    } else {
      try StandardStreams.write(markdown ? report.markdown : report.text)
    }
  }
}
