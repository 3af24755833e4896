import FixedPoint
import NetlistIR

// Rounding shifts and overflow handling over any bit algebra, matching the `round` and
// `resize` ops (`BitVector.roundedShift` and `BitVector.resized(to:overflow:_:)`).

extension BitAlgebra {
  /// The meaning of `round(count, mode, signedness)`: `x / 2^count` rounded with `mode`,
  /// mod 2^width. `random` (`count` bits) is the stochastic operand.
  ///
  /// The floor quotient is pure wiring; the rounding decision is logic over the dropped
  /// bits, derived from ``RoundingMode/roundsUp(remainderIsZero:remainderVersusHalf:valueIsNegative:quotientIsOdd:)``
  /// itself (see ``roundsUp(_:half:below:negative:odd:)``), and the increment is a
  /// half-adder chain or a parallel-prefix incrementer.
  package mutating func roundedShift(
    _ x: [Bit], by count: Int, _ mode: RoundingMode, _ signedness: Signedness, width: Int,
    random: [Bit]?, _ architecture: AdderArchitecture = .rippleCarry
  ) -> [Bit] {
    let fill = signedness == .signed ? x[x.count - 1] : constant(false)
    func bit(_ k: Int) -> Bit { k < x.count ? x[k] : fill }
    let quotient = (0..<width).map { bit(count + $0) }
    guard count > 0 else { return quotient }
    let remainder = (0..<count).map { bit($0) }
    let up: Bit
    if mode == .stochastic {
      guard let random else { preconditionFailure("stochastic rounding needs random bits") }
      up = lessThan(random, remainder)
    } else {
      up = roundsUp(
        mode, half: remainder[count - 1], below: Array(remainder[0..<(count - 1)]),
        negative: signedness == .signed ? x[x.count - 1] : nil, odd: bit(count))
    }
    return increment(quotient, by: up, architecture)
  }

  /// Whether a deterministic `mode` increments the floor quotient, as logic over the top
  /// dropped bit `half`, the dropped bits `below` it, the sign (`nil` for unsigned) and the
  /// quotient's lowest bit `odd`.
  ///
  /// The truth table comes from ``RoundingMode/roundsUp(remainderIsZero:remainderVersusHalf:valueIsNegative:quotientIsOdd:)``
  /// (the one definition); it is expanded over its variables in the order that needs the
  /// fewest gates, and only the variables it depends on are built.
  package mutating func roundsUp(
    _ mode: RoundingMode, half: Bit, below: [Bit], negative: Bit?, odd: Bit
  ) -> Bit {
    // Variables: 0 = half, 1 = below ≠ 0, 2 = negative, 3 = odd. A missing `below` or
    // sign is fixed at false, so the table does not depend on it and it is never built.
    let hasBelow = !below.isEmpty
    let hasSign = negative != nil
    let table = SmallFunction { v in
      let h = v[0]
      let b = hasBelow && v[1]
      return mode.roundsUp(
        remainderIsZero: !h && !b, remainderVersusHalf: h ? (b ? 1 : 0) : -1,
        valueIsNegative: hasSign && v[2], quotientIsOdd: v[3])
    }
    let order = table.cheapestOrder()
    var inputs: [Bit?] = [nil, nil, nil, nil]
    for v in order {
      switch v {
      case 0: inputs[0] = half
      case 1: inputs[1] = anyOne(below)
      case 2: inputs[2] = negative
      default: inputs[3] = odd
      }
    }
    switch expand(table, order[...], inputs) {
    case .known(let value): return constant(value)
    case .bit(let b): return b
    }
  }

  /// Shannon expansion of `f` over `order`; branches that are constants become single gates.
  private mutating func expand(
    _ f: SmallFunction, _ order: ArraySlice<Int>, _ inputs: [Bit?]
  ) -> Expanded<Bit> {
    if let value = f.constantValue { return .known(value) }
    let v = order.first!
    let f0 = f.cofactor(v, false)
    let f1 = f.cofactor(v, true)
    let rest = order.dropFirst()
    if f0 == f1 { return expand(f0, rest, inputs) }
    let s = inputs[v]!
    let e0 = expand(f0, rest, inputs)
    let e1 = expand(f1, rest, inputs)
    switch (e0, e1) {
    case (.known(let a), .known(let b)): return .bit(choose(s, whenFalse: a, whenTrue: b))
    case (.known(false), .bit(let g)): return .bit(and(s, g))
    case (.known(true), .bit(let g)): return .bit(gate(.implies, s, g))
    case (.bit(let g), .known(false)): return .bit(gate(.notAAndB, s, g))
    case (.bit(let g), .known(true)): return .bit(or(s, g))
    case (.bit(let g0), .bit(let g1)): return .bit(mux(s, whenFalse: g0, whenTrue: g1))
    }
  }

