import FixedPoint
import NetlistIR

// The range of each op from the ranges of its operands: the interval reading of the op
// meanings in `Node.evaluate` (NetlistIR). Each rule is sound; most are exact for one
// operand reading and leave the other to `ValueRange`'s consistency tightening.

extension RangeAnalysis {
  /// The range of a node's value given its operands' ranges (in operand order). Inputs can
  /// take any value.
  ///
  /// - Precondition: the node is not a register (see ``ranges(of:)``) and `x` holds one
  ///   range of the right width per operand.
  public static func range(of node: Node, operands x: [ValueRange]) -> ValueRange {
    let w = node.width
    switch node.op {
    case .input:
      return .full(width: w)
    case .register:
      preconditionFailure("a register's range depends on its history")
    case .output, .buf:
      return x[0]
    case .constant(let c):
      return .exactly(c)
    case .gate(let g):
      return gate(g, x[0], x[1])
    case .not:
      let top = BigInt.powerOfTwo(w) - 1
      return ValueRange(
        width: w, unsigned: (top - x[0].unsigned.upperBound)...(top - x[0].unsigned.lowerBound),
        signed: (~x[0].signed.upperBound)...(~x[0].signed.lowerBound))
    case .and:
      return bitwise(.and, x[0], x[1])
    case .or:
      return bitwise(.or, x[0], x[1])
    case .xor:
      return bitwise(.xor, x[0], x[1])
    case .add(let s):
      let a = x[0].interval(s)
      let b = x[1].interval(s)
      return .wrapping((a.lowerBound + b.lowerBound)...(a.upperBound + b.upperBound), width: w)
    case .sub(let s):
      let a = x[0].interval(s)
      let b = x[1].interval(s)
      return .wrapping((a.lowerBound - b.upperBound)...(a.upperBound - b.lowerBound), width: w)
    case .mul(let s):
      let a = x[0].interval(s)
      let b = x[1].interval(s)
      let corners = [a.lowerBound, a.upperBound].flatMap { p in
        [b.lowerBound, b.upperBound].map { p * $0 }
      }
      return .wrapping(corners.min()!...corners.max()!, width: w)
    case .compare(let kind, let s):
      return compare(kind, x[0].interval(s), x[1].interval(s))
    case .mux:
      switch x[0].singleValue?[bit: 0] {
      case true?: return x[2]
      case false?: return x[1]
      case nil: return x[1].union(x[2])
      }
    case .shiftLeft(let n):
      guard n < w else { return .exactly(BitVector(zeroWidth: w)) }
      let u = x[0].unsigned
      let s = x[0].signed
      return ValueRange.wrapping((u.lowerBound << n)...(u.upperBound << n), width: w)
        .intersection(.wrapping((s.lowerBound << n)...(s.upperBound << n), width: w))
    case .shiftRight(let n, let s):
      let a = x[0].interval(s)
      return .reading(s, (a.lowerBound >> n)...(a.upperBound >> n), width: w)
    case .concat:
      return concatenation(x, width: w)
    case .slice(let low):
      let u = x[0].unsigned
      let s = x[0].signed
      return ValueRange.wrapping((u.lowerBound >> low)...(u.upperBound >> low), width: w)
        .intersection(.wrapping((s.lowerBound >> low)...(s.upperBound >> low), width: w))
    case .extend(let s):
      return extended(x[0], to: w, s)
    case .popcount:
      var low = BigInt(0)
      var high = BigInt(0)
      for operand in x {
        let ones = onesCount(operand)
        low = low + BigInt(ones.lowerBound)
        high = high + BigInt(ones.upperBound)
      }
      return .wrapping(low...high, width: w)
    case .round(let n, _, let s):
      // Every rounding mode, stochastic included, gives the floor or the ceiling of x / 2^n.
      let a = x[0].interval(s)
      return .wrapping((a.lowerBound >> n)...(-((-a.upperBound) >> n)), width: w)
    case .resize(let mode, let s):
      return resize(x[0], to: w, mode, s)
    case .rom(let table):
      return lookup(table, x[0], width: w)
    }
  }

