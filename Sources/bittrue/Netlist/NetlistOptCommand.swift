import ArgumentParser
import BitTrue
import Foundation

/// `bittrue netlist opt IN.nl [--out OUT.nl] [--passes …] [--pipeline K]`: runs passes on a
/// netlist and writes the result, with a per-pass summary on standard error.
struct NetlistOptCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "opt",
    abstract: "Optimise (and optionally bit-blast and pipeline) a netlist.",
    discussion: """
      Reads IN in the IR text form, runs the passes, prints one summary line per pass run \
      (nodes before and after, pass counters) to standard error and writes the result in \
      the text form to --out (atomically) or to standard output. Every pass runs under the \
      verifier. Without --passes the standard optimisation (const-fold, gates, cse, dce) \
      runs to a fixpoint.
      """
  )

  @Argument(help: "The netlist to optimise, in the IR text form.")
  var input: String

  @Option(
    help: ArgumentHelp("Where to write the result (default: standard output).", valueName: "file"))
  var out: String?

  @Option(
    help: ArgumentHelp(
      "Comma-separated passes to run once each, in order: "
        + Optimizer.passNames.joined(separator: ", ") + ".",
      valueName: "list"))
  var passes: String?

  @Option(
    help: ArgumentHelp(
      "Insert registers so that no path has more than K gate levels (needs a gate-level "
        + "netlist: add bitblast to --passes).", valueName: "K"))
  var pipeline: Int?

  func run() throws {
    if let k = pipeline, k < 1 {
      throw CommandFailure(description: "--pipeline must be at least 1, got \(k)")
    }
    var netlist = try NetlistFile.load(input)
    var outcomes: [PassOutcome] = []
    do throws(PassError) {
      if let passes {
        let list = try passes.split(separator: ",", omittingEmptySubsequences: false).map {
          (name: Substring) throws(PassError) -> any NetlistPass in
          try Optimizer.pass(named: name.trimmingCharacters(in: .whitespaces))
        }
        outcomes += try PassManager.run(list, on: &netlist)
      } else {
        outcomes += try Optimizer.optimize(&netlist)
      }
      if let k = pipeline {
        outcomes += try PassManager.run([Pipelining(every: k)], on: &netlist)
      }
    } catch {
      throw CommandFailure(description: error.description)
    }
    let text = NetlistText.print(netlist)
    if let out {
      try AtomicFileWriter.write(text, to: out)
    } else {
      try StandardStreams.write(text)
    }
    StandardStreams.writeError(Self.summary(outcomes))
  }

  /// One line per pass run: `bitblast  5 -> 31 nodes  full adders: 3, half adders: 1`, with
  /// `(no change)` when the pass changed nothing.
  static func summary(_ outcomes: [PassOutcome]) -> String {
    let nameWidth = outcomes.map(\.name.count).max() ?? 0
    var text = ""
    for o in outcomes {
      let name = o.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
      var line = "\(name)  \(o.nodesBefore) -> \(o.nodesAfter) nodes"
      if !o.changed { line += "  (no change)" }
      if !o.counters.isEmpty {
        line += "  " + o.counters.map(\.description).joined(separator: ", ")
      }
      text += line + "\n"
    }
    return text
  }
}
