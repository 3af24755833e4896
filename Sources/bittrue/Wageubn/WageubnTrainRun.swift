import BitTrue
import Foundation

/// One WAGEUBN training run, as `wageubn train` and every setting of `wageubn sweep` make
/// it: train, evaluate the final parameters on the test split, write the run folder.
struct WageubnTrainRun: Sendable {
  /// The run's report (what `report.json` holds).
  let report: WAGEUBNRunReport
  /// Test accuracy of the final parameters.
  let accuracy: Accuracy
  /// Digest of the final parameters.
  let digest: WeightsDigest

  /// Trains `configuration` on the loaded data (continuing `state` when given) and, given a
  /// folder, writes report.json, report.md, curve.svg, train.log and checkpoint.json (the
  /// ``WAGEUBNTrainingState``) into it and commits it.
  /// `progress(step, loss, record)` follows ``WAGEUBNTraining/run``.
  static func perform(
    _ configuration: WAGEUBNTrainingConfiguration, _ loaded: WageubnData, threads: Int,
    folder: OutputFolder?, capture: (WAGEUBNCapture, OutputFolder)? = nil,
    resuming state: WAGEUBNTrainingState? = nil,
    progress: @escaping (Int, Double, WAGEUBNEpochRecord?) -> Void
  ) async throws -> WageubnTrainRun {
    let result: WAGEUBNRun
    do throws(TrainingError) {
      result = try await WAGEUBNTraining.run(
        configuration, train: loaded.train, test: loaded.test, threads: threads,
        capture: capture?.0, resuming: state
      ) { step, _, loss, record in progress(step, loss, record) }
    } catch {
      throw CommandFailure(description: error.description)
    }
    let network = result.model.network
    let predictions = network.predict(
      loaded.test.codes, count: loaded.test.count, plan: configuration.plan,
      profile: configuration.profile, threads: threads)
    let accuracy = Accuracy(predictions: predictions, labels: loaded.test.labels)
    let digest = network.weightsDigest
    let report = WAGEUBNRunReport(
      run: result, dataset: loaded.dataset.name,
      testAccuracy: Double(accuracy.correct) / Double(max(accuracy.total, 1)),
      weightsDigest: digest.hexDigest, threads: threads)
    if let folder { try write(report, result, to: folder) }
    if let (_, captureFolder) = capture, let captured = result.model.capture {
      try writeCapture(captured, configuration, to: captureFolder)
    }
    return WageubnTrainRun(report: report, accuracy: accuracy, digest: digest)
  }

  /// Writes the run's files and swaps the folder in.
  private static func write(_ report: WAGEUBNRunReport, _ run: WAGEUBNRun, to folder: OutputFolder)
    throws
  {
    try folder.write(try RunSummary.json(report) + "\n", named: "report.json")
    try folder.write(report.markdown, named: "report.md")
    try folder.write(WAGEUBNCurveSVG.render(report), named: "curve.svg")
    try folder.write(report.epochs.map { epochLine($0) + "\n" }.joined(), named: "train.log")
    // Compact (one line): the parameters are hundreds of thousands of numbers.
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let state = WAGEUBNTrainingState(run)
    try folder.write([UInt8](try encoder.encode(state)) + [10], named: "checkpoint.json")
    try folder.commit()
  }

  /// Writes the captured vector files and `manifest.json`, and swaps the folder in.
  private static func writeCapture(
    _ capture: WAGEUBNCapture, _ configuration: WAGEUBNTrainingConfiguration,
    to folder: OutputFolder
  ) throws {
    for entry in capture.entries {
      try folder.write(capture.files[entry.file] ?? "", named: entry.file)
    }
    let manifest = WageubnCaptureManifest(
      profile: configuration.profileName, seed: configuration.seed,
      rounding: configuration.profile.rounding.rawValue, files: capture.entries)
    try folder.write(try RunSummary.json(manifest) + "\n", named: "manifest.json")
    try folder.commit()
  }

  /// `epoch 1 steps 938 loss 0.4123 train 91.20% test 90.85% overflows 0 12.3s`.
  static func epochLine(_ r: WAGEUBNEpochRecord) -> String {
    let loss = WAGEUBNRunReport.fixed(r.loss, 4)
    let train = WAGEUBNRunReport.percent(r.trainAccuracy)
    let test = WAGEUBNRunReport.percent(r.testAccuracy)
    let seconds = WAGEUBNRunReport.fixed(r.seconds, 1)
    return "epoch \(r.epoch) steps \(r.steps) loss \(loss) train \(train) test \(test) "
      + "overflows \(r.overflows) \(seconds)s"
  }
}

/// `manifest.json` of a capture folder: what every vector file holds.
struct WageubnCaptureManifest: Encodable {
  var format = "bittrue-wageubn-capture"
  var version = 1
  /// The profile of the run.
  var profile: String
  /// The run's seed.
  var seed: UInt64
  /// The quantizers' rounding mode.
  var rounding: String
  /// The files, in capture order.
  var files: [WAGEUBNCapture.Entry]
}