  /// `rom`: the entries the address range reaches (zero too when it reaches past the
  /// table); the full range when it reaches more than 4096 entries.
  private static func lookup(_ table: [BitVector], _ a: ValueRange, width w: Int) -> ValueRange {
    let count = BigInt(table.count)
    let low = a.unsigned.lowerBound
    guard low < count else { return .exactly(BitVector(zeroWidth: w)) }
    let high = min(a.unsigned.upperBound, count - 1)
    guard high - low < BigInt(4096), let first = low.int64Value, let last = high.int64Value
    else { return .full(width: w) }
    var result = ValueRange.exactly(table[Int(first)])
    for i in Int(first)...Int(last) { result = result.union(.exactly(table[i])) }
    if a.unsigned.upperBound >= count { result = result.union(.exactly(BitVector(zeroWidth: w))) }
    return result
  }

  /// A two-input gate: the outputs over the operand values each range allows.
  private static func gate(_ g: GateFunction, _ a: ValueRange, _ b: ValueRange) -> ValueRange {
    func values(_ r: ValueRange) -> [Bool] {
      r.singleValue.map { [$0[bit: 0]] } ?? [false, true]
    }
    let outputs = Set(values(a).flatMap { va in values(b).map { g(va, $0) } })
    return outputs.count == 2
      ? .full(width: 1) : .exactly(BitVector(width: 1, truncating: outputs.first! ? 1 : 0))
  }

  /// `and`, `or`, `xor`: the bits above the highest bit that varies in either operand are
  /// known; the result has those bits and any low bits, further bounded by
  /// `a & b ≤ min(a, b)` and `a | b ≥ max(a, b)` (unsigned).
  private static func bitwise(
    _ op: BitwiseOp, _ a: ValueRange, _ b: ValueRange
  ) -> ValueRange {
    let w = a.width
    let varying = max(varyingBits(a.unsigned), varyingBits(b.unsigned))
    var known = ValueRange.full(width: w)
    if varying < w {
      let pa = BitVector(width: w - varying, truncating: a.unsigned.lowerBound >> varying)
      let pb = BitVector(width: w - varying, truncating: b.unsigned.lowerBound >> varying)
      let prefix: BitVector
      switch op {
      case .and: prefix = BitVector.bitwise(pa, pb, &)
      case .or: prefix = BitVector.bitwise(pa, pb, |)
      case .xor: prefix = BitVector.bitwise(pa, pb, ^)
      }
      let base = BigInt(unsignedBitsOf: prefix) << varying
      known = .reading(
        .unsigned, base...(base + BigInt.powerOfTwo(varying) - 1), width: w)
    }
    switch op {
    case .and:
      let bound = min(a.unsigned.upperBound, b.unsigned.upperBound)
      return known.intersection(.reading(.unsigned, BigInt(0)...bound, width: w))
    case .or:
      let bound = max(a.unsigned.lowerBound, b.unsigned.lowerBound)
      return known.intersection(
        .reading(.unsigned, bound...(BigInt.powerOfTwo(w) - 1), width: w))
    case .xor:
      return known
    }
  }

  /// The vector bitwise ops.
  private enum BitwiseOp { case and, or, xor }

  /// The number of low bits that vary within an unsigned interval: the bits above them are
  /// the same for every value in it.
  static func varyingBits(_ r: ClosedRange<BigInt>) -> Int {
    // The smallest d with lo >> d == hi >> d (binary search; true for d = bit length).
    var low = 0
    var high = max(r.lowerBound.bitLength, r.upperBound.bitLength)
    while low < high {
      let mid = (low + high) / 2
      if r.lowerBound >> mid == r.upperBound >> mid { high = mid } else { low = mid + 1 }
    }
    return low
  }

  /// The fewest and most one bits among the values of a range.
  static func onesCount(_ r: ValueRange) -> ClosedRange<Int> {
    let lo = r.unsigned.lowerBound
    let hi = r.unsigned.upperBound
    let d = varyingBits(r.unsigned)
    let prefix = BitVector(width: r.width, truncating: (lo >> d) << d).popcount
    guard d > 0 else { return prefix...prefix }
    // Bit d − 1 is 0 in lo and 1 in hi; 2^(d−1) (one low one) and 2^(d−1) − 1 (d − 1 low
    // ones) both lie in between.
    let fewest = lo.lowBits(d).isZero ? 0 : 1
    let most = hi.lowBits(d) == BigInt.powerOfTwo(d) - 1 ? d : d - 1
    return (prefix + fewest)...(prefix + most)
  }

