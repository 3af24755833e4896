extension GateFunction {
  /// The gate names, indexed by truth table, in difflogic's order.
  ///
  /// These are the names of difflogic's C emitter except for the three negated symmetric
  /// gates, which take their usual hardware names: `nor` (8, difflogic `not_or`), `xnor`
  /// (9, `not_xor`) and `nand` (14, `not_and`). They are the mnemonics of the netlist text
  /// form and the keys of reports and cost tables; ``init(name:)`` also accepts difflogic's
  /// spellings (``difflogicNames``).
  public static let names = [
    "zero", "and", "not_implies", "a", "not_implied_by", "b", "xor", "or",
    "nor", "xnor", "not_b", "implied_by", "not_a", "implies", "nand", "one",
  ]

  /// difflogic's own names (its C emitter's), indexed by truth table: ``names`` with
  /// `not_or`, `not_xor` and `not_and` for 8, 9 and 14.
  package static let difflogicNames = [
    "zero", "and", "not_implies", "a", "not_implied_by", "b", "xor", "or",
    "not_or", "not_xor", "not_b", "implied_by", "not_a", "implies", "not_and", "one",
  ]

  /// This gate's name (`and`, `xor`, `nor`, `not_implies`, …; see ``names``).
  public var name: String { GateFunction.names[Int(table)] }

  /// The gate with that name, in either spelling (``names`` or ``difflogicNames``), if any.
  public init?(name: String) {
    guard
      let i = GateFunction.names.firstIndex(of: name)
        ?? GateFunction.difflogicNames.firstIndex(of: name)
    else { return nil }
    self.table = UInt8(i)
  }
}