  /// The meaning of `resize(mode, signedness)`: `x` converted to `width` bits, values that do
  /// not fit handled by `mode`.
  package mutating func resized(
    _ x: [Bit], to width: Int, overflow mode: OverflowMode, _ signedness: Signedness
  ) -> [Bit] {
    let wrapped = extended(x, to: width, signedness)
    // Wider targets hold every value, and their most negative code is out of reach.
    if width > x.count { return wrapped }
    switch mode {
    case .wrap:
      return wrapped
    case .wrapSM:
      precondition(signedness == .signed, "WRAP_SM needs a signed format")
      if width == x.count { return wrapped }
      let flip = xor(x[width], wrapped[width - 1])
      return wrapped.map { xor($0, flip) }
    case .sat, .satZero, .satSym:
      return saturated(x, wrapped, mode, signedness)
    }
  }

  /// The saturating modes of ``resized(_:to:overflow:_:)`` for a target no wider than `x`.
  private mutating func saturated(
    _ x: [Bit], _ wrapped: [Bit], _ mode: OverflowMode, _ signedness: Signedness
  ) -> [Bit] {
    let width = wrapped.count
    let fits: Bit
    if width == x.count {
      fits = constant(true)
    } else if signedness == .unsigned {
      fits = not(anyOne(Array(x[width...])))
    } else {
      let sign = x[width - 1]
      fits = allOnes(x[width...].map { xnor($0, sign) })
    }
    if mode == .satZero { return wrapped.map { and(fits, $0) } }
    let negative = signedness == .signed ? x[x.count - 1] : constant(false)
    let maximum = BitVector.maximum(width: width, signedness)
    let minimum = BitVector.minimum(width: width, signedness)
    if mode == .sat || signedness == .unsigned {
      return (0..<width).map { i in
        let limit = choose(negative, whenFalse: maximum[bit: i], whenTrue: minimum[bit: i])
        return mux(fits, whenFalse: limit, whenTrue: wrapped[i])
      }
    }
    // SAT_SYM, signed: the most negative code maps to −max even when it fits.
    let symmetricMinimum = BitVector.sum(
      minimum, BitVector(width: 1, truncating: 1 as UInt64), width: width, .unsigned)
    let isMinimum = and(wrapped[width - 1], not(anyOne(Array(wrapped[0..<(width - 1)]))))
    return (0..<width).map { i in
      let limit = choose(negative, whenFalse: maximum[bit: i], whenTrue: symmetricMinimum[bit: i])
      let inRange = mux(
        isMinimum, whenFalse: wrapped[i], whenTrue: constant(symmetricMinimum[bit: i]))
      return mux(fits, whenFalse: limit, whenTrue: inRange)
    }
  }
}

/// A result of Shannon expansion: a constant or a built bit.
enum Expanded<Bit> {
  case known(Bool)
  case bit(Bit)
}

/// A Boolean function of four variables as a 16-entry truth table (entry `i` is the value
/// when variable `v` equals bit `v` of `i`).
struct SmallFunction: Equatable {
  var table: UInt16

  /// Tabulates `f`, which receives the four variable values.
  init(_ f: ([Bool]) -> Bool) {
    table = 0
    for i in 0..<16 where f((0..<4).map { (i >> $0) & 1 == 1 }) { table |= 1 << UInt16(i) }
  }

  private init(table: UInt16) { self.table = table }

  /// The value when the function is constant.
  var constantValue: Bool? {
    table == 0 ? false : (table == 0xFFFF ? true : nil)
  }

  /// The function with variable `v` fixed to `value`.
  func cofactor(_ v: Int, _ value: Bool) -> SmallFunction {
    var out: UInt16 = 0
    for i in 0..<16 {
      let source = value ? (i | (1 << v)) : (i & ~(1 << v))
      if (table >> UInt16(source)) & 1 == 1 { out |= 1 << UInt16(i) }
    }
    return SmallFunction(table: out)
  }

  /// Whether the function depends on variable `v`.
  func depends(on v: Int) -> Bool { cofactor(v, false) != cofactor(v, true) }

  /// The variables it depends on, ordered so that Shannon expansion needs the fewest gates.
  func cheapestOrder() -> [Int] {
    let variables = (0..<4).filter { depends(on: $0) }
    var best = variables
    var bestCost = Int.max
    for order in Self.permutations(variables) {
      let c = cost(order[...])
      if c < bestCost {
        bestCost = c
        best = order
      }
    }
    return best
  }

  /// Gates that Shannon expansion over `order` builds (a full multiplexer is three).
  private func cost(_ order: ArraySlice<Int>) -> Int {
    if constantValue != nil { return 0 }
    let v = order.first!
    let f0 = cofactor(v, false)
    let f1 = cofactor(v, true)
    if f0 == f1 { return f0.cost(order.dropFirst()) }
    let c0 = f0.cost(order.dropFirst())
    let c1 = f1.cost(order.dropFirst())
    switch (f0.constantValue, f1.constantValue) {
    case (_?, _?): return 0
    case (_?, nil): return 1 + c1
    case (nil, _?): return 1 + c0
    case (nil, nil): return 3 + c0 + c1
    }
  }

  private static func permutations(_ items: [Int]) -> [[Int]] {
    guard items.count > 1 else { return [items] }
    var out: [[Int]] = []
    for (i, first) in items.enumerated() {
      var rest = items
      rest.remove(at: i)
      for tail in permutations(rest) { out.append([first] + tail) }
    }
    return out
  }
}
