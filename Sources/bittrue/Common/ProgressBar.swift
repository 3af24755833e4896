import Foundation

/// A one-line progress bar on stderr with rate and ETA:
/// `train epoch 3  [#########...............]  2304/6000  38.4%  1520/s  ETA 0:02`.
///
/// Cheap enough to call per sample: an update costs a clock read, and the line is redrawn at
/// most ten times a second. Disabled bars (not a terminal, `--quiet`) do nothing at all.
final class ProgressBar {
  /// Whether standard error is a terminal.
  static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

  private let label: String
  private let total: Int
  private let isEnabled: Bool
  private let output: (String) -> Void
  private let start = DispatchTime.now().uptimeNanoseconds
  private var nextDraw: UInt64 = 0
  private var completed = 0
  private var status = ""

  /// A bar for `total` steps drawn on stderr (or handed to `output`); `isEnabled` false
  /// makes every call a no-op.
  init(
    label: String, total: Int, isEnabled: Bool,
    output: @escaping (String) -> Void = { StandardStreams.writeError($0) }
  ) {
    self.label = label
    self.total = max(total, 0)
    self.isEnabled = isEnabled
    self.output = output
  }

  /// Marks `steps` more steps done.
  func advance(by steps: Int = 1) { update(to: completed + steps) }

  /// Sets the number of steps done and, optionally, a short status shown after the bar
  /// (e.g. `loss 0.412`).
  func update(to done: Int, status: String? = nil) {
    completed = min(max(done, 0), total)
    if let status { self.status = status }
    guard isEnabled else { return }
    let now = DispatchTime.now().uptimeNanoseconds
    guard now >= nextDraw else { return }
    nextDraw = now + 100_000_000
    draw(elapsed: Double(now - start) / 1e9, final: false)
  }

  /// Erases the bar's line so other text can be printed; the next update redraws it.
  func clearLine() {
    guard isEnabled else { return }
    output("\r\u{1B}[K")
    nextDraw = 0
  }

  /// Draws the final state and ends the line.
  func finish() {
    guard isEnabled else { return }
    completed = total
    draw(elapsed: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, final: true)
  }

  private func draw(elapsed: Double, final: Bool) {
    let line =
      ProgressBar.render(
        label: label, completed: completed, total: total, elapsed: elapsed, final: final)
      + (status.isEmpty ? "" : "  " + status)
    output("\r" + line + "\u{1B}[K" + (final ? "\n" : ""))
  }

  /// The text of the bar: label, 24-cell bar, count, percentage, rate, and the ETA (or, when
  /// `final`, the total time).
  static func render(label: String, completed: Int, total: Int, elapsed: Double, final: Bool)
    -> String
  {
    let width = 24
    let fraction = total > 0 ? Double(completed) / Double(total) : 1
    let filled = min(width, Int(fraction * Double(width)))
    let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
    let rate = elapsed > 0 ? Double(completed) / elapsed : 0
    let percent = String(format: "%.1f%%", fraction * 100)
    let rateText = rate >= 100 ? String(format: "%.0f/s", rate) : String(format: "%.1f/s", rate)
    let tail: String
    if final {
      tail = clock(elapsed)
    } else if rate > 0 {
      tail = "ETA " + clock(Double(total - completed) / rate)
    } else {
      tail = "ETA --:--"
    }
    return "\(label)  [\(bar)]  \(completed)/\(total)  \(percent)  \(rateText)  \(tail)"
  }

  /// `m:ss`, or `h:mm:ss` from an hour on (capped at 99:59:59).
  static func clock(_ seconds: Double) -> String {
    let s = seconds.isFinite ? Int(min(max(seconds, 0), 359_999).rounded()) : 359_999
    if s >= 3600 { return String(format: "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60) }
    return String(format: "%d:%02d", s / 60, s % 60)
  }
}
