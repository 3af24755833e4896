import ArgumentParser
import Datasets
import FixedPoint
import Foundation

/// The data-set options every training command shares: which data set, where named data sets
/// live, how to split and cut it, and how to encode its inputs.
struct DatasetOptions: ParsableArguments {
  /// The input encodings offered on the command line.
  enum EncodingName: String, CaseIterable, ExpressibleByArgument {
    case raw
    case thermometer
    case fixed
  }

  @Option(
    help: ArgumentHelp(
      "A data set name (\(NamedDataset.allCases.map(\.rawValue).joined(separator: ", "))) "
        + "or the path of a CSV or IDX images file.",
      valueName: "name|path"))
  var dataset: String?

  @Option(
    name: .customLong("data-dir"),
    help: ArgumentHelp(
      "Folder holding the named data sets (default: $BITTRUE_DATA, else ./data).",
      valueName: "dir"))
  var dataDirectory: String?

  @Option(
    name: .customLong("split-seed"),
    help: "Seed of the 80/20 split of data sets without an official split.")
  var splitSeed: UInt64 = 0

  @Option(help: "Keep only the first N training samples (after the split).")
  var limit: Int?

  @Option(
    name: .customLong("crop-border"),
    help: ArgumentHelp(
      "Remove N pixels from each side of every image (IDX image data sets only; "
        + "4 turns MNIST's 28x28 into difflogic's mnist20x20).",
      valueName: "N"))
  var cropBorder: Int = 0

  @Option(help: "Input encoding: raw integers, thermometer bits, or fixed-point codes.")
  var encoding: EncodingName = .raw

  @Option(help: "Thresholds per feature for --encoding thermometer (default 1).")
  var thresholds: Int?

  @Option(
    name: .customLong("threshold-placement"),
    help:
      "Where thermometer thresholds go: uniform over the training range, or at training quantiles (default uniform)."
  )
  var thresholdPlacement: ThresholdPlacement?

  @Option(
    help: ArgumentHelp(
      "Fixed-point format of every feature for --encoding fixed (e.g. ufix8_En4, ufix<8,4>).",
      valueName: "format"),
    transform: FixedArguments.format)
  var format: FixedFormat?

  @Option(
    help: ArgumentHelp(
      "Rounding mode for --encoding fixed (default RND_CONV; any deterministic mode).",
      valueName: "mode"),
    transform: FixedArguments.rounding)
  var round: RoundingMode?

  @Option(
    help: ArgumentHelp("Overflow mode for --encoding fixed (default SAT).", valueName: "mode"),
    transform: FixedArguments.overflow)
  var overflow: OverflowMode?

  @Option(
    name: .customLong("feature-scale"),
    help: ArgumentHelp(
      "For --encoding fixed: none, or power-of-two (divide each feature by the smallest power "
        + "of two above its largest training magnitude, a binary-point shift; default none).",
      valueName: "scale"))
  var featureScale: FixedPointScaling.FeatureScale?

  func validate() throws {
    if let limit, limit < 1 { throw ValidationError("--limit must be at least 1 (got \(limit))") }
    if cropBorder < 0 {
      throw ValidationError("--crop-border must be at least 0 (got \(cropBorder))")
    }
    if encoding != .thermometer && (thresholds != nil || thresholdPlacement != nil) {
      throw ValidationError("--thresholds and --threshold-placement need --encoding thermometer")
    }
    if encoding != .fixed
      && (format != nil || round != nil || overflow != nil || featureScale != nil)
    {
      throw ValidationError(
        "--format, --round, --overflow and --feature-scale need --encoding fixed")
    }
    if encoding == .fixed && format == nil {
      throw ValidationError("--encoding fixed needs --format (e.g. --format ufix8_En4)")
    }
    if let thresholds, !(1...InputEncoding.maxThresholds).contains(thresholds) {
      throw ValidationError(
        "--thresholds must be 1...\(InputEncoding.maxThresholds) (got \(thresholds))")
    }
  }

  /// The data set to use: `--dataset`, else `digits` (the data set the repository carries).
  var source: String { dataset ?? NamedDataset.digits.rawValue }

  /// `--data-dir`, else a non-empty `$BITTRUE_DATA`, else `./data`.
  var resolvedDataDirectory: String {
    if let dataDirectory { return dataDirectory }
    if let env = ProcessInfo.processInfo.environment["BITTRUE_DATA"], !env.isEmpty { return env }
    return "./data"
  }

  /// The encoding the flags describe.
  var inputEncoding: InputEncoding {
    switch encoding {
    case .raw: return .raw
    case .thermometer:
      return .thermometer(thresholds: thresholds ?? 1, placement: thresholdPlacement ?? .uniform)
    case .fixed:
      guard let format else { preconditionFailure("validate() requires --format") }
      return .fixedPoint(
        FixedPointScaling(
          format: format, rounding: round ?? .rndConv, overflow: overflow ?? .sat,
          featureScale: featureScale ?? .none))
    }
  }

  /// Loads the data set (`source` overrides `--dataset`).
  func load(source override: String? = nil) throws -> Dataset {
    try DatasetLoader.load(
      DatasetRequest(
        source: override ?? source, dataDirectory: resolvedDataDirectory, splitSeed: splitSeed,
        limit: limit, cropBorder: cropBorder))
  }

  /// Loads the data set and fits the input encoding on it; a data-set problem is a one-line
  /// command failure.
  func loadFitted() throws -> (dataset: Dataset, encoder: FittedEncoder) {
    do {
      let dataset = try load()
      return (dataset, try FittedEncoder(inputEncoding, fittedOn: dataset))
    } catch let error as DatasetError {
      throw CommandFailure(description: error.description)
    }
  }
}

extension ThresholdPlacement: ExpressibleByArgument {}

extension FixedPointScaling.FeatureScale: ExpressibleByArgument {}
