/// Passes features through as integers and records the bit width each needs.
///
/// Column `c`'s width is the smallest two's-complement width holding every value of column
/// `c` in the matrices it was built from (train and test: an input port must carry every
/// sample): for a column whose minimum is ≥ 0, the unsigned width of its maximum (at least
/// 1); otherwise the signed width of its range. The values are never changed.
public struct RawIntegerEncoder: Equatable, Sendable {
  /// Bits per feature column.
  public let bitWidths: [Int]
  /// Whether each column has negative values (two's complement).
  public let isSigned: [Bool]

  /// Widths covering every value of `matrices` (same column count, at least one matrix).
  public init(covering matrices: [IntMatrix]) {
    precondition(!matrices.isEmpty, "no matrices")
    let columns = matrices[0].columns
    var low = [Int32](repeating: 0, count: columns)
    var high = [Int32](repeating: 0, count: columns)
    for m in matrices {
      precondition(m.columns == columns, "column counts differ")
      m.forEachRow { _, row in
        for c in 0..<columns {
          low[c] = min(low[c], row[c])
          high[c] = max(high[c], row[c])
        }
      }
    }
    isSigned = low.map { $0 < 0 }
    bitWidths = (0..<columns).map { c in
      let magnitudeBits = { (v: Int32) in 32 - v.leadingZeroBitCount }
      if low[c] >= 0 { return max(1, magnitudeBits(high[c])) }
      return 1 + max(magnitudeBits(~low[c]), magnitudeBits(high[c]))
    }
  }

  /// The total width of one sample.
  public var inputBitCount: Int { bitWidths.reduce(0, +) }

  /// The inputs, unchanged.
  public func encode(_ inputs: IntMatrix) -> IntMatrix {
    precondition(inputs.columns == bitWidths.count, "column count differs")
    return inputs
  }
}
