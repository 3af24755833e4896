/// A dense row-major matrix of 32-bit integers: one row per sample, one column per feature.
///
/// This is how data sets hold their features (each column's integers are exact decimal
/// mantissas, see ``FeatureColumn/decimalPlaces``) and what the raw-integer encoder hands to
/// fixed-point models. A matrix of bytes (IDX images: 0…255) is stored one byte per element
/// and read as the same 32-bit integers; how a matrix is stored never changes its values.
public struct IntMatrix: Equatable, Sendable {
  /// How the elements are held.
  private enum Storage: Sendable {
    /// 32-bit integers.
    case words([Int32])
    /// Bytes, each the integer 0…255.
    case bytes([UInt8])
  }

  /// Number of rows (samples).
  public let rows: Int
  /// Number of columns (features).
  public let columns: Int
  private let storage: Storage

  /// A matrix over `values` (row-major; `values.count == rows * columns`).
  public init(rows: Int, columns: Int, values: [Int32]) {
    precondition(rows >= 0 && columns >= 0 && values.count == rows * columns, "shape mismatch")
    self.rows = rows
    self.columns = columns
    storage = .words(values)
  }

  /// A matrix of the integers 0…255 held one byte each (row-major;
  /// `bytes.count == rows * columns`).
  public init(rows: Int, columns: Int, bytes: [UInt8]) {
    precondition(rows >= 0 && columns >= 0 && bytes.count == rows * columns, "shape mismatch")
    self.rows = rows
    self.columns = columns
    storage = .bytes(bytes)
  }

  /// The values, row after row: element (r, c) is `values[r * columns + c]`. For a matrix of
  /// bytes this builds the 32-bit copy: loops over large matrices use ``forEachRow(_:)``.
  public var values: [Int32] {
    switch storage {
    case .words(let words): return words
    case .bytes(let bytes): return bytes.map { Int32($0) }
    }
  }

  /// Bytes per element as stored: 1 for a matrix of bytes, else 4.
  package var bytesPerElement: Int {
    switch storage {
    case .words: return 4
    case .bytes: return 1
    }
  }

  /// Element (row, column).
  public subscript(row: Int, column: Int) -> Int32 {
    precondition(row >= 0 && row < rows && column >= 0 && column < columns, "out of range")
    switch storage {
    case .words(let words): return words[row * columns + column]
    case .bytes(let bytes): return Int32(bytes[row * columns + column])
    }
  }

  /// The elements of one row.
  public func row(_ row: Int) -> [Int32] {
    precondition(row >= 0 && row < rows, "row out of range")
    let range = row * columns..<(row + 1) * columns
    switch storage {
    case .words(let words): return Array(words[range])
    case .bytes(let bytes): return bytes[range].map { Int32($0) }
    }
  }

  /// The elements of one column, top to bottom.
  public func column(_ column: Int) -> [Int32] {
    precondition(column >= 0 && column < columns, "column out of range")
    return (0..<rows).map { self[$0, column] }
  }

  /// Calls `body` with each row index and that row's elements, in order (for a matrix of
  /// bytes, widened into a buffer reused from row to row).
  package func forEachRow(_ body: (Int, UnsafeBufferPointer<Int32>) throws -> Void) rethrows {
    switch storage {
    case .words(let words):
      try words.withUnsafeBufferPointer { all in
        for r in 0..<rows {
          try body(r, UnsafeBufferPointer(rebasing: all[r * columns..<(r + 1) * columns]))
        }
      }
    case .bytes(let bytes):
      var scratch = [Int32](repeating: 0, count: columns)
      try bytes.withUnsafeBufferPointer { all in
        try scratch.withUnsafeMutableBufferPointer { row in
          for r in 0..<rows {
            for c in 0..<columns { row[c] = Int32(all[r * columns + c]) }
            try body(r, UnsafeBufferPointer(row))
          }
        }
      }
    }
  }

  /// The matrix made of the given rows, in the given order (stored as this one is).
  package func selecting(rows indices: [Int]) -> IntMatrix {
    for r in indices { precondition(r >= 0 && r < rows, "row out of range") }
    func gather<T>(_ all: [T]) -> [T] {
      var out = [T]()
      out.reserveCapacity(indices.count * columns)
      for r in indices { out += all[r * columns..<(r + 1) * columns] }
      return out
    }
    switch storage {
    case .words(let words):
      return IntMatrix(rows: indices.count, columns: columns, values: gather(words))
    case .bytes(let bytes):
      return IntMatrix(rows: indices.count, columns: columns, bytes: gather(bytes))
    }
  }

  /// The matrix made of the given columns of every row, in the given order (stored as this
  /// one is).
  package func selecting(columns indices: [Int]) -> IntMatrix {
    for c in indices { precondition(c >= 0 && c < columns, "column out of range") }
    func gather<T>(_ all: [T]) -> [T] {
      var out = [T]()
      out.reserveCapacity(rows * indices.count)
      for r in 0..<rows {
        let base = r * columns
        for c in indices { out.append(all[base + c]) }
      }
      return out
    }
    switch storage {
    case .words(let words):
      return IntMatrix(rows: rows, columns: indices.count, values: gather(words))
    case .bytes(let bytes):
      return IntMatrix(rows: rows, columns: indices.count, bytes: gather(bytes))
    }
  }

  /// The first `count` rows (all of them when there are fewer).
  public func prefix(rows count: Int) -> IntMatrix {
    let n = min(max(count, 0), rows)
    switch storage {
    case .words(let words):
      return IntMatrix(rows: n, columns: columns, values: Array(words[0..<n * columns]))
    case .bytes(let bytes):
      return IntMatrix(rows: n, columns: columns, bytes: Array(bytes[0..<n * columns]))
    }
  }

  /// Equal shapes and equal elements, however each matrix is stored.
  public static func == (lhs: IntMatrix, rhs: IntMatrix) -> Bool {
    guard lhs.rows == rhs.rows, lhs.columns == rhs.columns else { return false }
    switch (lhs.storage, rhs.storage) {
    case (.words(let a), .words(let b)): return a == b
    case (.bytes(let a), .bytes(let b)): return a == b
    default: return lhs.values == rhs.values
    }
  }
}
