import NetlistIR

/// A behaviour-preserving netlist transform.
///
/// A pass reports whether it changed anything; "no change" is not an error. Passes run under
/// ``PassManager``, which verifies the netlist after each one.
public protocol NetlistPass: Sendable {
  /// Short name used in logs and reports, e.g. `const-fold`.
  var name: String { get }

  /// Transforms the netlist in place; returns whether anything changed.
  func run(_ netlist: inout Netlist) throws(PassError) -> Bool

  /// Transforms the netlist in place and returns what the pass did, with pass-specific
  /// counters (adders built, registers inserted, …). The default calls ``run(_:)`` and
  /// reports no counters.
  func runReporting(_ netlist: inout Netlist) throws(PassError) -> PassReport
}

extension NetlistPass {
  /// Runs ``run(_:)`` and reports no counters.
  public func runReporting(_ netlist: inout Netlist) throws(PassError) -> PassReport {
    PassReport(changed: try run(&netlist))
  }
}

/// A named count that a pass reports, such as `full adders: 12`.
public struct PassCounter: Sendable, Equatable, CustomStringConvertible {
  /// What is counted, in words (`full adders`, `latency (cycles)`).
  public var name: String
  /// The count.
  public var value: Int

  /// A counter.
  public init(_ name: String, _ value: Int) {
    self.name = name
    self.value = value
  }

  /// `name: value`.
  public var description: String { "\(name): \(value)" }
}

/// What one run of a pass did.
public struct PassReport: Sendable, Equatable {
  /// Whether the netlist changed.
  public var changed: Bool
  /// Pass-specific counters, in a fixed order.
  public var counters: [PassCounter]

  /// A report.
  public init(changed: Bool, counters: [PassCounter] = []) {
    self.changed = changed
    self.counters = counters
  }
}

/// What one pass did, as recorded by ``PassManager``.
public struct PassOutcome: Sendable, Equatable {
  /// The pass's ``NetlistPass/name``.
  public var name: String
  /// Whether the netlist changed.
  public var changed: Bool
  /// Node count before the pass.
  public var nodesBefore: Int
  /// Node count after the pass.
  public var nodesAfter: Int
  /// Pass-specific counters (see ``PassReport/counters``).
  public var counters: [PassCounter] = []
}

/// The errors of the NetlistPasses target.
public enum PassError: Error, Equatable, CustomStringConvertible, Sendable {
  /// The netlist handed to ``PassManager`` fails verification (passes need a valid input).
  case invalidInput(NetlistError)
  /// A pass produced (or was given) a netlist that fails verification — a bug in the pass
  /// when the input was valid.
  case verificationFailed(pass: String, NetlistError)
  /// A pass cannot handle this netlist.
  case unsupported(pass: String, String)
  /// A pass name that ``Optimizer/pass(named:)`` does not know.
  case unknownPass(String)
  /// Lowering would build about `estimate` cells, more than `budget`; `largest` describes
  /// the node that contributes most.
  case overBudget(pass: String, estimate: Int, budget: Int, largest: String)

  /// The message shown to users.
  public var description: String {
    switch self {
    case .invalidInput(let e): return "invalid input netlist: \(e.description)"
    case .verificationFailed(let pass, let e): return "after pass \(pass): \(e.description)"
    case .unsupported(let pass, let m): return "pass \(pass): \(m)"
    case .unknownPass(let name):
      return "unknown pass '\(name)' (known: \(Optimizer.passNames.joined(separator: ", ")))"
    case .overBudget(let pass, let estimate, let budget, let largest):
      return "pass \(pass): the result would have about \(Self.count(estimate)) cells "
        + "(largest: \(largest)), above the budget of \(Self.count(budget))"
    }
  }
}

/// Runs passes in order, verifying the netlist before the first and after each.
public enum PassManager {
  /// Runs each pass once, in order.
  @discardableResult
  public static func run(
    _ passes: [any NetlistPass], on netlist: inout Netlist
  ) throws(PassError) -> [PassOutcome] {
    try verifyInput(netlist)
    return try runVerified(passes, on: &netlist)
  }

  /// Runs the passes repeatedly until none changes anything (at most `maxRounds` rounds),
  /// calling `observe` after each pass with its outcome and the netlist it left.
  @discardableResult
  public static func runToFixpoint(
    _ passes: [any NetlistPass], on netlist: inout Netlist, maxRounds: Int = 16,
    observe: (PassOutcome, Netlist) -> Void = { _, _ in }
  ) throws(PassError) -> [PassOutcome] {
    try verifyInput(netlist)
    var all: [PassOutcome] = []
    for _ in 0..<maxRounds {
      let outcomes = try runVerified(passes, on: &netlist, observe: observe)
      all += outcomes
      if !outcomes.contains(where: \.changed) { break }
    }
    return all
  }

  private static func verifyInput(_ netlist: Netlist) throws(PassError) {
    do throws(NetlistError) {
      try NetlistVerifier.verify(netlist)
    } catch {
      throw .invalidInput(error)
    }
  }

  /// Runs each pass once on a verified netlist, verifying after each, and shows each
  /// outcome to `observe`.
  private static func runVerified(
    _ passes: [any NetlistPass], on netlist: inout Netlist,
    observe: (PassOutcome, Netlist) -> Void = { _, _ in }
  ) throws(PassError) -> [PassOutcome] {
    var outcomes: [PassOutcome] = []
    for pass in passes {
      let before = netlist.nodes.count
      let report = try pass.runReporting(&netlist)
      do throws(NetlistError) {
        try NetlistVerifier.verify(netlist)
      } catch {
        throw .verificationFailed(pass: pass.name, error)
      }
      let outcome = PassOutcome(
        name: pass.name, changed: report.changed, nodesBefore: before,
        nodesAfter: netlist.nodes.count, counters: report.counters)
      observe(outcome, netlist)
      outcomes.append(outcome)
    }
    return outcomes
  }
}