  /// A comparison: constant when the operand intervals decide it.
  private static func compare(
    _ kind: CompareKind, _ a: ClosedRange<BigInt>, _ b: ClosedRange<BigInt>
  ) -> ValueRange {
    let always: Bool
    let never: Bool
    switch kind {
    case .eq, .ne:
      let equal = a.lowerBound == a.upperBound && a == b
      let disjoint = a.upperBound < b.lowerBound || b.upperBound < a.lowerBound
      always = kind == .eq ? equal : disjoint
      never = kind == .eq ? disjoint : equal
    case .lt, .ge:
      let lt = a.upperBound < b.lowerBound
      let ge = !(a.lowerBound < b.upperBound)
      always = kind == .lt ? lt : ge
      never = kind == .lt ? ge : lt
    case .le, .gt:
      let le = !(b.lowerBound < a.upperBound)
      let gt = b.upperBound < a.lowerBound
      always = kind == .le ? le : gt
      never = kind == .le ? gt : le
    }
    if always { return .exactly(BitVector(width: 1, truncating: 1 as UInt64)) }
    if never { return .exactly(BitVector(zeroWidth: 1)) }
    return .full(width: 1)
  }

  /// `{p0, …, pk}`: unsigned, each part's bounds at its place; signed, the first part's
  /// signed bounds above the rest's unsigned bounds.
  private static func concatenation(_ x: [ValueRange], width: Int) -> ValueRange {
    var low = BigInt(0)
    var high = BigInt(0)
    for part in x.dropFirst() {
      low = (low << part.width) + part.unsigned.lowerBound
      high = (high << part.width) + part.unsigned.upperBound
    }
    let restWidth = width - x[0].width
    let u = x[0].unsigned
    let s = x[0].signed
    return ValueRange(
      width: width,
      unsigned: ((u.lowerBound << restWidth) + low)...((u.upperBound << restWidth) + high),
      signed: ((s.lowerBound << restWidth) + low)...((s.upperBound << restWidth) + high))
  }

  /// `x` zero- or sign-extended (or truncated) to `width` bits.
  private static func extended(_ x: ValueRange, to width: Int, _ s: Signedness) -> ValueRange {
    let same = ValueRange.wrapping(x.interval(s), width: width)
    guard width <= x.width else { return same }
    // Truncation: the other reading is congruent too.
    let other: Signedness = s == .signed ? .unsigned : .signed
    return same.intersection(.wrapping(x.interval(other), width: width))
  }

  /// `resize(mode, s)` of `x` to `width` bits.
  private static func resize(
    _ x: ValueRange, to width: Int, _ mode: OverflowMode, _ s: Signedness
  ) -> ValueRange {
    let a = x.interval(s)
    let target =
      s == .unsigned ? ValueRange.unsignedBounds(width) : ValueRange.signedBounds(width)
    func clamp(_ v: BigInt, _ bounds: ClosedRange<BigInt>) -> BigInt {
      min(max(v, bounds.lowerBound), bounds.upperBound)
    }
    let symmetric = mode == .satSym && s == .signed
    if target.contains(a.lowerBound) && target.contains(a.upperBound)
      && !(symmetric && a.lowerBound == target.lowerBound)
    {
      // Nothing overflows: the bits of an extension.
      return extended(x, to: width, s)
    }
    if symmetric {
      // The most negative code never appears, in range or not.
      let bounds = (target.lowerBound + 1)...target.upperBound
      return .reading(s, clamp(a.lowerBound, bounds)...clamp(a.upperBound, bounds), width: width)
    }
    switch mode {
    case .wrap:
      return .wrapping(a, width: width)
    case .sat, .satSym:
      return .reading(s, clamp(a.lowerBound, target)...clamp(a.upperBound, target), width: width)
    case .satZero:
      // Values that fit stay; the others become 0.
      let low = max(a.lowerBound, target.lowerBound)
      let high = min(a.upperBound, target.upperBound)
      let kept = low <= high ? min(low, BigInt(0))...max(high, BigInt(0)) : BigInt(0)...BigInt(0)
      return .reading(s, kept, width: width)
    case .wrapSM:
      return .full(width: width)
    }
  }
}
