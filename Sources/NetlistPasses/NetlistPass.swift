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
}

/// What one pass did.
public struct PassOutcome: Sendable, Equatable {
  /// The pass's ``NetlistPass/name``.
  public var name: String
  /// Whether the netlist changed.
  public var changed: Bool
  /// Node count before the pass.
  public var nodesBefore: Int
  /// Node count after the pass.
  public var nodesAfter: Int
}

/// The errors of the NetlistPasses target.
public enum PassError: Error, Equatable, CustomStringConvertible, Sendable {
  /// A pass produced (or was given) a netlist that fails verification — a bug in the pass
  /// when the input was valid.
  case verificationFailed(pass: String, NetlistError)
  /// A pass cannot handle this netlist.
  case unsupported(pass: String, String)

  /// The message shown to users.
  public var description: String {
    switch self {
    case .verificationFailed(let pass, let e): return "after pass \(pass): \(e.description)"
    case .unsupported(let pass, let m): return "pass \(pass): \(m)"
    }
  }
}

/// Runs passes in order, verifying the netlist after each.
public enum PassManager {
  /// Runs each pass once, in order.
  @discardableResult
  public static func run(
    _ passes: [any NetlistPass], on netlist: inout Netlist
  ) throws(PassError) -> [PassOutcome] {
    var outcomes: [PassOutcome] = []
    for pass in passes {
      let before = netlist.nodes.count
      let changed = try pass.run(&netlist)
      do throws(NetlistError) {
        try NetlistVerifier.verify(netlist)
      } catch {
        throw .verificationFailed(pass: pass.name, error)
      }
      outcomes.append(
        PassOutcome(name: pass.name, changed: changed, nodesBefore: before, nodesAfter: netlist.nodes.count))
    }
    return outcomes
  }

  /// Runs the passes repeatedly until none changes anything (at most `maxRounds` rounds).
  @discardableResult
  public static func runToFixpoint(
    _ passes: [any NetlistPass], on netlist: inout Netlist, maxRounds: Int = 16
  ) throws(PassError) -> [PassOutcome] {
    var all: [PassOutcome] = []
    for _ in 0..<maxRounds {
      let outcomes = try run(passes, on: &netlist)
      all += outcomes
      if !outcomes.contains(where: \.changed) { break }
    }
    return all
  }
}
