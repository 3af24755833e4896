import NetlistIR

/// How multi-bit additions are built from gates.
public enum AdderArchitecture: Sendable, Hashable {
  /// Ripple-carry adders and half-adder chains: fewest gates, about 2 levels per bit.
  case rippleCarry
  /// Sklansky parallel-prefix carry networks: more gates, about 2·log₂ n + 2 levels.
  case parallelPrefix
}

// Adders over any bit algebra, matching the word-level meaning of the `add` and `sub` ops
// (see `Op` and `BitVector+Arithmetic`).

extension BitAlgebra {
  /// A full adder: `a + b + c` as (sum, carry). Pass the latest-arriving bit as `c`: it
  /// reaches the sum through one gate level and the carry through two; `a` and `b` take two
  /// and three.
  ///
  /// Built as `p = a ⊕ b`, `sum = p ⊕ c`, `carry = (a ∧ b) ∨ (p ∧ c)`: five gates. Known
  /// constant inputs make it a half adder (or wiring), which is what is counted.
  package mutating func fullAdder(_ a: Bit, _ b: Bit, _ c: Bit) -> (sum: Bit, carry: Bit) {
    var variables: [Bit] = []
    var ones = 0
    for bit in [a, b, c] {
      switch knownValue(bit) {
      case nil: variables.append(bit)
      case true?: ones += 1
      case false?: break
      }
    }
    switch (variables.count, ones) {
    case (3, _):
      countAdder(.full)
      let p = xor(a, b)
      let sum = xor(p, c)
      let carry = or(and(a, b), and(p, c))
      return (sum, carry)
    case (2, 0):
      return halfAdder(variables[0], variables[1])
    case (2, _):
      // x + y + 1: sum = ¬(x ⊕ y), carry = x ∨ y.
      countAdder(.half)
      return (xnor(variables[0], variables[1]), or(variables[0], variables[1]))
    case (1, _):
      let x = variables[0]
      switch ones {
      case 0: return (x, constant(false))
      case 1: return (not(x), x)
      default: return (x, constant(true))
      }
    default:
      return (constant(ones & 1 == 1), constant(ones >= 2))
    }
  }

  /// A half adder: `a + b` as (sum, carry) = (a ⊕ b, a ∧ b).
  package mutating func halfAdder(_ a: Bit, _ b: Bit) -> (sum: Bit, carry: Bit) {
    switch (knownValue(a), knownValue(b)) {
    case (nil, nil):
      countAdder(.half)
      return (xor(a, b), and(a, b))
    case (let va?, let vb?):
      return (constant(va != vb), constant(va && vb))
    case (let va?, nil):
      return va ? (not(b), b) : (b, constant(false))
    case (nil, let vb?):
      return vb ? (not(a), a) : (a, constant(false))
    }
  }

  /// `(a + b + carryIn) mod 2^n` for two n-bit strings: a ripple-carry adder (n − 1 full
  /// adders and a sum-only top bit).
  public mutating func rippleAdd(_ a: [Bit], _ b: [Bit], carryIn: Bit) -> [Bit] {
    precondition(a.count == b.count, "adder operands differ in width")
    var out: [Bit] = []
    out.reserveCapacity(a.count)
    var carry = carryIn
    for i in 0..<a.count {
      if i == a.count - 1 {
        out.append(xor(xor(a[i], b[i]), carry))
      } else {
        let (s, c) = fullAdder(a[i], b[i], carry)
        out.append(s)
        carry = c
      }
    }
    return out
  }

  /// `x + increment mod 2^n` for a one-bit `increment`: a half-adder chain, or a
  /// parallel-prefix adder.
  public mutating func increment(
    _ x: [Bit], by increment: Bit, _ architecture: AdderArchitecture = .rippleCarry
  ) -> [Bit] {
    if architecture == .parallelPrefix {
      return prefixAdd(x, x.map { _ in constant(false) }, carryIn: increment)
    }
    var out: [Bit] = []
    out.reserveCapacity(x.count)
    var carry = increment
    for i in 0..<x.count {
      if i == x.count - 1 {
        out.append(xor(x[i], carry))
      } else {
        let (s, c) = halfAdder(x[i], carry)
        out.append(s)
        carry = c
      }
    }
    return out
  }

  /// `(a + b + carryIn) mod 2^n` with a Sklansky parallel-prefix carry network:
  /// generate/propagate per bit, ⌈log₂ n⌉ levels of prefix cells (each `G = G_hi ∨ (P_hi ∧
  /// G_lo)`, `P = P_hi ∧ P_lo`), one XOR per sum bit. No adder cells are counted.
  package mutating func prefixAdd(_ a: [Bit], _ b: [Bit], carryIn: Bit) -> [Bit] {
    precondition(a.count == b.count, "adder operands differ in width")
    let n = a.count
    guard n > 0 else { return [] }
    var propagate: [Bit] = []
    var generate: [Bit] = []
    for i in 0..<n {
      propagate.append(xor(a[i], b[i]))
      generate.append(and(a[i], b[i]))
    }
    // Position 0 is the carry-in, position j the bit j − 1; after the prefix network g[j]
    // is the carry into bit j. A group that reaches the carry-in needs no propagate (nil).
    var g = [carryIn] + generate.dropLast()
    var p: [Bit?] = [nil] + propagate.dropLast().map { Optional($0) }
    var span = 1
    while span < n {
      for j in 0..<n where j & span != 0 {
        let low = (j & ~(span - 1)) - 1
        g[j] = or(g[j], and(p[j]!, g[low]))
        p[j] = p[low].map { and(p[j]!, $0) }
      }
      span <<= 1
    }
    return (0..<n).map { xor(propagate[$0], g[$0]) }
  }

  /// `(a + b + carryIn) mod 2^n` for two n-bit strings with the chosen architecture.
  public mutating func add(
    _ a: [Bit], _ b: [Bit], carryIn: Bit, _ architecture: AdderArchitecture
  ) -> [Bit] {
    switch architecture {
    case .rippleCarry: return rippleAdd(a, b, carryIn: carryIn)
    case .parallelPrefix: return prefixAdd(a, b, carryIn: carryIn)
    }
  }

  /// The meaning of `add(s)` / `sub(s)`: both operands extended to `width` by `signedness`,
  /// then `a ± b mod 2^width`.
  public mutating func sum(
    _ a: [Bit], _ b: [Bit], width: Int, _ signedness: Signedness, subtract: Bool,
    _ architecture: AdderArchitecture = .rippleCarry
  ) -> [Bit] {
    let x = extended(a, to: width, signedness)
    var y = extended(b, to: width, signedness)
    if subtract { y = y.map { not($0) } }
    return add(x, y, carryIn: constant(subtract), architecture)
  }
}
