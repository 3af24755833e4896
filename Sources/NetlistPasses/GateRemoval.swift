/// What the standard optimisation removed from the counted gates of a netlist (a model's
/// gates, or every two-input gate and NOT), each removal credited to the pass that made it.
///
/// ``HardwareFlow/optimize(_:counting:)`` runs the passes one at a time to a fixpoint and
/// credits each decrease of the count to the pass that caused it. The field names are the
/// keys of the JSON form (`bittrue logic eval --json`).
public struct GateRemoval: Sendable, Equatable, Codable, CustomStringConvertible {
  /// Counted gates before optimisation (for a model: its gates).
  public var modelGates: Int
  /// Counted gates left after optimisation.
  public var remainingGates: Int
  /// Removed by constant folding (constant gates, gates fed by constants).
  public var constantGates: Int
  /// Removed by gate simplification (pass-through gates, gate(a, a), absorbed NOTs).
  public var bufferGates: Int
  /// Merged into an identical gate (common-subexpression merging).
  public var duplicateGates: Int
  /// Removed because no output depends on them (dead-node elimination).
  public var deadGates: Int

  /// The counts.
  public init(
    modelGates: Int, remainingGates: Int, constantGates: Int, bufferGates: Int,
    duplicateGates: Int, deadGates: Int
  ) {
    self.modelGates = modelGates
    self.remainingGates = remainingGates
    self.constantGates = constantGates
    self.bufferGates = bufferGates
    self.duplicateGates = duplicateGates
    self.deadGates = deadGates
  }

  /// `8000 gates → 4204 after optimisation (removed: 791 dead, 0 constant,
  /// 2287 pass-through, 718 duplicate)`.
  public var description: String {
    "\(modelGates) gates → \(remainingGates) after optimisation (removed: \(deadGates) dead, "
      + "\(constantGates) constant, \(bufferGates) pass-through, \(duplicateGates) duplicate)"
  }
}
