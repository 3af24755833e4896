import NetlistIR

// Comparators over any bit algebra, matching the `compare` op.

extension BitAlgebra {
  /// `a < b` for equal-width bit strings read as unsigned: a balanced comparator tree
  /// (about 5 gates per bit, 2·log₂ n + 1 levels).
  package mutating func lessThan(_ a: [Bit], _ b: [Bit]) -> Bit {
    precondition(a.count == b.count && !a.isEmpty, "comparator operands differ in width")
    return compareRange(a, b, 0..<a.count, needEqual: false).less
  }

  /// `a = b` for equal-width bit strings: an AND tree of XNORs.
  public mutating func equal(_ a: [Bit], _ b: [Bit]) -> Bit {
    precondition(a.count == b.count, "comparator operands differ in width")
    var bits: [Bit] = []
    bits.reserveCapacity(a.count)
    for i in 0..<a.count { bits.append(xnor(a[i], b[i])) }
    return allOnes(bits)
  }

  /// (a < b, a = b) over the bits in `range`; the equality only when asked for.
  private mutating func compareRange(
    _ a: [Bit], _ b: [Bit], _ range: Range<Int>, needEqual: Bool
  ) -> (less: Bit, equal: Bit?) {
    if range.count == 1 {
      let i = range.lowerBound
      return (gate(.notAAndB, a[i], b[i]), needEqual ? xnor(a[i], b[i]) : nil)
    }
    let middle = range.lowerBound + range.count / 2
    let high = compareRange(a, b, middle..<range.upperBound, needEqual: true)
    let low = compareRange(a, b, range.lowerBound..<middle, needEqual: needEqual)
    let less = or(high.less, and(high.equal!, low.less))
    return (less, needEqual ? and(high.equal!, low.equal!) : nil)
  }

  /// The meaning of `compare(kind, signedness)` on equal-width operands.
  public mutating func compare(
    _ kind: CompareKind, _ a: [Bit], _ b: [Bit], _ signedness: Signedness
  ) -> Bit {
    var x = a
    var y = b
    if signedness == .signed {
      // Complementing the sign bits maps two's complement order onto unsigned order.
      x[x.count - 1] = not(x[x.count - 1])
      y[y.count - 1] = not(y[y.count - 1])
    }
    switch kind {
    case .eq: return equal(x, y)
    case .ne: return not(equal(x, y))
    case .lt: return lessThan(x, y)
    case .ge: return not(lessThan(x, y))
    case .gt: return lessThan(y, x)
    case .le: return not(lessThan(y, x))
    }
  }
}
