import NetlistIR

/// A kind of adder cell, for the counts that lowering reports.
public enum AdderKind: Sendable {
  /// Three input bits → sum and carry (five 2-input gates).
  case full
  /// Two input bits → sum and carry (two 2-input gates).
  case half
}

/// An abstract "bit": a set of values closed under the sixteen two-input gates and negation.
///
/// All bit-level arithmetic of BitTrue (adders, multipliers, comparators, rounding,
/// saturation, population counts) is written once, generically, in extensions of this
/// protocol and works on bit strings stored least significant bit first. The same code then
///
/// - evaluates single samples with ``BoolAlgebra`` (the reference model in tests),
/// - evaluates 64 samples at once with ``LaneAlgebra``,
/// - builds gates into a netlist with ``GateBuilder`` (bit-blasting, gate counts).
public protocol BitAlgebra {
  /// One bit value (a `Bool`, 64 lanes, a netlist literal, …).
  associatedtype Bit

  /// The constant bit `value`.
  mutating func constant(_ value: Bool) -> Bit

  /// The two-input gate `function` applied to `a` and `b`.
  mutating func gate(_ function: GateFunction, _ a: Bit, _ b: Bit) -> Bit

  /// The complement of `a`.
  mutating func not(_ a: Bit) -> Bit

  /// The value of `bit` when it is fixed while building (a constant), else `nil`.
  ///
  /// Algebras that evaluate return `nil` for every bit so that they run the same gate
  /// structure a netlist would get for variable inputs.
  func knownValue(_ bit: Bit) -> Bool?

  /// The logic level at which `bit` is available (used to pair early bits first in adder
  /// trees); 0 when the algebra does not track time.
  func arrival(_ bit: Bit) -> Int

  /// Records that an adder cell of `kind` was built (for reports); no-op by default.
  mutating func countAdder(_ kind: AdderKind)
}

extension BitAlgebra {
  /// No bit is known while building.
  public func knownValue(_ bit: Bit) -> Bool? { nil }

  /// Every bit arrives at level 0.
  public func arrival(_ bit: Bit) -> Int { 0 }

  /// Does not count.
  public mutating func countAdder(_ kind: AdderKind) {}
}

/// The bit algebra of single Boolean values: evaluates the generic arithmetic for one sample.
package struct BoolAlgebra: BitAlgebra {
  /// The algebra (it has no state).
  package init() {}

  /// `value`.
  package func constant(_ value: Bool) -> Bool { value }

  /// `function(a, b)`.
  package func gate(_ function: GateFunction, _ a: Bool, _ b: Bool) -> Bool { function(a, b) }

  /// `!a`.
  package func not(_ a: Bool) -> Bool { !a }
}

/// The bit algebra of 64 independent samples packed in a word (one sample per bit lane).
package struct LaneAlgebra: BitAlgebra {
  /// The algebra (it has no state).
  package init() {}

  /// All lanes `value`.
  package func constant(_ value: Bool) -> UInt64 { value ? ~0 : 0 }

  /// `function` applied lane by lane.
  package func gate(_ function: GateFunction, _ a: UInt64, _ b: UInt64) -> UInt64 {
    function.apply(a, b)
  }

  /// Every lane complemented.
  package func not(_ a: UInt64) -> UInt64 { ~a }
}
