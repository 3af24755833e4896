/// The smallest and largest value of each column of a matrix, found in one row-major pass.
struct ColumnRanges {
  /// Column minima.
  var low: [Int32]
  /// Column maxima.
  var high: [Int32]

  /// The ranges of `matrix`'s columns (at least one row).
  init(_ matrix: IntMatrix) {
    precondition(matrix.rows > 0, "no rows")
    let columns = matrix.columns
    low = Array(matrix.row(0))
    high = low
    low.withUnsafeMutableBufferPointer { low in
      high.withUnsafeMutableBufferPointer { high in
        matrix.forEachRow { _, row in
          for c in 0..<columns {
            low[c] = min(low[c], row[c])
            high[c] = max(high[c], row[c])
          }
        }
      }
    }
  }
}

/// Order statistics of every column of a matrix: the value of 0-based rank `i` is element `i`
/// of the column sorted ascending.
///
/// A column whose range is at most the row count (+ 256) is counted into a histogram, so the
/// histograms never take much more memory than the matrix; any other column is copied out
/// and sorted. Both give the same exact answer.
enum ColumnOrderStatistics {
  /// For each column (in order), the values at `ranks` (each in `0 ..< rows`), concatenated.
  static func values(of matrix: IntMatrix, ranges: ColumnRanges, atRanks ranks: [Int]) -> [Int32] {
    let rows = matrix.rows
    let columns = matrix.columns
    // Per column: a histogram slice (offset, size) or a slot in the gathered copy.
    var histogramOffset = [Int](repeating: -1, count: columns)
    var gatherSlot = [Int](repeating: -1, count: columns)
    var histogramSize = 0
    var gathered = 0
    for c in 0..<columns {
      let span = Int(ranges.high[c]) - Int(ranges.low[c]) + 1
      if span <= rows + 256 {
        histogramOffset[c] = histogramSize
        histogramSize += span
      } else {
        gatherSlot[c] = gathered
        gathered += 1
      }
    }
    var histogram = [Int32](repeating: 0, count: histogramSize)
    var copies = [Int32](repeating: 0, count: gathered * rows)
    histogram.withUnsafeMutableBufferPointer { h in
      copies.withUnsafeMutableBufferPointer { g in
        matrix.forEachRow { r, row in
          for c in 0..<columns {
            let x = row[c]
            if histogramOffset[c] >= 0 {
              h[histogramOffset[c] + Int(x) - Int(ranges.low[c])] &+= 1
            } else {
              g[gatherSlot[c] * rows + r] = x
            }
          }
        }
      }
    }
    var out: [Int32] = []
    out.reserveCapacity(columns * ranks.count)
    for c in 0..<columns {
      if histogramOffset[c] >= 0 {
        var below = 0
        var value = 0
        for rank in ranks {
          while below + Int(histogram[histogramOffset[c] + value]) <= rank {
            below += Int(histogram[histogramOffset[c] + value])
            value += 1
          }
          out.append(Int32(Int(ranges.low[c]) + value))
        }
      } else {
        let column = copies[gatherSlot[c] * rows..<(gatherSlot[c] + 1) * rows].sorted()
        for rank in ranks { out.append(column[column.startIndex + rank]) }
      }
    }
    return out
  }
}
