import NetlistIR

// Multi-operand addition over any bit algebra: column compressor trees for popcounts and
// multipliers (the `popcount` and `mul` ops).

extension BitAlgebra {
  /// The meaning of `mul(s)`: `a × b mod 2^width` after extending both operands to `width`
  /// by `signedness`.
  ///
  /// Partial products go into a column compressor (``sumColumns(_:width:_:)``). Signed
  /// operands use the Baugh–Wooley form — the sign rows are complemented and a constant is
  /// added — so no sign-extension rows are built.
  public mutating func product(
    _ a: [Bit], _ b: [Bit], width: Int, _ signedness: Signedness,
    _ architecture: AdderArchitecture = .rippleCarry
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
    return sumColumns(columns, width: width, architecture)
  }

  /// `2^exponent mod 2^width` as a vector.
  private static func power(_ exponent: Int, _ width: Int) -> BitVector {
    var v = BitVector(zeroWidth: width)
    if exponent < width { v[bit: exponent] = true }
    return v
  }

  /// The meaning of `popcount`: the number of one bits, mod 2^width.
  public mutating func popcount(
    _ bits: [Bit], width: Int, _ architecture: AdderArchitecture = .rippleCarry
  ) -> [Bit] {
    sumColumns([bits], width: width, architecture)
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
  ///
  /// With ``AdderArchitecture/parallelPrefix`` the columns are reduced to two bits each
  /// (full adders only) and the two rows summed by ``prefixAdd(_:_:carryIn:)``.
  package mutating func sumColumns(
    _ columns: [[Bit]], width: Int, _ architecture: AdderArchitecture = .rippleCarry
  ) -> [Bit] {
    let twoRows = architecture == .parallelPrefix
    var pending = [[Bit]](repeating: [], count: width)
    for (k, column) in columns.enumerated() where k < width { pending[k] = column }
    var constantOnes = [Int](repeating: 0, count: width)
    var out: [Bit] = []
    out.reserveCapacity(width)
    var rows: ([Bit], [Bit]) = ([], [])
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
          if twoRows && queue.count == 3 {
            // Two earliest into a half adder: the column keeps its latest bit unreduced
            // instead of passing it on through a full adder's carry.
            let a = queue.pop()
            let b = queue.pop()
            let (s, carry) = halfAdder(a, b)
            queue.push(s, arrival(s))
            pending[k + 1].append(carry)
            break
          }
          let a = queue.pop()
          let b = queue.pop()
          let c = queue.pop()
          let (s, carry) = fullAdder(a, b, c)
          queue.push(s, arrival(s))
          pending[k + 1].append(carry)
        }
        if queue.count == 2 && !twoRows {
          let a = queue.pop()
          let b = queue.pop()
          let (s, carry) = halfAdder(a, b)
          queue.push(s, arrival(s))
          pending[k + 1].append(carry)
        }
      }
      if twoRows {
        rows.0.append(queue.count >= 1 ? queue.pop() : constant(false))
        rows.1.append(queue.count >= 1 ? queue.pop() : constant(false))
      } else {
        out.append(queue.count == 1 ? queue.pop() : constant(false))
      }
    }
    return twoRows ? prefixAdd(rows.0, rows.1, carryIn: constant(false)) : out
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
