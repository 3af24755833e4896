/// What one feature column of a data set holds.
public struct FeatureColumn: Equatable, Sendable {
  /// Where the column's integers come from.
  public enum Kind: Equatable, Sendable {
    /// A numeric source column. The stored integer `m` means exactly `m · 10^−decimalPlaces`
    /// (`decimalPlaces` is the most fractional digits any cell of the column needs, trailing
    /// zeros dropped; 0 for integer columns such as pixels).
    case numeric(decimalPlaces: Int)
    /// One category of a categorical source column, one-hot: 1 when the cell equals
    /// `category`, else 0 (a missing cell, `?`, is 0 in every column of its block).
    case oneHot(column: String, category: String)
  }

  /// The column name: the header name, or `column=category` for a one-hot column.
  public let name: String
  /// What the integers mean.
  public let kind: Kind

  /// A column description.
  public init(name: String, kind: Kind) {
    self.name = name
    self.kind = kind
  }

  /// The exact decimal a stored integer of this column means (`51` → `5.1` at one place).
  public func decimalText(_ value: Int32) -> String {
    DecimalCell(mantissa: Int64(value), places: decimalPlaces).text
  }

  /// The power of ten dividing the stored integers (0 for one-hot columns).
  public var decimalPlaces: Int {
    switch kind {
    case .numeric(let places): return places
    case .oneHot: return 0
    }
  }
}
