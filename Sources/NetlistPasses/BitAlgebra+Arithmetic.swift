import NetlistIR

// Adders, multipliers and comparators over any bit algebra, matching the word-level meaning
// of the `add`, `sub`, `mul` and `compare` ops (see `Op` and `BitVector+Arithmetic`).

extension BitAlgebra {
  /// A full adder: `a + b + c` as (sum, carry). Pass the latest-arriving bit as `c`: it goes
  /// through two gate levels to the sum and the carry, `a` and `b` through three.
  ///
  /// Built as `p = a ⊕ b`, `sum = p ⊕ c`, `carry = (a ∧ b) ∨ (p ∧ c)`: five gates. Known
  /// constant inputs make it a half adder (or wiring), which is what is counted.
  public mutating func fullAdder(_ a: Bit, _ b: Bit, _ c: Bit) -> (sum: Bit, carry: Bit) {
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
  public mutating func halfAdder(_ a: Bit, _ b: Bit) -> (sum: Bit, carry: Bit) {
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

  /// `x + increment mod 2^n` for a one-bit `increment`: a half-adder chain.
  public mutating func increment(_ x: [Bit], by increment: Bit) -> [Bit] {
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

  /// The meaning of `add(s)` / `sub(s)`: both operands extended to `width` by `signedness`,
  /// then `a ± b mod 2^width`.
  public mutating func sum(
    _ a: [Bit], _ b: [Bit], width: Int, _ signedness: Signedness, subtract: Bool
  ) -> [Bit] {
    let x = extended(a, to: width, signedness)
    var y = extended(b, to: width, signedness)
    if subtract { y = y.map { not($0) } }
    return rippleAdd(x, y, carryIn: constant(subtract))
  }

  /// The meaning of `mul(s)`: `a × b mod 2^width` after extending both operands to `width`
  /// by `signedness`.
  ///
  /// Partial products go into a column compressor (``sumColumns(_:width:)``). Signed
  /// operands use the Baugh–Wooley form — the sign rows are complemented and a constant is
  /// added — so no sign-extension rows are built.
  public mutating func product(
    _ a: [Bit], _ b: [Bit], width: Int, _ signedness: Signedness
  ) -> [Bit] {
    let x = Array(a.prefix(width))
    let y = Array(b.prefix(width))
    let m = x.count
    let n = y.count
    var columns = [[Bit]](repeating: [], count: width)
    switch signedness {
    case .unsigned:
      for i in 0..<m {
        for j in 0..<n where i + j < width { columns[i + j].append(and(x[i], y[j])) }
      }
    case .signed:
      // x = −x[m−1]·2^(m−1) + Σ x[i]·2^i (likewise y). The two mixed sign rows are
      // subtracted: −t·2^k = (¬t)·2^k − 2^k, and the −2^k terms sum to a constant.
      for i in 0..<m {
        for j in 0..<n where i + j < width {
          let term = and(x[i], y[j])
          let mixed = (i == m - 1) != (j == n - 1)
          columns[i + j].append(mixed ? not(term) : term)
        }
      }
      var correction = BitVector(zeroWidth: width)
      for (e, k) in [(m - 1, n - 1), (n - 1, m - 1)] where k > 0 {
        // Row of k complemented terms starting at 2^e: add 2^e − 2^(e+k).
        correction = BitVector.sum(correction, Self.power(e, width), width: width, .unsigned)
        correction = BitVector.sum(
          correction, Self.power(e + k, width), width: width, .unsigned, subtract: true)
      }
      for k in 0..<width where correction[bit: k] { columns[k].append(constant(true)) }
    }
    return sumColumns(columns, width: width)
  }

  /// `2^exponent mod 2^width` as a vector.
  private static func power(_ exponent: Int, _ width: Int) -> BitVector {
    var v = BitVector(zeroWidth: width)
    if exponent < width { v[bit: exponent] = true }
    return v
  }

  /// The meaning of `popcount`: the number of one bits, mod 2^width.
  public mutating func popcount(_ bits: [Bit], width: Int) -> [Bit] {
    sumColumns([bits], width: width)
  }

  /// `Σ_k Σ_{bit ∈ columns[k]} bit·2^k mod 2^width`: a compressor tree.
  ///
  /// Columns are reduced from the least significant up. Within a column the three
  /// earliest-arriving bits go into a full adder (sum back into the column, carry into the
  /// next) until at most two remain; two remaining bits go into a half adder, so each column
  /// ends with exactly one bit and no final carry-propagate adder is needed. Known constant
  /// ones are added arithmetically, known zeros dropped. The top column keeps only its
  /// parity (an XOR tree). This is the "three-greedy" construction: full adders are the only
  /// cells that remove bits, and pairing early bits first keeps the tree shallow.
  public mutating func sumColumns(_ columns: [[Bit]], width: Int) -> [Bit] {
    var pending = [[Bit]](repeating: [], count: width)
    for (k, column) in columns.enumerated() where k < width { pending[k] = column }
    var constantOnes = [Int](repeating: 0, count: width)
    var out: [Bit] = []
    out.reserveCapacity(width)
    for k in 0..<width {
      var queue = ArrivalQueue<Bit>()
      for bit in pending[k] {
        switch knownValue(bit) {
        case nil: queue.push(bit, arrival(bit))
        case true?: constantOnes[k] += 1
        case false?: break
        }
      }
      pending[k] = []
      if constantOnes[k] & 1 == 1 { queue.push(constant(true), 0) }
      if k + 1 < width { constantOnes[k + 1] += constantOnes[k] >> 1 }
      if k == width - 1 {
        while queue.count >= 2 {
          let a = queue.pop()
          let b = queue.pop()
          let s = xor(a, b)
          queue.push(s, arrival(s))
        }
      } else {
        while queue.count >= 3 {
          let a = queue.pop()
          let b = queue.pop()
          let c = queue.pop()
          let (s, carry) = fullAdder(a, b, c)
          queue.push(s, arrival(s))
          pending[k + 1].append(carry)
        }
        if queue.count == 2 {
          let a = queue.pop()
          let b = queue.pop()
          let (s, carry) = halfAdder(a, b)
          queue.push(s, arrival(s))
          pending[k + 1].append(carry)
        }
      }
      out.append(queue.count == 1 ? queue.pop() : constant(false))
    }
    return out
  }

  /// `a < b` for equal-width bit strings read as unsigned: a balanced comparator tree
  /// (about 5 gates per bit, 2·log₂ n + 1 levels).
  public mutating func lessThan(_ a: [Bit], _ b: [Bit]) -> Bit {
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

/// A min-queue of bits by arrival level; ties leave in insertion order (deterministic).
struct ArrivalQueue<Element> {
  private var heap: [(key: Int, sequence: Int, element: Element)] = []
  private var nextSequence = 0

  /// Number of queued bits.
  var count: Int { heap.count }

  /// Adds a bit that arrives at `level`.
  mutating func push(_ element: Element, _ level: Int) {
    heap.append((level, nextSequence, element))
    nextSequence += 1
    var i = heap.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      guard Self.before(heap[i], heap[parent]) else { break }
      heap.swapAt(i, parent)
      i = parent
    }
  }

  /// Removes and returns the earliest bit.
  mutating func pop() -> Element {
    let top = heap[0].element
    let last = heap.removeLast()
    if !heap.isEmpty {
      heap[0] = last
      var i = 0
      while true {
        let l = 2 * i + 1
        let r = l + 1
        var m = i
        if l < heap.count && Self.before(heap[l], heap[m]) { m = l }
        if r < heap.count && Self.before(heap[r], heap[m]) { m = r }
        if m == i { break }
        heap.swapAt(i, m)
        i = m
      }
    }
    return top
  }

  private static func before(
    _ x: (key: Int, sequence: Int, element: Element),
    _ y: (key: Int, sequence: Int, element: Element)
  ) -> Bool {
    x.key < y.key || (x.key == y.key && x.sequence < y.sequence)
  }
}
