/// The float vectors a training tile can be made of, with reductions that compile to a few
/// shuffles and adds (the standard library's `sum()`, `max()` and `pointwiseMax` are
/// lane-by-lane loops). Every reduction adds in a fixed halving order, so results are the
/// same on every machine.
protocol TileVector: SIMD where Scalar == Float {
  /// `(Σ a, Σ b, Σ c, Σ d)`, each summed by halving.
  static func sums(_ a: Self, _ b: Self, _ c: Self, _ d: Self) -> SIMD4<Float>
}

extension SIMD4: TileVector where Scalar == Float {
  @inline(__always)
  static func sums(_ a: Self, _ b: Self, _ c: Self, _ d: Self) -> SIMD4<Float> {
    let a2 = a.lowHalf + a.highHalf
    let b2 = b.lowHalf + b.highHalf
    let c2 = c.lowHalf + c.highHalf
    let d2 = d.lowHalf + d.highHalf
    return SIMD4(a2.x, b2.x, c2.x, d2.x) + SIMD4(a2.y, b2.y, c2.y, d2.y)
  }
}

extension SIMD8: TileVector where Scalar == Float {
  @inline(__always)
  static func sums(_ a: Self, _ b: Self, _ c: Self, _ d: Self) -> SIMD4<Float> {
    SIMD4.sums(
      a.lowHalf + a.highHalf, b.lowHalf + b.highHalf, c.lowHalf + c.highHalf,
      d.lowHalf + d.highHalf)
  }
}

extension SIMD16: TileVector where Scalar == Float {
  @inline(__always)
  static func sums(_ a: Self, _ b: Self, _ c: Self, _ d: Self) -> SIMD4<Float> {
    SIMD8.sums(
      a.lowHalf + a.highHalf, b.lowHalf + b.highHalf, c.lowHalf + c.highHalf,
      d.lowHalf + d.highHalf)
  }
}

extension SIMD32: TileVector where Scalar == Float {
  @inline(__always)
  static func sums(_ a: Self, _ b: Self, _ c: Self, _ d: Self) -> SIMD4<Float> {
    SIMD16.sums(
      a.lowHalf + a.highHalf, b.lowHalf + b.highHalf, c.lowHalf + c.highHalf,
      d.lowHalf + d.highHalf)
  }
}

extension SIMD64: TileVector where Scalar == Float {
  @inline(__always)
  static func sums(_ a: Self, _ b: Self, _ c: Self, _ d: Self) -> SIMD4<Float> {
    SIMD32.sums(
      a.lowHalf + a.highHalf, b.lowHalf + b.highHalf, c.lowHalf + c.highHalf,
      d.lowHalf + d.highHalf)
  }
}

extension SIMD16 where Scalar == Float {
  /// The sum of the lanes, by halving.
  @inline(__always)
  var halvingSum: Float {
    let a = lowHalf + highHalf
    let b = a.lowHalf + a.highHalf
    let c = b.lowHalf + b.highHalf
    return c.x + c.y
  }

  /// The largest lane (NaN-free input assumed), by halving with vector selects.
  @inline(__always)
  var largestLane: Float {
    let a = lowHalf.replacing(with: highHalf, where: highHalf .> lowHalf)
    let b = a.lowHalf.replacing(with: a.highHalf, where: a.highHalf .> a.lowHalf)
    let c = b.lowHalf.replacing(with: b.highHalf, where: b.highHalf .> b.lowHalf)
    return Swift.max(c.x, c.y)
  }
}
