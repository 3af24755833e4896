import NetlistIR

extension GateFunction {
  /// The gate whose truth table is `f`.
  static func tabulate(_ f: (Bool, Bool) -> Bool) -> GateFunction {
    var table: UInt8 = 0
    for row in 0..<4 where f(row >= 2, row & 1 == 1) { table |= 1 << UInt8(3 - row) }
    return GateFunction(table: table)
  }

  /// The gate that reads its first input complemented: `g.negatingA(a, b) == g(¬a, b)`.
  var negatingA: GateFunction { .tabulate { a, b in self(!a, b) } }

  /// The gate that reads its second input complemented: `g.negatingB(a, b) == g(a, ¬b)`.
  var negatingB: GateFunction { .tabulate { a, b in self(a, !b) } }

  /// `¬a ∨ b` (difflogic's `implies`).
  static let implies = GateFunction(table: 13)
}
