import BitTrue
import Foundation

/// The settings of `wageubn sweep --vary CLASS=V1,V2,…`: one tensor class, several widths.
struct WageubnSweep: Sendable {
  /// `accumulator`, `e1` or `e2`.
  let tensorClass: String
  /// The widths, in the order given.
  let values: [Int]

  /// The classes a sweep may vary and the widths each accepts.
  static let classes: [(name: String, widths: ClosedRange<Int>)] = [
    ("accumulator", 2...63), ("e1", WAGEUBNBitWidths.allowed), ("e2", WAGEUBNBitWidths.allowed),
  ]
  /// The most settings of one sweep.
  static let maximumSettings = 64

  /// Parses `e2=8,16`; `nil` unless the class is known and every width distinct and allowed.
  init?(_ text: String) {
    let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
    guard parts.count == 2, let range = Self.classes.first(where: { $0.name == parts[0] })?.widths
    else { return nil }
    let items = parts[1].split(separator: ",", omittingEmptySubsequences: false)
    guard (1...Self.maximumSettings).contains(items.count) else { return nil }
    var values: [Int] = []
    for item in items {
      guard item.count <= 2, let k = Int(item), range.contains(k), !values.contains(k) else {
        return nil
      }
      values.append(k)
    }
    tensorClass = String(parts[0])
    self.values = values
  }

  /// The name of setting `value`: its run folder, e.g. `e2-16`.
  func name(_ value: Int) -> String { "\(tensorClass)-\(value)" }

  /// `base` with the swept class at `value` (an accumulator width keeps the base's overflow
  /// mode when it declared one, else saturates).
  func configuration(_ base: WAGEUBNTrainingConfiguration, value: Int, overflow: String?)
    -> WAGEUBNTrainingConfiguration
  {
    var c = base
    switch tensorClass {
    case "accumulator":
      c.plan = AccumulatorPlan(
        all: Accumulator(width: value, overflow: overflow == "wrap" ? .wrap : .saturate))
    case "e1": c.bits.e1 = value
    default: c.bits.e2 = value
    }
    return c
  }
}

/// One finished setting of a sweep: what its table row and JSON entry show.
struct WageubnSweepRow: Sendable, Codable {
  /// `e2-16`.
  var setting: String
  /// The swept width.
  var bits: Int
  /// Final test accuracy (0…1).
  var testAccuracy: Double
  /// Accumulator overflows of the whole run (all layers and products).
  var overflows: Int
  /// Of those, the saturated ones.
  var saturations: Int
  /// Values the quantizers clipped (all layers and tensors).
  var clipped: Int
  /// The widest exact accumulator sum seen, in bits.
  var widestSum: Int
  /// The final parameters' digest.
  var weightsDigest: String
  /// Seconds of training steps.
  var stepSeconds: Double

  /// The row of `run`, the setting `name` at width `bits`.
  init(_ run: WageubnTrainRun, setting name: String, bits: Int) {
    let layers = run.report.layers
    let accumulators = layers.flatMap { $0.accumulators.values }
    setting = name
    self.bits = bits
    testAccuracy = run.report.testAccuracy
    overflows = accumulators.reduce(0) { $0 + $1.events.overflows }
    saturations = accumulators.reduce(0) { $0 + $1.events.saturations }
    clipped = layers.flatMap { $0.tensors.values }.reduce(0) { $0 + $1.events.overflowed }
    widestSum = accumulators.map(\.events.maxBitLength).max() ?? 0
    weightsDigest = run.report.weightsDigest
    stepSeconds = run.report.stepSeconds
  }
}

/// The JSON of `wageubn sweep --json` and `sweep.json`.
struct WageubnSweepSummary: Sendable, Codable {
  var format = "bittrue-wageubn-sweep"
  var version = 1
  /// The swept class.
  var tensorClass: String
  /// One row per setting, in the order given.
  var settings: [WageubnSweepRow]

  /// The table: one line per setting.
  var table: String {
    let header = [
      "setting", "test accuracy", "overflows", "saturations", "clipped", "widest sum",
      "weights digest",
    ]
    let rows = settings.map { r in
      [
        r.setting, WAGEUBNRunReport.percent(r.testAccuracy), "\(r.overflows)", "\(r.saturations)",
        "\(r.clipped)", "\(r.widestSum) bits", String(r.weightsDigest.prefix(16)),
      ]
    }
    let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max()! }
    return ([header] + rows).map { row in
      row.enumerated().map { c, cell in
        cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
      }.joined(separator: "  ").trimmingTrailingSpaces
    }.joined(separator: "\n") + "\n"
  }
}

extension String {
  fileprivate var trimmingTrailingSpaces: String {
    var s = Substring(self)
    while s.last == " " { s = s.dropLast() }
    return String(s)
  }
}
