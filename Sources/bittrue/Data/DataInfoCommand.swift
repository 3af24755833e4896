import ArgumentParser
import Datasets

/// `bittrue data info <name|path>`: what a data set looks like under the given options.
struct DataInfoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "info",
    abstract: "Print rows, features, classes, split sizes, class balance and input bits.",
    discussion: """
      The data set is named by the argument or by --dataset. Named data sets are looked up \
      under --data-dir (default: $BITTRUE_DATA, else ./data); any other argument must be a \
      CSV file or an IDX images file. Data sets without an official split get a seeded 80/20 \
      split (--split-seed). The input bit count is the width one encoded sample occupies. \
      With --encoding fixed, each feature's exact value is rounded once into --format \
      (--round, default RND_CONV; --overflow, default SAT; --feature-scale power-of-two first \
      divides each feature by the smallest power of two above its largest training \
      magnitude), and the report counts, per split, the values that overflowed and the \
      values that were rounded.
      """
  )

  @Argument(help: ArgumentHelp("A data set name or file path.", valueName: "name|path"))
  var source: String?

  @OptionGroup(title: "Data set")
  var data: DatasetOptions

  @Flag(help: "Print JSON instead of text.")
  var json = false

  func validate() throws {
    if source != nil && data.dataset != nil && source != data.dataset {
      throw ValidationError("name the data set once: as the argument or with --dataset")
    }
    if source == nil && data.dataset == nil {
      throw ValidationError("name a data set: bittrue data info <name|path>")
    }
  }

  func run() throws {
    let dataset = try data.load(source: source)
    let encoder = try FittedEncoder(data.inputEncoding, fittedOn: dataset)
    let report = DataInfoReport(dataset: dataset, encoding: data.inputEncoding, encoder: encoder)
    if json {
      try RunSummary.printJSON(report)
    } else {
      try StandardStreams.write(report.text)
    }
  }
}
