import FixedPoint

/// The exact model of a declared-width accumulation, written separately from the kernels:
/// ``BigInt`` sums, the range test and the wrap by floor division.
struct AccumulatorReference {
  let accumulator: Accumulator
  var events = AccumulatorEvents()

  init(_ accumulator: Accumulator) { self.accumulator = accumulator }

  /// The accumulator after adding `terms` in order, starting from zero.
  mutating func accumulate(_ terms: [BigInt]) -> BigInt {
    let w = accumulator.width
    let modulus = BigInt.powerOfTwo(w)
    let half = BigInt.powerOfTwo(w - 1)
    var acc = BigInt(0)
    for p in terms {
      let exact = acc + p
      events.additions += 1
      events.maxBitLength = max(events.maxBitLength, exact.signedBitWidth)
      if exact >= -half && exact < half {
        acc = exact
        continue
      }
      events.overflows += 1
      switch accumulator.overflow {
      case .saturate:
        events.saturations += 1
        acc = exact.isNegative ? -half : half - 1
      case .wrap:
        acc = exact - modulus * (exact + half).floorDivided(by: modulus).quotient
      }
    }
    return acc
  }
}
