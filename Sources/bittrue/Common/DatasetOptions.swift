import ArgumentParser
import Datasets
import Foundation

/// The data-set options every training command shares: which data set, where named data sets
/// live, how to split and cut it, and how to encode its inputs.
struct DatasetOptions: ParsableArguments {
  /// The input encodings offered on the command line. (The fixed-point scaling encoder joins
  /// here as `fixed`, with its format option, when it lands in ``InputEncoding``.)
  enum EncodingName: String, CaseIterable, ExpressibleByArgument {
    case raw
    case thermometer
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

  @Option(help: "Input encoding: raw integers or thermometer bits.")
  var encoding: EncodingName = .raw

  @Option(help: "Thresholds per feature for --encoding thermometer (default 1).")
  var thresholds: Int?

  @Option(
    name: .customLong("threshold-placement"),
    help:
      "Where thermometer thresholds go: uniform over the training range, or at training quantiles (default uniform)."
  )
  var thresholdPlacement: ThresholdPlacement?

  func validate() throws {
    if let limit, limit < 1 { throw ValidationError("--limit must be at least 1 (got \(limit))") }
    if encoding != .thermometer && (thresholds != nil || thresholdPlacement != nil) {
      throw ValidationError("--thresholds and --threshold-placement need --encoding thermometer")
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
    }
  }

  /// Loads the data set (`source` overrides `--dataset`).
  func load(source override: String? = nil) throws -> Dataset {
    try DatasetLoader.load(
      DatasetRequest(
        source: override ?? source, dataDirectory: resolvedDataDirectory, splitSeed: splitSeed,
        limit: limit))
  }
}

extension ThresholdPlacement: ExpressibleByArgument {}
