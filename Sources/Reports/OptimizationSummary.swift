import NetlistIR
import NetlistPasses

/// What `--optimize` did before measuring: width narrowing by range analysis
/// (``NetlistPasses/WidthNarrowing``) on the input, then the standard optimisation
/// (``NetlistPasses/Optimizer/optimize(_:maxRounds:)``) to a fixpoint.
public struct OptimizationSummary: Codable, Hashable, Sendable {
  /// One change width narrowing made, naming the node in the input netlist.
  public struct Change: Codable, Hashable, Sendable {
    /// The node in the input netlist (`%N`).
    public var node: String
    /// Its name, if any.
    public var name: String?
    /// Its op mnemonic.
    public var op: String
    /// Its declared width.
    public var width: Int
    /// `constant`, `no overflow` or `narrowed`.
    public var kind: String
    /// The width now computed (narrowed), the constant's width, or the declared width.
    public var newWidth: Int
    /// For `constant`, the value (`W'hDIGITS`); for `narrowed`, the extensions back to the
    /// declared width (`u` zero, `s` sign; `s→9` extends to 9 bits by sign); else `nil`.
    public var detail: String?
  }

  /// Nodes in the input netlist.
  public var nodesBefore: Int
  /// Nodes after narrowing and optimisation.
  public var nodesAfter: Int
  /// The passes, in the order they ran (the standard set repeats to a fixpoint).
  public var passes: [String]
  /// The narrowing pass's counters.
  public var narrowing: [NamedCount]
  /// Each narrowing change, in node order.
  public var changes: [Change]

  /// The summary for `input` and the narrowing `plan` made for it.
  init(
    input: Netlist, plan: [WidthNarrowing.Decision], narrowing: PassOutcome,
    optimisation: [PassOutcome], nodesAfter: Int
  ) {
    nodesBefore = input.nodes.count
    self.nodesAfter = nodesAfter
    passes = [narrowing.name] + optimisation.map(\.name)
    self.narrowing = narrowing.counters.map { NamedCount($0.name, $0.value) }
    changes = plan.map { decision in
      let node = input[decision.node]
      let kind: String
      let newWidth: Int
      let detail: String?
      switch decision.change {
      case .constant(let value):
        (kind, newWidth, detail) = ("constant", node.width, value.description)
      case .noOverflow:
        (kind, newWidth, detail) = ("no overflow", node.width, nil)
      case .narrow(let width, let extensions):
        let steps = extensions.map { "\($0.signedness.rawValue)→\($0.width)" }
        (kind, newWidth, detail) = ("narrowed", width, steps.joined(separator: " "))
      }
      return Change(
        node: decision.node.description, name: node.name ?? input.portName(decision.node),
        op: node.op.mnemonic, width: node.width, kind: kind, newWidth: newWidth, detail: detail)
    }
  }
}
