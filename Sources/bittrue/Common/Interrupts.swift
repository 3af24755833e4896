import Cosim
import Dispatch
import Foundation
import Synchronization

/// What happens on SIGINT, SIGTERM or SIGHUP: child processes stop, temporary files and
/// folders go, the process exits with status 128 + the signal number.
///
/// The signals are taken from their default action and handled on a dispatch queue. The
/// handler stops Cosim's child process groups (``ChildProcesses/interrupt()``); when some
/// were running it gives the command a few seconds to unwind (its external-tool call throws
/// ``CosimError/interrupted``, which removes the build's temporary folder, and `main` then
/// exits through ``exit(_:)``). Otherwise, or when that takes too long, it removes the
/// registered temporary paths (its own and ``ChildProcesses/temporaryPaths``) itself and
/// exits. Output files and folders are registered while they are being written
/// (``removeOnInterrupt(_:)``), so an interrupt leaves the old output as it was and no
/// temporary file behind.
enum Interrupts {
  private struct State {
    var received: Int32?
    var paths: Set<String> = []
  }

  private static let state = Mutex(State())

  /// The signal sources, kept alive for the process's lifetime; written once by
  /// ``install()`` before any other thread runs, never read.
  nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

  /// Seconds an interrupted command with running children gets to unwind by itself.
  static let unwindSeconds = 10

  /// The signal that interrupted the command, if any.
  static var received: Int32? { state.withLock { $0.received } }

  /// Handles SIGINT, SIGTERM and SIGHUP from now on.
  static func install() {
    let queue = DispatchQueue(label: "bittrue.interrupts")
    sources = [SIGINT, SIGTERM, SIGHUP].map { number in
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
      source.setEventHandler { handle(number) }
      source.resume()
      return source
    }
  }

  /// Removes `path` (a file or a folder) if the command is interrupted.
  static func removeOnInterrupt(_ path: String) {
    _ = state.withLock { $0.paths.insert(path) }
  }

  /// Stops removing `path` on an interrupt (it was renamed or removed).
  static func keep(_ path: String) {
    _ = state.withLock { $0.paths.remove(path) }
  }

  /// Removes the registered paths and exits with status 128 + `signal`.
  static func exit(_ signal: Int32) -> Never {
    let paths = state.withLock { $0.paths }.union(ChildProcesses.temporaryPaths)
    for path in paths { try? FileManager.default.removeItem(atPath: path) }
    StandardStreams.writeError("Error: interrupted\n")
    _exit(128 + signal)
  }

  private static func handle(_ signal: Int32) {
    let first = state.withLock { state in
      defer { state.received = state.received ?? signal }
      return state.received == nil
    }
    guard first else { return }
    if ChildProcesses.interrupt() {
      // The command's own unwinding removes the build folders; it exits through exit(_:).
      for _ in 0..<(unwindSeconds * 10) { usleep(100_000) }
    }
    exit(signal)
  }
}
