/// A dense row-major matrix of 32-bit integers: one row per sample, one column per feature.
///
/// This is how data sets hold their features (each column's integers are exact decimal
/// mantissas, see ``FeatureColumn/decimalPlaces``) and what the raw-integer encoder hands to
/// fixed-point models.
public struct IntMatrix: Equatable, Sendable {
  /// Number of rows (samples).
  public let rows: Int
  /// Number of columns (features).
  public let columns: Int
  /// The values, row after row: element (r, c) is `values[r * columns + c]`.
  public private(set) var values: [Int32]

  /// A matrix over `values` (row-major; `values.count == rows * columns`).
  public init(rows: Int, columns: Int, values: [Int32]) {
    precondition(rows >= 0 && columns >= 0 && values.count == rows * columns, "shape mismatch")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// Element (row, column).
  public subscript(row: Int, column: Int) -> Int32 {
    get {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "out of range")
      return values[row * columns + column]
    }
    set {
      precondition(row >= 0 && row < rows && column >= 0 && column < columns, "out of range")
      values[row * columns + column] = newValue
    }
  }

  /// The elements of one row.
  public func row(_ row: Int) -> ArraySlice<Int32> {
    precondition(row >= 0 && row < rows, "row out of range")
    return values[row * columns..<(row + 1) * columns]
  }

  /// The elements of one column, top to bottom.
  public func column(_ column: Int) -> [Int32] {
    precondition(column >= 0 && column < columns, "column out of range")
    return (0..<rows).map { values[$0 * columns + column] }
  }

  /// The matrix made of the given rows, in the given order.
  public func selecting(rows indices: [Int]) -> IntMatrix {
    var out = [Int32]()
    out.reserveCapacity(indices.count * columns)
    for r in indices { out += row(r) }
    return IntMatrix(rows: indices.count, columns: columns, values: out)
  }

  /// The first `count` rows (all of them when there are fewer).
  public func prefix(rows count: Int) -> IntMatrix {
    let n = min(max(count, 0), rows)
    return IntMatrix(rows: n, columns: columns, values: Array(values[0..<n * columns]))
  }
}
