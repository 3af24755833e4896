import Dispatch
import Foundation

/// A one-line "still working" indicator on stderr for steps with no measurable progress
/// (a Verilator build): `cosim: building and simulating … 12 s`, redrawn once a second and
/// erased when the step ends. Silent when stderr is not a terminal.
final class ElapsedTicker: @unchecked Sendable {
  private let label: String
  private let timer: DispatchSourceTimer?
  private let start = DispatchTime.now().uptimeNanoseconds

  /// Starts ticking (when `isEnabled` and stderr is a terminal).
  init(_ label: String, isEnabled: Bool = ProgressBar.stderrIsTerminal) {
    self.label = label
    guard isEnabled else {
      timer = nil
      return
    }
    let timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "bittrue.ticker"))
    self.timer = timer
    timer.schedule(deadline: .now(), repeating: .seconds(1))
    timer.setEventHandler { [weak self] in self?.draw() }
    timer.resume()
  }

  private func draw() {
    let seconds = (DispatchTime.now().uptimeNanoseconds - start) / 1_000_000_000
    StandardStreams.writeError("\r\(label) … \(seconds) s\u{1B}[K")
  }

  /// Stops and erases the line.
  func stop() {
    guard let timer else { return }
    timer.cancel()
    StandardStreams.writeError("\r\u{1B}[K")
  }
}
