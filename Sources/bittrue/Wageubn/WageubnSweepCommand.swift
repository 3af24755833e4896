import ArgumentParser
import BitTrue
import Foundation

/// `bittrue wageubn sweep`: independent training runs over the widths of one tensor class.
struct WageubnSweepCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Train once per width of one tensor class; tabulate accuracy and overflows.",
    discussion: """
      --vary CLASS=V1,V2,… names the class and its widths: accumulator (every accumulator's \
      declared width, 2...63 bits; saturating unless --accumulator-overflow wrap), e1 or e2 \
      (the error quantizers, 2...16 bits). Every other option is that of `wageubn train`, and \
      each setting is exactly the run `wageubn train` makes with the class set to its width \
      (same weights digest): an independent single-threaded run, --threads of them at a time.

      With --out DIR each setting writes its own run folder DIR/<class>-<width> (the files of \
      `wageubn train --out`) and the sweep writes DIR/sweep.json. The table (or --json) has \
      per setting: test accuracy, accumulator overflows and saturations, values the \
      quantizers clipped, the widest accumulator sum, and the weights digest.

      Example:
        bittrue wageubn sweep --dataset digits --model mlp:64-32-10 --lr 0.5 --vary e2=8,16 \\
            --out out/sweep
      """)

  @OptionGroup(title: "Data set") var data: DatasetOptions
  @OptionGroup(title: "Run") var run: RunOptions
  @OptionGroup(title: "Training") var options: WageubnTrainOptions

  @Option(
    help: ArgumentHelp(
      "The class and its widths: accumulator=24,28,32, e1=6,8 or e2=8,16.",
      valueName: "class=w1,w2,…"))
  var vary: String

  func validate() throws {
    guard WageubnSweep(vary) != nil else {
      throw ValidationError(
        "--vary: expected accumulator=…, e1=… or e2=… with 1...\(WageubnSweep.maximumSettings) "
          + "distinct widths (accumulator 2...63, e1/e2 2...16), got '\(Excerpt.of(vary))'")
    }
  }

  mutating func run() async throws {
    let sweep = WageubnSweep(vary)!
    let widths = try options.checkedWidths(threads: run.threads)
    let folders = try run.out.map { out in
      try sweep.values.map { v throws(AtomicFileWriter.Failure) in
        HandedOver(
          try OutputFolder(out + "/" + sweep.name(v), command: "bittrue wageubn sweep"))
      }
    }
    let loaded = try WageubnData(data)
    try options.check(widths, against: loaded)
    let base = options.configuration(widths, seed: run.seed)
    let quiet = run.json || run.quiet
    if !quiet {
      StandardStreams.writeError(
        "data: \(loaded.description)\nsweep: \(sweep.values.count) settings of "
          + "\(sweep.tensorClass), \(min(run.threads, sweep.values.count)) at a time\n")
    }
    let overflow = options.accumulatorOverflow
    let rows = try await withThrowingTaskGroup(of: (Int, WageubnSweepRow).self) { group in
      var rows = [WageubnSweepRow?](repeating: nil, count: sweep.values.count)
      var next = 0
      func start(_ i: Int) {
        let value = sweep.values[i]
        let configuration = sweep.configuration(base, value: value, overflow: overflow)
        let folder = folders?[i]
        group.addTask {
          let result = try await WageubnTrainRun.perform(
            configuration, loaded, threads: 1, folder: folder?.value
          ) { _, _, _ in }
          return (i, WageubnSweepRow(result, setting: sweep.name(value), bits: value))
        }
      }
      while next < min(run.threads, sweep.values.count) {
        start(next)
        next += 1
      }
      for try await (i, row) in group {
        rows[i] = row
        if !quiet {
          StandardStreams.writeError(
            "\(row.setting): test \(WAGEUBNRunReport.percent(row.testAccuracy)), "
              + "overflows \(row.overflows)\n")
        }
        if next < sweep.values.count {
          start(next)
          next += 1
        }
      }
      return rows.map { $0! }
    }
    let summary = WageubnSweepSummary(tensorClass: sweep.tensorClass, settings: rows)
    let json = try RunSummary.json(summary)
    if let out = run.out { try AtomicFileWriter.write(json + "\n", to: out + "/sweep.json") }
    if run.json {
      try StandardStreams.writeLine(json)
    } else {
      try StandardStreams.write(summary.table)
    }
  }
}

/// A value handed to exactly one child task and used by it alone (a setting's output
/// folder): never shared, so no data race.
private final class HandedOver<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
