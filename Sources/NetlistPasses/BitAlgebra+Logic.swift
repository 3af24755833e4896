import NetlistIR

// Gates, selection and reductions over any bit algebra. Bit strings are least significant
// bit first.

extension BitAlgebra {
  /// `a ∧ b`.
  public mutating func and(_ a: Bit, _ b: Bit) -> Bit { gate(.and, a, b) }

  /// `a ∨ b`.
  public mutating func or(_ a: Bit, _ b: Bit) -> Bit { gate(.or, a, b) }

  /// `a ⊕ b`.
  public mutating func xor(_ a: Bit, _ b: Bit) -> Bit { gate(.xor, a, b) }

  /// `a ↔ b`.
  public mutating func xnor(_ a: Bit, _ b: Bit) -> Bit { gate(.xnor, a, b) }

  /// `select ? whenTrue : whenFalse`, as `(s ∧ t) ∨ (¬s ∧ f)`; one gate when a branch is a
  /// known constant.
  package mutating func mux(_ select: Bit, whenFalse f: Bit, whenTrue t: Bit) -> Bit {
    switch (knownValue(f), knownValue(t)) {
    case (let vf?, let vt?): return choose(select, whenFalse: vf, whenTrue: vt)
    case (_, true?): return gate(.or, select, f)
    case (_, false?): return gate(.notAAndB, select, f)
    case (true?, _): return gate(.implies, select, t)
    case (false?, _): return gate(.and, select, t)
    case (nil, nil):
      let takeTrue = gate(.and, select, t)
      let takeFalse = gate(.notAAndB, select, f)
      return gate(.or, takeTrue, takeFalse)
    }
  }

  /// `select ? whenTrue : whenFalse` between two constants: a constant, `select` or `¬select`.
  public mutating func choose(_ select: Bit, whenFalse f: Bool, whenTrue t: Bool) -> Bit {
    switch (f, t) {
    case (false, false): return constant(false)
    case (true, true): return constant(true)
    case (false, true): return select
    case (true, false): return not(select)
    }
  }

  /// `function` folded over `bits` as a balanced tree; `empty` for no bits.
  public mutating func reduce(_ bits: [Bit], _ function: GateFunction, empty: Bool) -> Bit {
    guard !bits.isEmpty else { return constant(empty) }
    var level = bits
    while level.count > 1 {
      var next: [Bit] = []
      next.reserveCapacity((level.count + 1) / 2)
      var i = 0
      while i + 1 < level.count {
        next.append(gate(function, level[i], level[i + 1]))
        i += 2
      }
      if i < level.count { next.append(level[i]) }
      level = next
    }
    return level[0]
  }

  /// Whether any bit is one.
  package mutating func anyOne(_ bits: [Bit]) -> Bit { reduce(bits, .or, empty: false) }

  /// Whether every bit is one.
  package mutating func allOnes(_ bits: [Bit]) -> Bit { reduce(bits, .and, empty: true) }

  /// The bits of a constant vector.
  public mutating func constant(_ value: BitVector) -> [Bit] {
    (0..<value.width).map { constant(value[bit: $0]) }
  }

  /// `x` zero- or sign-extended (or truncated) to `width` bits: pure wiring.
  package mutating func extended(_ x: [Bit], to width: Int, _ signedness: Signedness) -> [Bit] {
    if width <= x.count { return Array(x[0..<width]) }
    let fill = signedness == .signed ? x[x.count - 1] : constant(false)
    return x + [Bit](repeating: fill, count: width - x.count)
  }

  /// `x` shifted toward the MSB by `count` bits, keeping the width: pure wiring.
  package mutating func shiftedLeft(_ x: [Bit], by count: Int) -> [Bit] {
    let zero = constant(false)
    return (0..<x.count).map { $0 >= count ? x[$0 - count] : zero }
  }

  /// `x` shifted toward the LSB by `count` bits, keeping the width; arithmetic when signed.
  package mutating func shiftedRight(_ x: [Bit], by count: Int, _ signedness: Signedness) -> [Bit] {
    let fill = signedness == .signed ? x[x.count - 1] : constant(false)
    return (0..<x.count).map { $0 < x.count - count ? x[$0 + count] : fill }
  }
}
