import ArgumentParser
import Foundation

/// The run options every training command shares. Results depend on `--seed` only, never on
/// `--threads`.
struct RunOptions: ParsableArguments {
  @Option(help: "Seed of every random choice (initialisation, shuffles, stochastic rounding).")
  var seed: UInt64 = 0

  @Option(help: "Worker threads (results do not depend on it).")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(
    help: ArgumentHelp(
      "The folder for the command's output files (created if missing, else replaced as a "
        + "whole; it must be new, empty or a folder bittrue wrote).", valueName: "path"))
  var out: String?

  @Flag(help: "Print a machine-readable JSON summary on stdout instead of text.")
  var json = false

  @Flag(help: "No progress bar on stderr.")
  var quiet = false

  func validate() throws {
    if threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
  }

  /// A progress bar that is silent with `--quiet`, `--json` or when stderr is not a terminal.
  func progressBar(_ label: String, total: Int) -> ProgressBar {
    ProgressBar(
      label: label, total: total, isEnabled: !quiet && !json && ProgressBar.stderrIsTerminal)
  }
}
